package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventagent.api.Health;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.TransientToolException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * The plugin's one connection pool and the way every tool uses it: each call runs in its own
 * transaction whose {@code statement_timeout} is the time left before the call's deadline, and
 * every WRITE call first records its idempotency key in {@code tool_call_receipts} in the same
 * transaction, so a redelivered call finds its receipt and changes nothing.
 */
final class PostgresDatabase implements AutoCloseable {

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        /**
         * Does the work.
         *
         * @param connection the connection, in a transaction the caller commits
         * @return the result
         * @throws SQLException when a statement fails
         */
        T run(Connection connection) throws SQLException;
    }

    /** The work of a WRITE call. */
    @FunctionalInterface
    interface WriteWork<T> {
        /**
         * Does the work.
         *
         * @param connection the connection, in a transaction the caller commits
         * @param replay true when the call's idempotency key was already applied: change nothing,
         *     just describe the result
         * @return the result
         * @throws SQLException when a statement fails
         */
        T run(Connection connection, boolean replay) throws SQLException;
    }

    private static final String INSERT_RECEIPT = "INSERT INTO tool_call_receipts (idempotency_key, tool_name, event_id)"
            + " VALUES (?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING";
    private static final String SELECT_RECEIPT = "SELECT 1 FROM tool_call_receipts WHERE idempotency_key = ?";

    /** How long the health probe may take to connect, and to answer. */
    static final int PROBE_TIMEOUT_SECONDS = 2;

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private final Clock clock;

    private PostgresDatabase(PostgresSettings settings, HikariDataSource pool, Clock clock) {
        this.settings = settings;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Builds the pool without connecting: the plugin must start while the server is down. The
     * pool connects on first use (and keeps trying in the background to hold one idle
     * connection); a call that finds no connection within {@code connection-timeout} fails as
     * transient.
     *
     * @param settings the plugin's settings
     * @param clock the engine's clock, for deadlines
     * @param metrics where the pool's measurements go ({@link PoolMetrics})
     * @return the database
     */
    static PostgresDatabase open(PostgresSettings settings, Clock clock, Metrics metrics) {
        requireNonNull(settings, "settings is null");
        requireNonNull(clock, "clock is null");
        HikariConfig config = new HikariConfig();
        config.setPoolName("event-agent-postgres");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        long timeoutMillis = settings.connectionTimeout().toMillis();
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(timeoutMillis);
        config.setValidationTimeout(Math.min(5_000, timeoutMillis));
        // Negative: the pool starts without trying a connection, whatever the server's state.
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(false);
        config.addDataSourceProperty("ApplicationName", "event-agent");
        config.addDataSourceProperty("connectTimeout", Long.toString(connectTimeoutSeconds(timeoutMillis)));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setMetricsTrackerFactory(new PoolMetrics(metrics));
        return new PostgresDatabase(settings, new HikariDataSource(config), clock);
    }

    /**
     * Runs work in a transaction bounded by the call's deadline and commits it.
     *
     * @param call the call, for its deadline and name
     * @param work the work
     * @param <T> the result type
     * @return the result
     * @throws dev.eventagent.api.ToolException the failure, categorised
     */
    <T> T inTransaction(ToolCall call, SqlWork<T> work) {
        Duration left = Duration.between(clock.instant(), call.deadline());
        if (left.isNegative() || left.isZero()) {
            throw new TransientToolException(call.toolName() + ": the call's deadline passed before it started", null);
        }
        try (Connection connection = pool.getConnection()) {
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL statement_timeout = " + Math.max(1, left.toMillis()));
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw PostgresFailures.toToolException(call.toolName(), settings.safeUrl(), e);
        }
    }

    /**
     * Runs a WRITE call: records the idempotency key and runs the work, in one transaction.
     *
     * @param call the call
     * @param work the work, told whether the key was already applied
     * @param <T> the result type
     * @return the result
     */
    <T> T write(ToolCall call, WriteWork<T> work) {
        return inTransaction(call, connection -> {
            boolean fresh;
            try (PreparedStatement statement = connection.prepareStatement(INSERT_RECEIPT)) {
                statement.setString(1, call.idempotencyKey());
                statement.setString(2, call.toolName());
                statement.setString(3, call.eventId());
                fresh = statement.executeUpdate() == 1;
            }
            return work.run(connection, !fresh);
        });
    }

    /**
     * Whether a WRITE call's idempotency key was already applied (to skip costly work before
     * {@link #write} confirms it).
     *
     * @param call the call
     * @return true when its receipt exists
     */
    boolean applied(ToolCall call) {
        return inTransaction(call, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_RECEIPT)) {
                statement.setString(1, call.idempotencyKey());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * A connection for start-up work (bootstrap); the caller commits and closes it.
     *
     * @return a pooled connection with auto-commit off
     * @throws SQLException when none can be had
     */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Probes the server on a connection of its own (not the pool's, whose wait is the longer
     * {@code connection-timeout}): at most about {@value #PROBE_TIMEOUT_SECONDS} seconds to
     * connect and as long to answer.
     *
     * @param vectorSearch what to say about the vector search, for the detail
     * @return up with the server version, or down with the reason; never throws
     */
    Health health(String vectorSearch) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.username());
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "event-agent-health");
        properties.setProperty("connectTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
        try (Connection connection = new Driver().connect(settings.jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            try (ResultSet row = statement.executeQuery(
                    "SELECT current_setting('server_version'), current_database()")) {
                row.next();
                return Health.up(settings.safeUrl() + ": PostgreSQL " + row.getString(1) + ", database "
                        + row.getString(2) + ", " + vectorSearch);
            }
        } catch (SQLException | RuntimeException e) {
            String state = e instanceof SQLException sql && sql.getSQLState() != null
                    ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
            return Health.down(settings.safeUrl() + ": " + firstLine(e.getMessage()) + state);
        }
    }

    /**
     * The URL without credentials.
     *
     * @return the safe URL
     */
    String safeUrl() {
        return settings.safeUrl();
    }

    /**
     * The pool, for its figures.
     *
     * @return the pool
     */
    HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static long connectTimeoutSeconds(long timeoutMillis) {
        return Math.max(1, (timeoutMillis + 999) / 1000);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
