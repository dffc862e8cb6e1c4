package dev.eventagent.engine.runtime;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.Event;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.event.DecodeException;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.resilience.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one Kafka record to its end: decoded, processed through the engine, retried with backoff
 * while its calls fail transiently (a backend is down: the event waits, it is not dead-lettered),
 * and dead-lettered when it cannot succeed — undecodable, a permanent failure, or retries
 * exhausted. Runs on a worker thread.
 */
final class EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EventHandler.class);

    private final Engine engine;
    private final DeadLetterPublisher deadLetters;
    private final RuntimeSettings settings;
    private final MeterRegistry meters;

    EventHandler(Engine engine, DeadLetterPublisher deadLetters, RuntimeSettings settings, MeterRegistry meters) {
        this.engine = engine;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * Handles a record.
     *
     * @param record the record
     * @param current whether the record's partition is still ours and the runtime still running
     * @return true when the event is done (processed or dead-lettered); false when it was
     *     abandoned and must be redelivered
     */
    boolean handle(ConsumerRecord<byte[], byte[]> record, BooleanSupplier current) {
        Event event;
        try {
            event = engine.decoder().decode(raw(record));
        } catch (DecodeException e) {
            return deadLetter(record, new DeadLetter("decode", e.reason().name(), e.getMessage(), 1), "undecodable",
                    current);
        }
        for (int attempt = 1; ; attempt++) {
            Optional<DeadLetter> failure;
            try {
                failure = failure(engine.process(event), attempt);
            } catch (TransientToolException e) {
                failure = Optional.of(new DeadLetter("process", "TRANSIENT", e.getMessage(), attempt));
            } catch (RuntimeException e) {
                LOG.error("Processing {} failed unexpectedly", event.id(), e);
                return deadLetter(record, new DeadLetter("process", e.getClass().getName(), String.valueOf(e.getMessage()),
                        attempt), event.eventClass(), current);
            }
            if (failure.isEmpty()) {
                return true;
            }
            DeadLetter why = failure.get();
            if (!"TRANSIENT".equals(why.errorClass())) {
                return deadLetter(record, why, event.eventClass(), current);
            }
            if (attempt >= settings.retryMaxAttempts()) {
                return deadLetter(record, new DeadLetter(why.stage(), "RETRIES_EXHAUSTED", "still failing after "
                        + attempt + " attempts (agent.runtime.retry.max-attempts): " + why.message(), attempt),
                        event.eventClass(), current);
            }
            meters.counter("agent.events.retried", "class", event.eventClass()).increment();
            long wait = backoff(attempt);
            LOG.warn("Event {} ({}) failed transiently on attempt {}; retrying in {} ms: {}", event.id(),
                    event.eventClass(), attempt, wait, why.message());
            if (!sleep(wait, current)) {
                return false;
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

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetter why, String eventClass,
            BooleanSupplier current) {
        for (int attempt = 1; ; attempt++) {
            try {
                deadLetters.publish(record, why);
                meters.counter("agent.events.dead_lettered", "class", eventClass, "stage", why.stage()).increment();
                LOG.warn("Dead-lettered {}-{}@{} ({}, {}): {}", record.topic(), record.partition(), record.offset(),
                        why.stage(), why.errorClass(), why.message());
                return true;
            } catch (IllegalStateException e) {
                LOG.error("{}; retrying", e.getMessage());
                if (!sleep(backoff(attempt), current)) {
                    return false;
                }
            }
        }
    }

    private long backoff(int attempt) {
        return new Backoff(settings.retryInitialBackoff(), 2.0, settings.retryMaxBackoff(), 0.5).millisAfter(attempt);
    }

    /** Sleeps in slices, giving up as soon as the record stops being current. */
    private static boolean sleep(long millis, BooleanSupplier current) {
        long end = System.currentTimeMillis() + millis;
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
