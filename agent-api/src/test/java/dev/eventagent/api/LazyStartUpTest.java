package dev.eventagent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/** Start-up on first use: memoised on success, retried after a failure, one attempt for concurrent callers. */
class LazyStartUpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void runsOnceWhenItSucceeds() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        LazyStartUp<String> startUp = new LazyStartUp<>(() -> "started " + runs.incrementAndGet());
        assertThat(startUp.done()).isEmpty();
        assertThat(startUp.get(WAIT)).isEqualTo("started 1");
        assertThat(startUp.get(WAIT)).isEqualTo("started 1");
        assertThat(startUp.done()).contains("started 1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void runsAgainOnTheNextCallAfterAFailure() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        SQLException refused = new SQLException("Connection refused", "08001");
        LazyStartUp<String> startUp = new LazyStartUp<>(() -> {
            if (runs.incrementAndGet() == 1) {
                throw refused;
            }
            return "started";
        });
        assertThatThrownBy(() -> startUp.get(WAIT)).isInstanceOf(ExecutionException.class).hasCause(refused);
        assertThat(startUp.lastFailure()).contains(refused);
        assertThat(startUp.get(WAIT)).isEqualTo("started");
        assertThat(startUp.lastFailure()).isEmpty();
        assertThat(runs).hasValue(2);
    }

    @Test
    void concurrentFirstCallersShareOneSuccessfulAttempt() throws Exception {
        Attempts attempts = new Attempts(null);
        List<Object> outcomes = callConcurrently(new LazyStartUp<>(attempts::run), attempts, 4);
        assertThat(attempts.runs).hasValue(1);
        assertThat(outcomes).containsOnly("started 1");
    }

    @Test
    void concurrentFirstCallersShareOneFailedAttemptAndTheNextCallTriesAgain() throws Exception {
        SQLException refused = new SQLException("Connection refused", "08001");
        Attempts attempts = new Attempts(refused);
        LazyStartUp<String> startUp = new LazyStartUp<>(attempts::run);
        List<Object> outcomes = callConcurrently(startUp, attempts, 4);
        assertThat(attempts.runs).hasValue(1);
        assertThat(outcomes).hasSize(4).allSatisfy(outcome -> assertThat(outcome).isSameAs(refused));

        assertThatThrownBy(() -> startUp.get(WAIT)).hasCause(refused);
        assertThat(attempts.runs).hasValue(2);
    }

    @Test
    void aWaitingCallerGivesUpAfterItsWait() throws Exception {
        Attempts attempts = new Attempts(null);
        LazyStartUp<String> startUp = new LazyStartUp<>(attempts::run);
        Thread first = new Thread(() -> {
            try {
                startUp.get(WAIT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        assertThat(attempts.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> startUp.get(Duration.ofMillis(100))).isInstanceOf(TimeoutException.class);
        attempts.release.countDown();
        first.join(10_000);
        assertThat(startUp.get(Duration.ZERO)).isEqualTo("started 1");
    }

    /**
     * Calls get from several threads while the first attempt is held, releases it once every
     * other caller waits for it, and returns what each got (the value, or the failure's cause).
     */
    private static List<Object> callConcurrently(LazyStartUp<String> startUp, Attempts attempts, int callers)
            throws InterruptedException {
        AtomicReferenceArray<Object> outcomes = new AtomicReferenceArray<>(callers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int index = i;
            threads.add(new Thread(() -> {
                try {
                    outcomes.set(index, startUp.get(WAIT));
                } catch (ExecutionException e) {
                    outcomes.set(index, e.getCause());
                } catch (TimeoutException | InterruptedException e) {
                    outcomes.set(index, e);
                }
            }, "caller-" + i));
        }
        threads.forEach(Thread::start);
        assertThat(attempts.entered.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.stream().filter(t -> t.getState() == Thread.State.TIMED_WAITING).count() < callers - 1
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        attempts.release.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            result.add(outcomes.get(i));
        }
        return result;
    }

    /** Start-up work that is held until released, counts its runs, and fails when told to. */
    private static final class Attempts {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final SQLException failure;

        Attempts(SQLException failure) {
            this.failure = failure;
        }

        String run() throws SQLException, InterruptedException {
            int run = runs.incrementAndGet();
            entered.countDown();
            release.await();
            if (failure != null) {
                throw failure;
            }
            return "started " + run;
        }
    }
}
