package dev.eventagent.tools.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.testing.neo4j.TestingNeo4jServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The neo4j plugin created against the module's shared testing server, with helpers that call a
 * tool the way the engine does: arguments first checked against the tool's JSON Schema (draft
 * 2020-12, formats asserted), then {@code invoke} with an event id, an idempotency key and a
 * deadline.
 */
final class Neo4jToolsFixture implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final PluginInstance instance;
    private final Map<String, Tool> tools = new HashMap<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private Neo4jToolsFixture(PluginInstance instance) {
        this.instance = instance;
        for (Tool tool : instance.tools()) {
            tools.put(tool.descriptor().name(), tool);
        }
    }

    /**
     * The shared server, started on first use.
     *
     * @return the server
     */
    static TestingNeo4jServer server() {
        return TestingNeo4jServer.shared();
    }

    /**
     * Settings that reach the shared server.
     *
     * @return settings relative to agent.plugins.neo4j
     */
    static Map<String, Object> serverSettings() {
        return Map.of("uri", server().boltUri().toString());
    }

    /**
     * Creates the plugin against the shared server.
     *
     * @return the fixture
     * @throws Exception when creation fails
     */
    static Neo4jToolsFixture open() throws Exception {
        return open(Map.of());
    }

    /**
     * Creates the plugin against the shared server with more settings.
     *
     * @param overrides settings relative to agent.plugins.neo4j
     * @return the fixture
     * @throws Exception when creation fails
     */
    static Neo4jToolsFixture open(Map<String, ?> overrides) throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>(serverSettings());
        settings.putAll(overrides);
        Neo4jToolPlugin plugin = new Neo4jToolPlugin();
        return new Neo4jToolsFixture(plugin.create(TestingPluginContext.of(plugin, settings)));
    }

    /**
     * A value unique to one test, so tests sharing the server keep their data apart.
     *
     * @param prefix a readable prefix
     * @return e.g. {@code team-1f2e3d4c}
     */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Calls a tool with a fresh idempotency key, after checking the arguments pass its schema.
     *
     * @param tool the tool name
     * @param arguments the arguments
     * @return the result object
     */
    Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return call(tool, arguments, unique("event") + ":step:call");
    }

    /**
     * Calls a tool with a given idempotency key (as a redelivered event would).
     *
     * @param tool the tool name
     * @param arguments the arguments
     * @param idempotencyKey the key
     * @return the result object
     */
    Map<String, Object> call(String tool, Map<String, Object> arguments, String idempotencyKey) {
        assertThat(schemaProblems(tool, arguments)).as("arguments of " + tool + " pass its schema").isEmpty();
        return invoke(tool, arguments, idempotencyKey);
    }

    /**
     * Invokes a tool directly, without the schema check.
     *
     * @param tool the tool name
     * @param arguments the arguments
     * @param idempotencyKey the key
     * @return the result object
     * @throws ToolException when the call fails
     */
    Map<String, Object> invoke(String tool, Map<String, Object> arguments, String idempotencyKey) {
        String eventId = idempotencyKey.split(":")[0];
        ToolCall call = new ToolCall(tool, arguments, eventId, idempotencyKey, Instant.now().plusSeconds(30));
        return tool(tool).invoke(call).value();
    }

    /**
     * What the engine's schema check says about arguments.
     *
     * @param tool the tool name
     * @param arguments the arguments
     * @return one message per problem; empty when valid
     */
    List<String> schemaProblems(String tool, Map<String, Object> arguments) {
        JsonSchema schema = schemas.computeIfAbsent(tool, name -> {
            try {
                return SCHEMAS.getSchema(MAPPER.readTree(tool(name).descriptor().argumentsSchema()), ASSERT_FORMATS);
            } catch (Exception e) {
                throw new IllegalStateException("schema of " + name, e);
            }
        });
        return schema.validate(MAPPER.valueToTree(arguments)).stream().map(ValidationMessage::getMessage).toList();
    }

    /**
     * A tool by name.
     *
     * @param name the name
     * @return the tool
     */
    Tool tool(String name) {
        Tool tool = tools.get(name);
        assertThat(tool).as("tool " + name).isNotNull();
        return tool;
    }

    /**
     * The created instance.
     *
     * @return the instance
     */
    PluginInstance instance() {
        return instance;
    }

    /**
     * Builds an arguments map that keeps order and allows nulls.
     *
     * @param keysAndValues alternating keys and values
     * @return the map
     */
    static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Runs Cypher on the server directly (not through the plugin), for assertions.
     *
     * @param cypher the statement
     * @param keysAndValues alternating parameter names and values
     * @return the rows
     */
    static List<Map<String, Object>> query(String cypher, Object... keysAndValues) {
        return server().query(cypher, args(keysAndValues));
    }

    @Override
    public void close() {
        try {
            instance.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the neo4j plugin failed", e);
        }
    }
}
