package dev.eventagent.tools.neo4j;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.Health;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.async.AsyncSession;
import org.neo4j.driver.async.ResultCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's one long-lived, pooled Neo4j driver, and how every tool call uses it: a fresh
 * session per call over the shared pool, one managed transaction ({@code executeWrite} /
 * {@code executeRead}) whose server-side timeout is the call's remaining time (at most
 * {@code transaction-timeout}), tagged with the tool and event id in its metadata.
 *
 * <p>Retries: the driver's managed transactions retry transient errors (deadlocks between
 * concurrent MERGEs, leader switches, lost connections) while {@code max-transaction-retry-time}
 * has not passed (2 s by default: with the driver's 1 s, 2 s backoff the last attempt starts within
 * about 3.6 s; 0 turns it off). What outlives that is thrown as {@link TransientToolException} and
 * retried by the engine with its own backoff. Both layers are bounded, and re-running a
 * transaction is safe because every write is idempotent.
 *
 * <p>The schema bootstrap runs once, at start-up when the server answers, otherwise before the
 * first call that finds it up.
 */
final class Neo4jGraphClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Neo4jGraphClient.class);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(4);
    private static final String HEALTH_QUERY =
            "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition";

    private final Neo4jSettings settings;
    private final Clock clock;
    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final ReentrantLock schemaLock = new ReentrantLock();
    private volatile boolean schemaReady;

    private Neo4jGraphClient(Neo4jSettings settings, Clock clock, Driver driver) {
        this.settings = settings;
        this.clock = clock;
        this.driver = driver;
        this.sessionConfig = settings.database().isEmpty()
                ? SessionConfig.defaultConfig()
                : SessionConfig.forDatabase(settings.database());
        this.schemaReady = !settings.bootstrap();
    }

    /**
     * Creates the driver and, when the server answers at once, runs the schema bootstrap; when it
     * does not, the plugin still starts (calls fail as transient and the bootstrap runs on the
     * first call that reaches the server).
     *
     * @param settings the plugin settings
     * @param clock the engine's clock, for deadlines
     * @return the client
     * @throws ToolException of category PERMANENT when the server refuses the bootstrap for good
     *     (credentials, permissions); an unreachable server only defers it
     */
    static Neo4jGraphClient connect(Neo4jSettings settings, Clock clock) {
        requireNonNull(settings, "settings is null");
        requireNonNull(clock, "clock is null");
        AuthToken auth = settings.password().isEmpty()
                ? AuthTokens.none()
                : AuthTokens.basic(settings.username(), settings.password());
        Config config = Config.builder()
                .withMaxConnectionPoolSize(settings.maxConnectionPoolSize())
                .withConnectionAcquisitionTimeout(settings.connectionAcquisitionTimeout().toMillis(),
                        TimeUnit.MILLISECONDS)
                .withConnectionTimeout(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withMaxTransactionRetryTime(settings.maxTransactionRetryTime().toMillis(), TimeUnit.MILLISECONDS)
                .withUserAgent("event-agent-neo4j")
                .withLogging(Logging.slf4j())
                .build();
        Driver driver = GraphDatabase.driver(settings.uri(), auth, config);
        Neo4jGraphClient client = new Neo4jGraphClient(settings, clock, driver);
        try {
            // one attempt, no retries: a server that is down must not hold up the start-up
            driver.verifyConnectivity();
            client.ensureSchema();
        } catch (RuntimeException e) {
            ToolException failure = Neo4jFailures.translate("bootstrap", settings, e);
            if (failure.category() != ErrorCategory.TRANSIENT) {
                client.close();
                throw failure;
            }
            LOG.warn("Neo4j schema bootstrap deferred until the server answers: {}", failure.getMessage());
        }
        return client;
    }

    /**
     * Runs a write transaction for a call.
     *
     * @param call the call, for its deadline, name and event id
     * @param work the transaction function; it may run more than once (driver retries)
     * @param <T> what it returns
     * @return what the function returned in the committed attempt
     * @throws ToolException when it fails
     */
    <T> T write(ToolCall call, TransactionCallback<T> work) {
        return execute(call, true, work);
    }

    /**
     * Runs a read transaction for a call.
     *
     * @param call the call
     * @param work the transaction function
     * @param <T> what it returns
     * @return what the function returned
     * @throws ToolException when it fails
     */
    <T> T read(ToolCall call, TransactionCallback<T> work) {
        return execute(call, false, work);
    }

    private <T> T execute(ToolCall call, boolean write, TransactionCallback<T> work) {
        TransactionConfig transaction = transactionConfig(call);
        try {
            ensureSchema();
            try (Session session = driver.session(sessionConfig)) {
                return write ? session.executeWrite(work, transaction) : session.executeRead(work, transaction);
            }
        } catch (RuntimeException e) {
            throw Neo4jFailures.translate(call.toolName(), settings, e);
        }
    }

    private TransactionConfig transactionConfig(ToolCall call) {
        Duration remaining = Duration.between(clock.instant(), call.deadline());
        if (remaining.toMillis() <= 0) {
            throw new TransientToolException(call.toolName() + ": the call's deadline " + call.deadline()
                    + " passed before it reached Neo4j at " + settings.target(), null);
        }
        Duration timeout = remaining.compareTo(settings.transactionTimeout()) < 0
                ? Duration.ofMillis(remaining.toMillis())
                : settings.transactionTimeout();
        return TransactionConfig.builder()
                .withTimeout(timeout)
                .withMetadata(Map.of("app", "event-agent", "tool", call.toolName(), "event_id", call.eventId()))
                .build();
    }

    private void ensureSchema() {
        if (schemaReady) {
            return;
        }
        // Only while the server was down at start-up: one caller bootstraps, the others fail fast
        // as transient instead of queueing behind its retries.
        if (!schemaLock.tryLock()) {
            throw new TransientToolException("the schema bootstrap at Neo4j " + settings.target()
                    + " is still running; the call will be retried", null);
        }
        try {
            if (schemaReady) {
                return;
            }
            try (Session session = driver.session(sessionConfig)) {
                for (String statement : GraphSchema.STATEMENTS) {
                    session.executeWriteWithoutResult(tx -> tx.run(statement).consume());
                }
            }
            schemaReady = true;
            LOG.info("Neo4j schema bootstrap done at {}: {} constraints and indexes ensured",
                    settings.target(), GraphSchema.STATEMENTS.size());
        } finally {
            schemaLock.unlock();
        }
    }

    /**
     * Probes the server: the configured database answers a read within a few seconds.
     *
     * @return up with the server's version, or down with the reason; never throws
     */
    Health health() {
        AsyncSession session;
        try {
            session = driver.session(AsyncSession.class, sessionConfig);
        } catch (RuntimeException e) {
            return Health.down(settings.target() + ": " + e.getMessage());
        }
        try {
            // auto-commit, so the driver does not retry: a probe reports what it sees now
            TransactionConfig probe = TransactionConfig.builder().withTimeout(HEALTH_TIMEOUT).build();
            Record record = session.runAsync(HEALTH_QUERY, probe)
                    .thenCompose(ResultCursor::singleAsync)
                    .toCompletableFuture()
                    .get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String detail = settings.target() + ": " + record.get("name").asString() + " "
                    + record.get("version").asString() + " " + record.get("edition").asString();
            return Health.up(schemaReady ? detail : detail + " (schema bootstrap pending)");
        } catch (TimeoutException e) {
            return Health.down(settings.target() + ": no answer within " + HEALTH_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Health.down(settings.target() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(settings.target() + ": interrupted while probing");
        } catch (RuntimeException e) {
            return Health.down(settings.target() + ": " + e.getMessage());
        } finally {
            session.closeAsync();
        }
    }

    /**
     * Where the client connects.
     *
     * @return the settings
     */
    Neo4jSettings settings() {
        return settings;
    }

    /** Closes the driver and its pool. */
    @Override
    public void close() {
        driver.close();
    }
}
