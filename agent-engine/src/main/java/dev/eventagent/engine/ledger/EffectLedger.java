package dev.eventagent.engine.ledger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of what each event has done, so a redelivered event neither repeats an
 * EXTERNAL effect nor asks a non-deterministic planner (the LLM) again.
 *
 * <p>Effects are keyed by the call's idempotency key ({@code event id / route or planner / step
 * / call}). Before an EXTERNAL call runs, {@link #begin} records it as pending; after it
 * succeeded, {@link #complete} records the result — durably, before the call is acknowledged.
 */
public interface EffectLedger extends AutoCloseable {

    /** What the ledger knew about an effect when {@link #begin} was called. */
    enum Prior {
        /** Nothing: this is the first attempt, now recorded as pending. */
        NONE,
        /** A previous attempt started and never finished (a crash, or a concurrent owner). */
        PENDING,
        /** A previous attempt finished; its result is in {@link Begun#result()}. */
        DONE
    }

    /**
     * The state of an effect at {@link #begin}.
     *
     * @param prior what was known before
     * @param result the recorded result when {@code prior} is DONE, else {@code null}
     */
    record Begun(Prior prior, Map<String, Object> result) {
    }

    /**
     * Records an effect as pending unless it is already known.
     *
     * @param idempotencyKey the call's key
     * @param eventId the event
     * @param tool the tool
     * @return what was known before
     */
    Begun begin(String idempotencyKey, String eventId, String tool);

    /**
     * Records an effect as done with its result.
     *
     * @param idempotencyKey the call's key
     * @param result the tool's result
     */
    void complete(String idempotencyKey, Map<String, Object> result);

    /**
     * Forgets a pending effect whose call failed, so that a retry may run it.
     *
     * @param idempotencyKey the call's key
     */
    void abandon(String idempotencyKey);

    /**
     * The plan a non-deterministic planner made for a round of an event.
     *
     * @param eventId the event
     * @param round the round, from 0
     * @return the plan as JSON, or empty
     */
    Optional<String> recordedPlan(String eventId, int round);

    /**
     * Records a plan (the first record wins: a concurrent second writer keeps the first).
     *
     * @param eventId the event
     * @param round the round, from 0
     * @param planJson the plan as JSON
     */
    void recordPlan(String eventId, int round, String planJson);

    /**
     * Deletes entries older than the retention.
     *
     * @param retention how long entries are kept
     * @return how many rows were deleted
     */
    int expire(Duration retention);

    @Override
    void close();

    /**
     * A ledger that remembers nothing (dry runs).
     *
     * @return the ledger
     */
    static EffectLedger none() {
        return new EffectLedger() {
            @Override
            public Begun begin(String idempotencyKey, String eventId, String tool) {
                return new Begun(Prior.NONE, null);
            }

            @Override
            public void complete(String idempotencyKey, Map<String, Object> result) {
            }

            @Override
            public void abandon(String idempotencyKey) {
            }

            @Override
            public Optional<String> recordedPlan(String eventId, int round) {
                return Optional.empty();
            }

            @Override
            public void recordPlan(String eventId, int round, String planJson) {
            }

            @Override
            public int expire(Duration retention) {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }
}
