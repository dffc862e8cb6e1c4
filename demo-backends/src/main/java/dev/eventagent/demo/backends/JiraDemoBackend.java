package dev.eventagent.demo.backends;

import dev.eventagent.api.LocalBackend;
import dev.eventagent.testing.jira.TestingJiraServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A local server speaking Jira Cloud REST v3 for the jira plugin, seeded with the projects,
 * people and issues the demo's events name (PROJ-456 of the seed's issue, alice, bob, carol,
 * dave at company.com). A protocol-level stand-in: nothing reaches Atlassian.
 */
public final class JiraDemoBackend implements LocalBackend.Provider {

    @Override
    public String plugin() {
        return "jira";
    }

    @Override
    public LocalBackend start(Path directory) {
        TestingJiraServer server = TestingJiraServer.start();
        server.seedSampleData();
        return new LocalBackend() {
            @Override
            public String describe() {
                return "a local Jira Cloud REST v3 stand-in at " + server.baseUrl() + " (nothing reaches Atlassian)";
            }

            @Override
            public Map<String, Object> settings() {
                return server.pluginSettings();
            }

            @Override
            public List<String> report() {
                return server.report();
            }

            @Override
            public Map<String, Map<String, Long>> counts() {
                return Map.of("jira", Map.of("assignments", (long) server.assignments(),
                        "comments", (long) server.commentsAdded()));
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
