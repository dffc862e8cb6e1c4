package dev.eventagent.demo.bench;

import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.Planner;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A language model endpoint as the benchmark sees it: each call takes a fixed time and at most
 * {@code concurrency} calls run at once (paid plans cap concurrency). Shared by both runs.
 */
final class SimulatedModel {

    private final Duration latency;
    private final Semaphore slots;
    private final AtomicLong calls = new AtomicLong();

    SimulatedModel(Duration latency, int concurrency) {
        this.latency = latency;
        this.slots = new Semaphore(concurrency, true);
    }

    void call() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            calls.incrementAndGet();
            BenchTools.sleep(latency);
        } finally {
            slots.release();
        }
    }

    /** A well-mixed value in [0, 1) from an id, so that similar ids spread evenly. */
    private static double spread(String id) {
        return ((id.hashCode() * 0x9E3779B1) >>> 8) / (double) (1 << 24);
    }

    long calls() {
        return calls.get();
    }

    /**
     * A planner that asks the model once per event, on the first round, and plans by the routes:
     * Event Agent's shape (classification by the normaliser, one planning call, template response).
     * With a share below 1, only that share of events asks the model: the others are the events a
     * rule route plans on its own in {@code hybrid} mode (chosen by a hash of the event id).
     *
     * @param delegate the rules planner that decides
     * @param share the share of events that need the model, 0 to 1
     * @return the planner
     */
    Planner planner(Planner delegate, double share) {
        return new Planner() {
            @Override
            public String name() {
                return "simulated-model";
            }

            @Override
            public Plan plan(AgentState state) {
                if (state.rounds().isEmpty() && spread(state.event().id()) < share) {
                    call();
                }
                return delegate.plan(state);
            }
        };
    }
}
