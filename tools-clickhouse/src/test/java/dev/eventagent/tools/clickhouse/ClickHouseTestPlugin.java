package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolResult;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plugin running against the shared testing server, in a database of its own, with a clock
 * the test controls and short batch delays. Calls are checked against the tool's JSON Schema
 * first, the way the engine does, so every call a test makes is one the engine would let through.
 */
final class ClickHouseTestPlugin implements AutoCloseable {

    static final Instant START = Instant.parse("2026-05-10T12:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final AtomicLong EVENTS = new AtomicLong();

    final TestingClickHouseServer server;
    final String database;
    final MutableClock clock;
    final PluginInstance instance;
    final RawClickHouse raw;

    private ClickHouseTestPlugin(TestingClickHouseServer server, String database, PluginInstance instance,
            MutableClock clock) {
        this.server = server;
        this.database = database;
        this.instance = instance;
        this.clock = clock;
        this.raw = new RawClickHouse(server.httpUrl());
    }

    /** Starts the plugin in a fresh database. */
    static ClickHouseTestPlugin start(String database) {
        return start(database, Map.of());
    }

    /** Starts the plugin in a fresh database with extra settings. */
    static ClickHouseTestPlugin start(String database, Map<String, ?> extraSettings) {
        TestingClickHouseServer server = TestingClickHouseServer.shared();
        new RawClickHouse(server.httpUrl()).run("DROP DATABASE IF EXISTS `" + database + "`");
        Map<String, Object> settings = new HashMap<>(settings(server, database));
        settings.putAll(extraSettings);
        ClickHouseToolPlugin plugin = new ClickHouseToolPlugin();
        MutableClock clock = new MutableClock(START);
        PluginInstance instance = plugin.create(new ClockedPluginContext(TestingPluginContext.of(plugin, settings), clock));
        return new ClickHouseTestPlugin(server, database, instance, clock);
    }

    /** The settings that reach the shared server, in a database, with 20 ms batch delays. */
    static Map<String, Object> settings(TestingClickHouseServer server, String database) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("url", server.httpUrl());
        settings.put("database", database);
        settings.put("batch.max-delay", "20ms");
        return settings;
    }

    Tool tool(String name) {
        return instance.tools().stream().filter(t -> t.descriptor().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name));
    }

    /** Problems the engine's schema check would report for these arguments. */
    List<String> schemaProblems(String toolName, Map<String, Object> arguments) {
        try {
            JsonSchema schema = SCHEMAS.getSchema(MAPPER.readTree(tool(toolName).descriptor().argumentsSchema()), FORMATS);
            JsonNode node = MAPPER.valueToTree(arguments);
            return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Calls a tool as a new event's first step. */
    ToolResult call(String toolName, Map<String, Object> arguments) {
        String eventId = "evt-" + EVENTS.incrementAndGet();
        return call(toolName, eventId, eventId + "/route/step/call", arguments);
    }

    /** Calls a tool with a given event id and idempotency key (the same twice = a redelivery). */
    ToolResult call(String toolName, String eventId, String idempotencyKey, Map<String, Object> arguments) {
        assertThat(schemaProblems(toolName, arguments)).as("schema problems of " + toolName + " " + arguments).isEmpty();
        return tool(toolName).invoke(new ToolCall(toolName, arguments, eventId, idempotencyKey,
                clock.instant().plus(Duration.ofSeconds(30))));
    }

    @Override
    public void close() {
        try {
            instance.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the plugin failed", e);
        }
    }
}
