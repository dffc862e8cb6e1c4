package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Metrics;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buffers rows per table and writes them in batches: a table's buffer is flushed when it holds
 * {@code maxRows} rows or when its oldest row has waited {@code maxDelay}, whichever comes first,
 * or at once on {@link #flush(String)}. One background thread does the inserts.
 *
 * <p>A caller's rows always travel in one batch, and {@link #write} returns only after that batch
 * is stored, so a tool call that returns has made its rows durable (which is what lets the engine
 * commit the Kafka offset). When an insert fails, every call in the batch fails with it: as
 * {@link TransientToolException} (another batch may well succeed), except for refused
 * credentials and missing tables, which no retry can fix.
 */
final class BatchedWriter implements AutoCloseable {

    private final ClickHouseGateway gateway;
    private final int maxRows;
    private final long maxDelayNanos;
    private final Metrics metrics;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<String, TableQueue> queues = new LinkedHashMap<>();
    private final Thread flusher;
    private long submitted;
    private int bufferedRows;
    private boolean closed;

    BatchedWriter(ClickHouseGateway gateway, int maxRows, Duration maxDelay, Metrics metrics, Clock clock) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.maxRows = maxRows;
        this.maxDelayNanos = maxDelay.toNanos();
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.flusher = new Thread(this::run, "clickhouse-batch-writer");
        this.flusher.setDaemon(true);
        this.flusher.start();
        metrics.gauge("batch.buffered.rows", this::bufferedRows);
    }

    /**
     * Writes rows and waits until they are stored.
     *
     * @param table the table (unqualified)
     * @param rows the rows of one call
     * @param deadline when the caller stops waiting
     * @throws ToolException when the batch failed, or transient when the deadline passed first
     */
    void write(String table, List<Map<String, Object>> rows, Instant deadline) {
        CompletableFuture<Void> stored = submit(table, rows);
        long waitNanos = Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
        try {
            stored.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TransientToolException("ClickHouse at " + gateway.url() + ": the batch holding this call's rows "
                    + "for " + table + " was not stored before the call's deadline (they may still be; a retry "
                    + "writes the same rows again, which is harmless)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted while waiting for a ClickHouse batch", e);
        } catch (ExecutionException e) {
            throw perCall(e.getCause());
        }
    }

    /**
     * Queues rows.
     *
     * @param table the table (unqualified)
     * @param rows the rows, which travel together in one batch
     * @return completed when the rows are stored, or exceptionally with a {@link ToolException}
     */
    CompletableFuture<Void> submit(String table, List<Map<String, Object>> rows) {
        requireNonNull(table, "table is null");
        List<Map<String, Object>> copy = List.copyOf(rows);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                stored.completeExceptionally(new TransientToolException(
                        "the ClickHouse plugin is shutting down; its writer takes no more rows", null));
                return stored;
            }
            TableQueue queue = queues.computeIfAbsent(table, t -> new TableQueue());
            queue.calls.addLast(new PendingCall(++submitted, copy, stored, System.nanoTime()));
            queue.rows += copy.size();
            bufferedRows += copy.size();
            if (queue.calls.size() == 1 || queue.rows >= maxRows) {
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
        return stored;
    }

    /** Stores everything queued so far and waits for it; failures stay with their calls. */
    void flush() {
        flush(null);
    }

    /**
     * Stores what is queued so far for one table (or for all, when {@code table} is null) and
     * waits for it; failures stay with their calls. Other tables' buffers keep filling.
     *
     * @param table the table, or null for every table
     */
    void flush(String table) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        lock.lock();
        try {
            for (Map.Entry<String, TableQueue> entry : queues.entrySet()) {
                if (table == null || table.equals(entry.getKey())) {
                    TableQueue queue = entry.getValue();
                    queue.flushBarrier = submitted;
                    queue.calls.forEach(call -> pending.add(call.stored));
                }
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        for (CompletableFuture<Void> stored : pending) {
            try {
                stored.join();
            } catch (RuntimeException e) {
                // reported to the call that owns the rows
            }
        }
    }

    private int bufferedRows() {
        lock.lock();
        try {
            return bufferedRows;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<Batch> ready;
            lock.lock();
            try {
                ready = takeReady();
                while (ready.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    long waitNanos = nanosUntilNextDue();
                    if (waitNanos == Long.MAX_VALUE) {
                        wake.awaitUninterruptibly();
                    } else {
                        wake.awaitNanos(waitNanos);
                    }
                    ready = takeReady();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            ready.forEach(this::store);
        }
    }

    /** Takes the batches that are due: full, old enough, flushed or closing. Call with the lock. */
    private List<Batch> takeReady() {
        List<Batch> ready = new ArrayList<>();
        long now = System.nanoTime();
        for (Map.Entry<String, TableQueue> entry : queues.entrySet()) {
            TableQueue queue = entry.getValue();
            while (!queue.calls.isEmpty() && isDue(queue, now)) {
                List<PendingCall> calls = new ArrayList<>();
                int rows = 0;
                while (!queue.calls.isEmpty()
                        && (calls.isEmpty() || rows + queue.calls.peekFirst().rows.size() <= maxRows)) {
                    PendingCall call = queue.calls.pollFirst();
                    calls.add(call);
                    rows += call.rows.size();
                }
                queue.rows -= rows;
                bufferedRows -= rows;
                ready.add(new Batch(entry.getKey(), calls, rows));
            }
        }
        return ready;
    }

    private boolean isDue(TableQueue queue, long now) {
        PendingCall oldest = queue.calls.peekFirst();
        return closed || queue.rows >= maxRows || oldest.sequence <= queue.flushBarrier
                || now - oldest.enqueuedNanos >= maxDelayNanos;
    }

    private long nanosUntilNextDue() {
        long wait = Long.MAX_VALUE;
        long now = System.nanoTime();
        for (TableQueue queue : queues.values()) {
            if (!queue.calls.isEmpty()) {
                wait = Math.min(wait, Math.max(1, queue.calls.peekFirst().enqueuedNanos + maxDelayNanos - now));
            }
        }
        return wait;
    }

    private void store(Batch batch) {
        long started = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>(batch.rows);
        batch.calls.forEach(call -> rows.addAll(call.rows));
        try {
            gateway.insert(batch.table, JsonEachRow.encode(rows));
            batch.calls.forEach(call -> call.stored.complete(null));
            metrics.increment("batch.flushes", "table", batch.table, "outcome", "stored");
        } catch (RuntimeException e) {
            ToolException failure = forBatch(batch, e);
            batch.calls.forEach(call -> call.stored.completeExceptionally(failure));
            metrics.increment("batch.flushes", "table", batch.table, "outcome", "failed");
        } finally {
            metrics.record("batch.flush.duration", Duration.ofNanos(System.nanoTime() - started),
                    "table", batch.table);
        }
    }

    private ToolException forBatch(Batch batch, RuntimeException e) {
        ToolException failure = e instanceof ToolException tool ? tool
                : new PermanentToolException("cannot write a batch to ClickHouse: " + e, e);
        String message = "a batch of " + batch.rows + " rows (" + batch.calls.size() + " calls) for "
                + batch.table + " was not stored: " + failure.getMessage();
        if (failure instanceof PermanentToolException && ClickHouseFailures.appliesToEveryBatch(failure)) {
            return new PermanentToolException(message, failure);
        }
        return new TransientToolException(message, failure);
    }

    /** A fresh exception per call, so that no two calls share one (and its suppressed list). */
    private static ToolException perCall(Throwable failure) {
        if (failure instanceof PermanentToolException permanent) {
            return new PermanentToolException(permanent.getMessage(), permanent);
        }
        if (failure instanceof ToolException tool) {
            return new TransientToolException(tool.getMessage(), tool);
        }
        return new TransientToolException("a ClickHouse batch failed: " + failure, failure);
    }

    /** Stores what is queued, then stops the background thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The calls waiting for one table. */
    private static final class TableQueue {
        final Deque<PendingCall> calls = new ArrayDeque<>();
        int rows;
        /** Calls up to this sequence number are due at once ({@link #flush(String)}). */
        long flushBarrier;
    }

    /** One call's rows, waiting. */
    private record PendingCall(long sequence, List<Map<String, Object>> rows, CompletableFuture<Void> stored,
            long enqueuedNanos) {
    }

    /** Calls whose rows go into one insert. */
    private record Batch(String table, List<PendingCall> calls, int rows) {
    }
}
