package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WRITE tool that stores one row per call through the {@link BatchedWriter}. The row is keyed
 * by the call's event id and idempotency key ({@code event_id}, {@code row_id}), so a redelivered
 * call replaces its own earlier copy instead of adding a row.
 */
abstract class EventWriteTool implements Tool {

    private final ToolDescriptor descriptor;
    private final BatchedWriter writer;
    private final String table;
    private final Clock clock;

    EventWriteTool(String name, String description, String argumentsSchema, BatchedWriter writer, String table,
            Clock clock) {
        this.descriptor = ToolDescriptor.builder(name)
                .description(description)
                .argumentsSchema(argumentsSchema)
                .effect(EffectKind.WRITE)
                .idempotent(true)
                .risk(Risk.LOW)
                .build();
        this.writer = requireNonNull(writer, "writer is null");
        this.table = requireNonNull(table, "table is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final ToolResult invoke(ToolCall call) {
        CallArguments arguments = CallArguments.of(call);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", call.eventId());
        row.put("row_id", call.idempotencyKey());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stored", true);
        result.put("table", table);
        result.put("row_id", call.idempotencyKey());
        addColumns(arguments, row, result);
        Instant now = clock.instant();
        row.put("recorded_at", ClickHouseTime.dateTime(now));
        row.put("version", now.toEpochMilli());
        writer.write(table, List.of(row), call.deadline());
        return ToolResult.of(result);
    }

    /**
     * Puts the tool's own columns into the row (after {@code event_id} and {@code row_id}).
     *
     * @param arguments the call's arguments
     * @param row the row to fill
     * @param result the call's result, to which a few identifying fields may be added
     */
    abstract void addColumns(CallArguments arguments, Map<String, Object> row, Map<String, Object> result);
}
