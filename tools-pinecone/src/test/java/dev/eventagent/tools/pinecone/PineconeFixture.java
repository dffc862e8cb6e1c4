package dev.eventagent.tools.pinecone;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolResult;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One testing Pinecone server and one pinecone plugin created against it, with a given embedder;
 * the tests of a class share one and {@link TestingPineconeServer#reset()} it between tests.
 */
final class PineconeFixture implements AutoCloseable {

    static final String DEVELOPERS = "developer_profiles";
    static final String ISSUES = "issues";

    final TestingPineconeServer server;
    final Embedder embedder;
    final PluginInstance instance;

    private PineconeFixture(TestingPineconeServer server, Embedder embedder, PluginInstance instance) {
        this.server = server;
        this.embedder = embedder;
        this.instance = instance;
    }

    /**
     * Starts a server with the index {@link TestingPineconeServer#INDEX} of the embedder's
     * dimension, and the plugin against it.
     */
    static PineconeFixture start(Embedder embedder, Map<String, ?> overrides) {
        TestingPineconeServer server = new TestingPineconeServer();
        try {
            server.createIndex(TestingPineconeServer.INDEX, embedder.dimension());
            return new PineconeFixture(server, embedder, create(server, embedder, overrides));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    static PluginInstance create(TestingPineconeServer server, Embedder embedder, Map<String, ?> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>(server.pluginSettings());
        settings.putAll(overrides);
        PineconeToolPlugin plugin = new PineconeToolPlugin();
        return plugin.create(TestingPluginContext.of(plugin, settings).withEmbedder(embedder));
    }

    Tool tool(String name) {
        return tool(instance, name);
    }

    static Tool tool(PluginInstance instance, String name) {
        return instance.tools().stream().filter(t -> t.descriptor().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name));
    }

    ToolResult call(String name, Map<String, Object> arguments) {
        return call(name, arguments, "event-" + UUID.randomUUID());
    }

    ToolResult call(String name, Map<String, Object> arguments, String eventId) {
        return call(instance, name, arguments, eventId);
    }

    static ToolResult call(PluginInstance instance, String name, Map<String, Object> arguments, String eventId) {
        return tool(instance, name).invoke(new ToolCall(name, arguments, eventId, eventId + "/" + name,
                Instant.now().plus(Duration.ofSeconds(30))));
    }

    @Override
    public void close() {
        try {
            instance.close();
        } finally {
            server.close();
        }
    }
}
