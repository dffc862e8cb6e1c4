/**
 * The Event Agent plugin SPI.
 *
 * <p>A tools module implements {@link dev.eventagent.api.ToolPlugin}, lists it in
 * {@code META-INF/services/dev.eventagent.api.ToolPlugin}, and takes this module with Maven scope
 * {@code provided}. The engine creates the plugin once with a {@link dev.eventagent.api.PluginContext}
 * and receives a {@link dev.eventagent.api.PluginInstance} holding its {@link dev.eventagent.api.Tool}s
 * and long-lived clients.
 *
 * <p>This package depends on the JDK only. Values exchanged with tools are plain JSON-shaped Java
 * objects: {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}.
 *
 * @since 0.1
 */
package dev.eventagent.api;
