package dev.eventagent.engine.runtime;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.Event;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.event.DecodeException;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.metrics.LatencyTimers;
import dev.eventagent.engine.resilience.Backoff;
import dev.eventagent.engine.resilience.BackoffRetry;
import dev.eventagent.engine.resilience.ResilienceRegistries;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one Kafka record to its end: decoded, processed through the engine, retried with backoff
 * while its calls fail transiently (a backend is down: the event waits, it is not dead-lettered),
 * and dead-lettered when it cannot succeed — undecodable, a permanent failure, or retries
 * exhausted. Runs on a worker thread, which the event keeps while it waits, so that it keeps its
 * place in its key's order.
 *
 * <p>Both retries — of the event, and of a dead letter the broker did not acknowledge — are
 * Resilience4j retries with the engine's {@link Backoff} ({@code agent.runtime.retry}):
 * Resilience4j decides whether to try again and how long to wait, and counts. The wait itself is
 * the handler's, in slices, because it must end as soon as the record is no longer this
 * instance's (a revocation, a shutdown): the event is then left to be redelivered.
 */
final class EventHandler implements AutoCloseable {

    /** The event retry's name (no tool name has a hyphen). */
    static final String EVENT_RETRY = "kafka-events";
    /** The name of the retry that publishes dead letters. */
    static final String DEAD_LETTER_RETRY = "kafka-dead-letters";

    private static final Logger LOG = LoggerFactory.getLogger(EventHandler.class);
    /** How an event ended when it was left for redelivery. */
    private static final String ABANDONED = "abandoned";

    /** Why an attempt of an event did not succeed; retried only when transient. */
    private static final class FailedAttempt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient DeadLetter why;

        FailedAttempt(DeadLetter why, Throwable cause) {
            super(why.message(), cause, false, false);
            this.why = why;
        }

        boolean isTransient() {
            return "TRANSIENT".equals(why.errorClass());
        }
    }

    private final Engine engine;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry meters;
    private final ResilienceRegistries resilience;
    private final Retry eventRetry;
    private final Retry deadLetterRetry;

    EventHandler(Engine engine, DeadLetterPublisher deadLetters, RuntimeSettings settings, MeterRegistry meters,
            ResilienceRegistries resilience) {
        this.engine = engine;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.resilience = resilience;
        Backoff backoff = new Backoff(settings.retryInitialBackoff(), 2.0, settings.retryMaxBackoff(), 0.5);
        this.eventRetry = resilience.retry(EVENT_RETRY, BackoffRetry.config(settings.retryMaxAttempts(), backoff,
                Duration.ZERO, e -> e instanceof FailedAttempt failed && failed.isTransient(), e -> Optional.empty()));
        this.deadLetterRetry = resilience.retry(DEAD_LETTER_RETRY, BackoffRetry.config(Integer.MAX_VALUE, backoff,
                Duration.ZERO, IllegalStateException.class::isInstance, e -> Optional.empty()));
    }

    /**
     * Handles a record, and measures how long it took from its receipt to its end
     * ({@code agent.events.latency}).
     *
     * @param record the record
     * @param receivedNanos when the poll thread received it ({@link System#nanoTime()})
     * @param current whether the record's partition is still ours and the runtime still running
     * @return true when the event is done (processed or dead-lettered); false when it was
     *     abandoned and must be redelivered
     */
    boolean handle(ConsumerRecord<byte[], byte[]> record, long receivedNanos, BooleanSupplier current) {
        String eventClass = "undecodable";
        String outcome = ABANDONED;
        try {
            Event event;
            try {
                event = engine.decoder().decode(raw(record));
            } catch (DecodeException e) {
                outcome = deadLetter(record, new DeadLetter("decode", e.reason().name(), e.getMessage(), 1),
                        eventClass, current);
                return !ABANDONED.equals(outcome);
            }
            eventClass = event.eventClass();
            outcome = process(record, event, current);
            return !ABANDONED.equals(outcome);
        } finally {
            LatencyTimers.event(meters, eventClass, outcome).record(System.nanoTime() - receivedNanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Runs a decoded event until it succeeds, cannot succeed, or stops being ours.
     *
     * @return {@code processed}, {@code dead_lettered} or {@link #ABANDONED}
     */
    private String process(ConsumerRecord<byte[], byte[]> record, Event event, BooleanSupplier current) {
        Retry.AsyncContext<Void> retry = eventRetry.asyncContext();
        for (int attempt = 1; ; attempt++) {
            FailedAttempt failed;
            try {
                Optional<DeadLetter> failure = failure(engine.process(event), attempt);
                if (failure.isEmpty()) {
                    retry.onComplete();
                    return "processed";
                }
                failed = new FailedAttempt(failure.get(), null);
            } catch (TransientToolException e) {
                failed = new FailedAttempt(new DeadLetter("process", "TRANSIENT", e.getMessage(), attempt), e);
            } catch (RuntimeException e) {
                LOG.error("Processing {} failed unexpectedly", event.id(), e);
                retry.onError(e);
                return deadLetter(record, new DeadLetter("process", e.getClass().getName(), String.valueOf(e.getMessage()),
                        attempt), event.eventClass(), current);
            }
            long wait = retry.onError(failed);
            DeadLetter why = failed.why;
            if (!failed.isTransient()) {
                return deadLetter(record, why, event.eventClass(), current);
            }
            if (wait < 0) {
                return deadLetter(record, new DeadLetter(why.stage(), "RETRIES_EXHAUSTED", "still failing after "
                        + attempt + " attempts (agent.runtime.retry.max-attempts): " + why.message(), attempt),
                        event.eventClass(), current);
            }
            meters.counter("agent.events.retried", "class", event.eventClass()).increment();
            LOG.warn("Event {} ({}) failed transiently on attempt {}; retrying in {} ms: {}", event.id(),
                    event.eventClass(), attempt, wait, why.message());
            if (!sleep(wait, current)) {
                return ABANDONED;
            }
        }
    }

    /** The first failed call decides: transient (retry the event) or permanent (dead-letter). */
    private static Optional<DeadLetter> failure(AgentState state, int attempt) {
        CallOutcome transientFailure = null;
        for (CallOutcome outcome : state.outcomes()) {
            if (outcome.status() != CallOutcome.Status.FAILED) {
                continue;
            }
            if (outcome.category() != ErrorCategory.TRANSIENT) {
                return Optional.of(new DeadLetter("execute", String.valueOf(outcome.category()),
                        outcome.call().tool() + ": " + outcome.error(), attempt));
            }
            transientFailure = transientFailure == null ? outcome : transientFailure;
        }
        if (transientFailure == null) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetter("execute", "TRANSIENT",
                transientFailure.call().tool() + ": " + transientFailure.error(), attempt));
    }

    /** Publishes a dead letter, retrying until the broker acknowledges it or the record is no longer ours. */
    private String deadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetter why, String eventClass,
            BooleanSupplier current) {
        Retry.AsyncContext<Void> retry = deadLetterRetry.asyncContext();
        while (true) {
            try {
                deadLetters.publish(record, why);
                retry.onComplete();
                meters.counter("agent.events.dead.lettered", "class", eventClass, "stage", why.stage()).increment();
                LOG.warn("Dead-lettered {}-{}@{} ({}, {}): {}", record.topic(), record.partition(), record.offset(),
                        why.stage(), why.errorClass(), why.message());
                return "dead_lettered";
            } catch (IllegalStateException e) {
                long wait = retry.onError(e);
                LOG.error("{}; retrying in {} ms", e.getMessage(), wait);
                if (!sleep(wait, current)) {
                    return ABANDONED;
                }
            }
        }
    }

    /** Removes the handler's retries from the engine's registries. */
    @Override
    public void close() {
        resilience.retries().remove(EVENT_RETRY);
        resilience.retries().remove(DEAD_LETTER_RETRY);
    }

    /** Sleeps in slices, giving up as soon as the record stops being current. */
    private static boolean sleep(long millis, BooleanSupplier current) {
        long end = System.currentTimeMillis() + Math.max(0, millis);
        while (current.getAsBoolean()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(left, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static RawRecord raw(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new RawRecord(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), headers);
    }
}
