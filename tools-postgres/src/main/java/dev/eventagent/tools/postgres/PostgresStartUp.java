package dev.eventagent.tools.postgres;

import dev.eventagent.api.LazyStartUp;
import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's start-up work, run on the first call rather than in
 * {@link PostgresToolPlugin#create}, so that the plugin starts while PostgreSQL is down: the
 * schema bootstrap (when {@code bootstrap = true}), the choice of vector search (logged), and
 * the recording of the embedding space. It runs once when it succeeds and again on the next call
 * after a failure; concurrent first calls wait for one attempt (see {@link LazyStartUp}).
 *
 * <p>A failure reaches the call in the SPI's categories: an unreachable server is transient
 * (the engine keeps the event and retries), what the user must fix (a missing database, a
 * refused password, {@code vector.mode = pgvector} without pgvector) is permanent.
 */
final class PostgresStartUp {

    /**
     * What start-up produced.
     *
     * @param search the vector search chosen
     * @param vectors the profile vectors, searched that way
     */
    record Done(VectorSearch search, ProfileVectors vectors) {
        /** Validates the fields. */
        Done {
            requireNonNull(search, "search is null");
            requireNonNull(vectors, "vectors is null");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStartUp.class);

    private final PostgresDatabase database;
    private final PostgresSettings settings;
    private final Embedder embedder;
    private final Clock clock;
    private final LazyStartUp<Done> startUp = new LazyStartUp<>(this::run);

    /**
     * Prepares the start-up; nothing is run yet.
     *
     * @param database the database (its pool has not connected yet)
     * @param settings the settings
     * @param embedder the shared embedder (the engine caches its vectors)
     * @param clock the engine's clock, for deadlines
     */
    PostgresStartUp(PostgresDatabase database, PostgresSettings settings, Embedder embedder, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Start-up for a call: done at once after the first success, otherwise run (or waited for).
     *
     * @param call the call that needs it
     * @return what start-up produced
     * @throws ToolException transient while the server is unreachable or the call's deadline
     *     passes first, permanent for what the user must fix
     */
    Done await(ToolCall call) {
        return await(call.toolName(), call.deadline());
    }

    /**
     * Start-up for a call: done at once after the first success, otherwise run (or waited for).
     *
     * @param tool the name of the tool that needs it, for messages
     * @param deadline the call's deadline, for how long to wait for another call's attempt
     * @return what start-up produced
     * @throws ToolException transient while the server is unreachable or the call's deadline
     *     passes first, permanent for what the user must fix
     */
    Done await(String tool, Instant deadline) {
        Optional<Done> done = startUp.done();
        if (done.isPresent()) {
            return done.get();
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new TransientToolException(tool + ": the call's deadline passed before the plugin's start-up at "
                    + settings.safeUrl() + " ran", null);
        }
        try {
            return startUp.get(left);
        } catch (TimeoutException e) {
            throw new TransientToolException(tool + ": the call's deadline passed while the plugin's start-up at "
                    + settings.safeUrl() + " was running", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException(tool + ": interrupted while waiting for the plugin's start-up at "
                    + settings.safeUrl(), e);
        } catch (ExecutionException e) {
            throw failure(tool, e.getCause());
        }
    }

    /**
     * What start-up produced, when it has succeeded.
     *
     * @return the result, or empty before the first success
     */
    Optional<Done> done() {
        return startUp.done();
    }

    /**
     * Why start-up failed for a reason the user must fix (not an unreachable server), while it
     * has not succeeded; for health.
     *
     * @return the reason, or empty
     */
    Optional<String> permanentFailure() {
        return startUp.lastFailure().map(e -> failure("postgres", e))
                .filter(e -> e instanceof PermanentToolException)
                .map(Throwable::getMessage);
    }

    private ToolException failure(String tool, Throwable cause) {
        String where = settings.safeUrl() + " during the plugin's start-up";
        if (cause instanceof SQLException sql) {
            return PostgresFailures.toToolException(tool, where, sql);
        }
        if (cause instanceof ToolException toolException) {
            return toolException;
        }
        return new PermanentToolException(tool + " failed at " + where + ": " + cause.getMessage(), cause);
    }

    private Done run() throws SQLException {
        if (settings.bootstrap()) {
            try (Connection connection = database.connection()) {
                SchemaBootstrap.runLocked(connection, SchemaBootstrap.BASE_SCHEMA);
            }
            LOG.info("postgres: schema ready at {}", settings.safeUrl());
        }
        VectorSearch search = SchemaBootstrap.chooseVectorSearch(database, settings);
        ProfileVectors vectors = new ProfileVectors(database, search, embedder, settings.bootstrap());
        if (settings.bootstrap()) {
            try (Connection connection = database.connection()) {
                vectors.recordConfiguredSpace(connection);
            }
        }
        return new Done(search, vectors);
    }
}
