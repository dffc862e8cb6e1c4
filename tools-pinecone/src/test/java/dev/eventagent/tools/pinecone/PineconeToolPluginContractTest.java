package dev.eventagent.tools.pinecone;

import dev.eventagent.api.ToolPlugin;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import dev.eventagent.testkit.ToolPluginContract;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SPI contract for the pinecone plugin, against the testing server. */
class PineconeToolPluginContractTest extends ToolPluginContract {

    private static TestingPineconeServer server;

    @BeforeAll
    static void startServer() {
        server = new TestingPineconeServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected ToolPlugin plugin() {
        return new PineconeToolPlugin();
    }

    @Override
    protected Map<String, ?> settings() {
        return server.pluginSettings();
    }

    /** A key, and an api-url where nothing listens (port 9 on 127.0.0.1, the discard service). */
    @Override
    protected Map<String, ?> unreachableSettings() {
        return Map.of("api-key", "some-key", "api-url", "http://127.0.0.1:9", "tls", false);
    }

    @Override
    protected Set<String> expectedTools() {
        return Set.of("upsert_developer_embedding", "search_similar_developers_vector", "delete_developer_embedding",
                "upsert_issue_embedding", "search_similar_issues");
    }
}
