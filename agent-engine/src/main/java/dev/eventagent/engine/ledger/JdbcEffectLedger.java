package dev.eventagent.engine.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EffectLedger} over JDBC: PostgreSQL in production, an embedded H2 file database by
 * default. The SQL is the portable subset both accept; duplicate keys (SQLState 23505) tell a
 * second writer that an entry exists. Connections come from a fixed HikariCP pool of
 * {@code pool-size} connections ({@value #POOL_NAME}): opening fails when the database cannot be
 * reached, and later a call that gets no working connection within {@code connection-timeout}
 * fails as transient, so that the event waits and retries; the pool replaces broken connections.
 * HikariCP's own meters measure the pool ({@code hikaricp_connections_active{pool="agent-ledger"}},
 * {@code hikaricp_connections_pending}, {@code hikaricp_connections_acquire_seconds}, …).
 */
public final class JdbcEffectLedger implements EffectLedger {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEffectLedger.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** The pool's name, in logs and metrics. */
    public static final String POOL_NAME = "agent-ledger";

    private final String url;
    private final HikariDataSource pool;
    private final Clock clock;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ledger-expiry");
        thread.setDaemon(true);
        return thread;
    });

    private JdbcEffectLedger(String url, HikariDataSource pool, Clock clock) {
        this.url = url;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Opens the ledger and creates its tables when missing.
     *
     * @param url the JDBC URL
     * @param username the user, or empty
     * @param password the password, or empty
     * @param poolSize connections to keep open
     * @param connectionTimeout how long a call waits for a connection before failing as transient
     * @param clock the engine's clock
     * @param meters where the pool's meters go
     * @return the ledger
     * @throws IllegalStateException when the database cannot be reached, naming the URL
     */
    public static JdbcEffectLedger open(String url, String username, String password, int poolSize,
            Duration connectionTimeout, Clock clock, MeterRegistry meters) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(url);
        if (!username.isEmpty()) {
            config.setUsername(username);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(5_000, connectionTimeout.toMillis())));
        config.setAutoCommit(true);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unreachable(url, e);
        }
        JdbcEffectLedger ledger = new JdbcEffectLedger(url, pool, clock);
        try {
            ledger.bootstrap();
            return ledger;
        } catch (SQLException e) {
            pool.close();
            throw unreachable(url, e);
        }
    }

    private static IllegalStateException unreachable(String url, Exception e) {
        Throwable cause = e.getCause() instanceof SQLException sql ? sql : e;
        return new IllegalStateException("cannot open the effect ledger at " + url + " (agent.ledger.url): "
                + cause.getMessage() + " — check that the database runs and accepts agent.ledger.username", e);
    }

    private void bootstrap() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS agent_effects ("
                    + "idempotency_key VARCHAR(1024) PRIMARY KEY, event_id VARCHAR(512) NOT NULL, "
                    + "tool VARCHAR(128) NOT NULL, status VARCHAR(16) NOT NULL, result VARCHAR(1048576), "
                    + "updated_at TIMESTAMP NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS agent_plans (event_id VARCHAR(512) NOT NULL, "
                    + "round_no INTEGER NOT NULL, plan VARCHAR(1048576) NOT NULL, created_at TIMESTAMP NOT NULL, "
                    + "PRIMARY KEY (event_id, round_no))");
        }
    }

    @Override
    public Begun begin(String idempotencyKey, String eventId, String tool) {
        return withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO agent_effects "
                    + "(idempotency_key, event_id, tool, status, result, updated_at) VALUES (?, ?, ?, 'PENDING', NULL, ?)")) {
                insert.setString(1, idempotencyKey);
                insert.setString(2, eventId);
                insert.setString(3, tool);
                insert.setTimestamp(4, now());
                insert.executeUpdate();
                return new Begun(Prior.NONE, null);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT status, result FROM agent_effects WHERE idempotency_key = ?")) {
                select.setString(1, idempotencyKey);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return new Begun(Prior.PENDING, null);
                    }
                    if ("DONE".equals(rows.getString(1))) {
                        return new Begun(Prior.DONE, parse(rows.getString(2)));
                    }
                    return new Begun(Prior.PENDING, null);
                }
            }
        });
    }

    @Override
    public void complete(String idempotencyKey, Map<String, Object> result) {
        withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE agent_effects SET status = 'DONE', "
                    + "result = ?, updated_at = ? WHERE idempotency_key = ?")) {
                update.setString(1, Json.write(result));
                update.setTimestamp(2, now());
                update.setString(3, idempotencyKey);
                update.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public void abandon(String idempotencyKey) {
        withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agent_effects WHERE idempotency_key = ? AND status = 'PENDING'")) {
                delete.setString(1, idempotencyKey);
                delete.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public Optional<String> recordedPlan(String eventId, int round) {
        return withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT plan FROM agent_plans WHERE event_id = ? AND round_no = ?")) {
                select.setString(1, eventId);
                select.setInt(2, round);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void recordPlan(String eventId, int round, String planJson) {
        withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO agent_plans (event_id, round_no, plan, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, eventId);
                insert.setInt(2, round);
                insert.setString(3, planJson);
                insert.setTimestamp(4, now());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public int expire(Duration retention) {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        return withConnection(connection -> {
            int deleted = 0;
            try (PreparedStatement effects = connection.prepareStatement("DELETE FROM agent_effects WHERE updated_at < ?");
                    PreparedStatement plans = connection.prepareStatement("DELETE FROM agent_plans WHERE created_at < ?")) {
                effects.setTimestamp(1, cutoff);
                plans.setTimestamp(1, cutoff);
                deleted += effects.executeUpdate();
                deleted += plans.executeUpdate();
            }
            return deleted;
        });
    }

    /**
     * Deletes expired entries periodically, in the background.
     *
     * @param period how often
     * @param retention how long entries are kept
     */
    public void expireEvery(Duration period, Duration retention) {
        expiry.scheduleAtFixedRate(() -> {
            try {
                int deleted = expire(retention);
                LOG.info("Effect ledger: {} entries older than {} deleted", deleted, retention);
            } catch (RuntimeException e) {
                LOG.warn("Effect ledger expiry failed (retried in {}): {}", period, e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        expiry.shutdownNow();
        pool.close();
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new TransientToolException("the effect ledger at " + url + " failed: " + e.getMessage(), e);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Map<String, Object> parse(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("the effect ledger holds a result that is not JSON: " + e.getMessage(), e);
        }
    }
}
