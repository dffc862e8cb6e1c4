package dev.eventagent.tools.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Health;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.jira.TestingJiraServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How Jira's failures reach the engine: categories, Retry-After, health. */
class JiraFailuresTest extends JiraPluginFixture {

    @Test
    void throttlingIsTransientWithJirasRetryAfterAndTheNextCallSucceeds() {
        String key = newIssue("Throttled");
        jira.failNext(1, 429, Duration.ofSeconds(7));

        assertThatThrownBy(() -> call("get_unassigned_issues", Map.of("project_key", "PROJ")))
                .isInstanceOfSatisfying(TransientToolException.class, e -> {
                    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("HTTP 429").contains("retry after 7s");
                });
        Map<String, Object> retried = call("get_unassigned_issues", Map.of("project_key", "PROJ"));

        assertThat(retried.get("issues").toString()).contains(key);
    }

    @Test
    void aThrottledWriteIsRetriedOnce() {
        String key = newIssue("Throttled comment");
        jira.failNext(2, 429, Duration.ofSeconds(1));

        assertThatThrownBy(() -> call(plugin, "add_jira_comment", Map.of("issue_key", key, "comment", "hi"), "k-1"))
                .isInstanceOf(TransientToolException.class);
        assertThatThrownBy(() -> call(plugin, "add_jira_comment", Map.of("issue_key", key, "comment", "hi"), "k-1"))
                .isInstanceOf(TransientToolException.class);
        call(plugin, "add_jira_comment", Map.of("issue_key", key, "comment", "hi"), "k-1");

        assertThat(jira.issue(key).orElseThrow().comments()).hasSize(1);
    }

    @Test
    void serverErrorsAreTransientAndUnavailableCarriesRetryAfter() {
        String key = newIssue("Server errors");
        jira.failNext(1, 500, null);
        jira.failNext(1, 503, Duration.ofSeconds(2));

        assertThatThrownBy(() -> call("update_jira_status", Map.of("issue_key", key, "status", "Done")))
                .isInstanceOfSatisfying(TransientToolException.class,
                        e -> assertThat(e.retryAfter()).isEmpty());
        assertThatThrownBy(() -> call("update_jira_status", Map.of("issue_key", key, "status", "Done")))
                .isInstanceOfSatisfying(TransientToolException.class,
                        e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(2)));
        assertThat(call("update_jira_status", Map.of("issue_key", key, "status", "Done")))
                .containsEntry("changed", true);
    }

    @Test
    void aBadRequestIsInvalidArgumentsWithJirasMessage() {
        String key = newIssue("Bad request");
        jira.failNext(1, 400, null);

        assertThatThrownBy(() -> call("update_jira_status", Map.of("issue_key", key, "status", "Done")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("HTTP 400");
    }

    @Test
    void wrongCredentialsArePermanentAndHealthSaysSo() {
        PluginInstance wrong = createPlugin(Map.of("api-token", "not-the-token"));
        String key = newIssue("Wrong token");

        assertThatThrownBy(() -> call(wrong, "update_jira_status", Map.of("issue_key", key, "status", "Done"), "k-2"))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining("api-token").hasMessageNotContaining("not-the-token");
        Health health = wrong.health();
        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("credentials").doesNotContain("not-the-token");
        assertThat(jira.requests()).allSatisfy(request -> assertThat(request.authorized()).isFalse());
    }

    @Test
    void aMissingTokenFailsWithoutARequest() {
        PluginInstance unset = createPlugin(Map.of("api-token", ""));

        assertThatThrownBy(() -> call(unset, "get_unassigned_issues", Map.of("project_key", "PROJ"), "k-3"))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("JIRA_API_TOKEN");
        assertThat(unset.health().up()).isFalse();
        assertThat(jira.requests()).isEmpty();
    }

    @Test
    void anUnreachableJiraIsTransientAndDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        PluginInstance offline = createPlugin(Map.of("base-url", "http://127.0.0.1:" + closedPort));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> call(offline, "get_unassigned_issues", Map.of("project_key", "PROJ"), "k-4"))
                .isInstanceOf(TransientToolException.class).hasMessageContaining("did not answer");
        assertThat(offline.health().up()).isFalse();
        assertThat(offline.health().detail()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void aSlowAnswerTimesOutAsTransient() {
        PluginInstance impatient = createPlugin(Map.of("request-timeout", "300ms"));
        jira.delayNext(1, Duration.ofSeconds(2));

        assertThatThrownBy(() -> call(impatient, "get_unassigned_issues", Map.of("project_key", "PROJ"), "k-5"))
                .isInstanceOf(TransientToolException.class).hasMessageContaining("no answer in time");
    }

    @Test
    void aPassedDeadlineFailsBeforeSending() {
        ToolCall late = new ToolCall("get_unassigned_issues", Map.of("project_key", "PROJ"), "e", "k-6",
                Instant.now().minusSeconds(1));

        assertThatThrownBy(() -> invoke(plugin, late)).isInstanceOf(TransientToolException.class)
                .hasMessageContaining("deadline");
        assertThat(jira.requests()).isEmpty();
    }

    @Test
    void healthNamesTheAccountAndTheAllowedProjects() {
        Health health = plugin.health();

        assertThat(health.up()).isTrue();
        assertThat(health.detail()).contains(jira.baseUrl()).contains("Event Agent")
                .contains(jira.agent().accountId()).contains("projects OPS, PROJ");
        assertThat(jira.requests("GET", "/rest/api/3/myself")).hasSize(1);
    }

    @Test
    void bearerAuthentication() {
        try (TestingJiraServer bearer = TestingJiraServer.startWithBearerToken("oauth-access-token")) {
            bearer.issue("PROJ-1", "Bearer");
            PluginInstance instance = new JiraToolPlugin().create(TestingPluginContext.of(new JiraToolPlugin(),
                    bearer.pluginSettings()));
            try {
                assertThat(instance.health().up()).isTrue();
                assertThat(call(instance, "get_unassigned_issues", Map.of("project_key", "PROJ"), "k-7"))
                        .containsEntry("count", 1);
                assertThat(bearer.requests()).allSatisfy(request -> assertThat(request.authorized()).isTrue());
            } finally {
                instance.close();
            }
        }
    }
}
