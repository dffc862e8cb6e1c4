package dev.eventagent.tools.neo4j;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Metrics;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * What every tool of the engineering graph shares: its descriptor, the client, and a timer per
 * call ({@code neo4j.tool.duration}, tagged with the tool and the outcome: ok, the failure's
 * category in lower case, or error for anything unexpected).
 */
abstract class GraphTool implements Tool {

    /** The graph client every call goes through. */
    protected final Neo4jGraphClient graph;
    private final ToolDescriptor descriptor;
    private final Metrics metrics;

    /**
     * Creates the tool.
     *
     * @param graph the client
     * @param metrics where call durations go
     * @param descriptor what the tool is
     */
    GraphTool(Neo4jGraphClient graph, Metrics metrics, ToolDescriptor descriptor) {
        this.graph = requireNonNull(graph, "graph is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.descriptor = requireNonNull(descriptor, "descriptor is null");
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final ToolResult invoke(ToolCall call) {
        requireNonNull(call, "call is null");
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            return ToolResult.of(execute(call, new ToolArguments(call)));
        } catch (ToolException e) {
            outcome = e.category().name().toLowerCase(Locale.ROOT);
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            metrics.record("tool.duration", Duration.ofNanos(System.nanoTime() - started),
                    "tool", descriptor.name(), "outcome", outcome);
        }
    }

    /**
     * Performs the call.
     *
     * @param call the call
     * @param arguments its arguments, typed
     * @return the result object
     */
    protected abstract Map<String, Object> execute(ToolCall call, ToolArguments arguments);

    /**
     * A record's columns as plain Java values (strings, longs, doubles, booleans, lists, maps with
     * sorted keys, nulls), in column order.
     *
     * @param record the record
     * @return a mutable map
     */
    static Map<String, Object> plain(Record record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String key : record.keys()) {
            row.put(key, plain(record.get(key)));
        }
        return row;
    }

    /**
     * Records as plain rows.
     *
     * @param records the records
     * @return the rows
     */
    static List<Map<String, Object>> plain(List<Record> records) {
        List<Map<String, Object>> rows = new ArrayList<>(records.size());
        for (Record record : records) {
            rows.add(plain(record));
        }
        return rows;
    }

    private static Object plain(Value value) {
        return value.isNull() ? null : ordered(value.asObject());
    }

    /** Maps built in Cypher come back in no fixed order: sort their keys so results are stable. */
    private static Object ordered(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, member) -> sorted.put(String.valueOf(key), ordered(member)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(ordered(element)));
            return copy;
        }
        return value;
    }

    /**
     * Builds a result map that keeps insertion order and allows nulls.
     *
     * @param keysAndValues alternating keys and values
     * @return the map
     */
    static Map<String, Object> result(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
