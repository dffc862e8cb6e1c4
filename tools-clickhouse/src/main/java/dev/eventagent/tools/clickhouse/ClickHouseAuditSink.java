package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.AuditRecord;
import dev.eventagent.api.AuditSink;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit sink {@code clickhouse}: one row per processed event in the audit table, written
 * through the plugin's {@link BatchedWriter}. The engine redacts secrets before a record gets
 * here. {@link #write} queues; {@link #flush()} stores what this sink queued and throws if any of
 * it failed. Select it with {@code agent.audit.sinks = [jsonl, clickhouse]}.
 */
final class ClickHouseAuditSink implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseAuditSink.class);

    /** The name {@code agent.audit.sinks} uses. */
    static final String NAME = "clickhouse";

    private final BatchedWriter writer;
    private final String table;
    private final Clock clock;
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();

    ClickHouseAuditSink(BatchedWriter writer, String table, Clock clock) {
        this.writer = requireNonNull(writer, "writer is null");
        this.table = requireNonNull(table, "table is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(AuditRecord record) {
        requireNonNull(record, "record is null");
        Instant now = clock.instant();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", record.eventId());
        row.put("source", record.source());
        row.put("type", record.type());
        row.put("planner", record.planner());
        row.put("outcome", record.outcome());
        row.put("time", ClickHouseTime.dateTime(record.time()));
        row.put("time_ms", record.time().getNano() / 1_000_000);
        row.put("duration_ms", Math.max(0, record.durationMillis()));
        row.put("json", record.json());
        row.put("recorded_at", ClickHouseTime.dateTime(now));
        row.put("version", now.toEpochMilli());
        CompletableFuture<Void> stored = writer.submit(table, List.of(row));
        synchronized (pending) {
            pending.add(stored);
        }
    }

    /**
     * Stores every record written so far.
     *
     * @throws ToolException when one of them could not be stored (the first failure)
     */
    @Override
    public void flush() {
        List<CompletableFuture<Void>> mine;
        synchronized (pending) {
            mine = new ArrayList<>(pending);
            pending.clear();
        }
        if (mine.isEmpty()) {
            return;
        }
        writer.flush(table);
        int failed = 0;
        ToolException first = null;
        for (CompletableFuture<Void> stored : mine) {
            try {
                stored.join();
            } catch (CompletionException e) {
                failed++;
                if (first == null) {
                    first = e.getCause() instanceof ToolException tool ? tool
                            : new TransientToolException(String.valueOf(e.getCause()), e.getCause());
                }
            }
        }
        if (first != null) {
            String message = failed + " of " + mine.size() + " audit records were not stored in ClickHouse table "
                    + table + ": " + first.getMessage();
            throw first instanceof PermanentToolException ? new PermanentToolException(message, first)
                    : new TransientToolException(message, first);
        }
    }

    /** Flushes, logging (not throwing) a failure; the writer itself is closed by the plugin instance. */
    @Override
    public void close() {
        try {
            flush();
        } catch (ToolException e) {
            LOG.warn("Closing the ClickHouse audit sink: {}", e.getMessage());
        }
    }
}
