/**
 * {@code event-agent demo}: the main job on embedded defaults (a single-node broker, a local
 * backend per plugin, the example events, a report), and in {@code bench} the benchmark. This
 * module lives in the distribution's {@code demo/} folder with the broker it needs; the service
 * never loads it.
 */
package dev.eventagent.demo;
