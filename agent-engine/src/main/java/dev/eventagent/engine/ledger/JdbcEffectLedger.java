package dev.eventagent.engine.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EffectLedger} over JDBC: PostgreSQL in production, an embedded H2 file database by
 * default. The SQL is the portable subset both accept; duplicate keys (SQLState 23505) tell a
 * second writer that an entry exists. Connections come from a small fixed pool.
 */
public final class JdbcEffectLedger implements EffectLedger {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEffectLedger.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final String url;
    private final String username;
    private final String password;
    private final BlockingQueue<Connection> pool;
    private final Clock clock;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ledger-expiry");
        thread.setDaemon(true);
        return thread;
    });

    private JdbcEffectLedger(String url, String username, String password, BlockingQueue<Connection> pool,
            Clock clock) {
        this.url = url;
        this.username = username;
        this.password = password;
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
     * @param clock the engine's clock
     * @return the ledger
     * @throws IllegalStateException when the database cannot be reached, naming the URL
     */
    public static JdbcEffectLedger open(String url, String username, String password, int poolSize, Clock clock) {
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(poolSize);
        try {
            for (int i = 0; i < poolSize; i++) {
                Connection connection = DriverManager.getConnection(url, username, password);
                connection.setAutoCommit(true);
                pool.add(connection);
            }
            JdbcEffectLedger ledger = new JdbcEffectLedger(url, username, password, pool, clock);
            ledger.bootstrap();
            return ledger;
        } catch (SQLException e) {
            pool.forEach(JdbcEffectLedger::closeQuietly);
            throw new IllegalStateException("cannot open the effect ledger at " + url + " (agent.ledger.url): "
                    + e.getMessage(), e);
        }
    }

    private void bootstrap() throws SQLException {
        Connection connection = take();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS agent_effects ("
                    + "idempotency_key VARCHAR(1024) PRIMARY KEY, event_id VARCHAR(512) NOT NULL, "
                    + "tool VARCHAR(128) NOT NULL, status VARCHAR(16) NOT NULL, result VARCHAR(1048576), "
                    + "updated_at TIMESTAMP NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS agent_plans (event_id VARCHAR(512) NOT NULL, "
                    + "round_no INTEGER NOT NULL, plan VARCHAR(1048576) NOT NULL, created_at TIMESTAMP NOT NULL, "
                    + "PRIMARY KEY (event_id, round_no))");
        } finally {
            pool.add(connection);
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
        Connection connection;
        while ((connection = pool.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        Connection connection = take();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            connection = replaceIfBroken(connection);
            throw new TransientToolException("the effect ledger at " + url + " failed: " + e.getMessage(), e);
        } finally {
            pool.add(connection);
        }
    }

    /** A connection that failed is checked; a dead one is replaced (or retried on the next use). */
    private Connection replaceIfBroken(Connection connection) {
        try {
            if (connection.isValid(2)) {
                return connection;
            }
        } catch (SQLException ignored) {
            // treated as broken below
        }
        closeQuietly(connection);
        try {
            Connection fresh = DriverManager.getConnection(url, username, password);
            fresh.setAutoCommit(true);
            return fresh;
        } catch (SQLException e) {
            return connection;
        }
    }

    private Connection take() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted while waiting for a ledger connection", e);
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

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing on shutdown: nothing left to do with the error
        }
    }
}
