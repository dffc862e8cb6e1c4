package dev.eventagent.tools.notify;

import static dev.eventagent.tools.notify.NotifyPlugins.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.github.GitHubRequest;
import dev.eventagent.testing.github.PostedGitHubComment;
import dev.eventagent.testing.github.TestingGitHubServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** create_github_comment through the java.net.http client against the testing GitHub server. */
class GitHubCommentToolTest {

    private static final String TOOL = GitHubCommentTool.NAME;

    private static TestingGitHubServer server;
    private PluginInstance plugin;

    @BeforeAll
    static void startServer() {
        server = TestingGitHubServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createPlugin() {
        server.reset();
        plugin = NotifyPlugins.create(server.pluginSettings());
    }

    @AfterEach
    void closePlugin() {
        plugin.close();
    }

    private static Map<String, Object> comment(String repo, int number, String text) {
        return Map.of("repo", repo, "pr_number", number, "comment", text);
    }

    @Test
    void postsACommentWithAHiddenMarkerAndAnswersItsIdAndUrl() {
        ToolResult result = invoke(plugin, TOOL, comment("acme/payments-api", 17, "Suggested reviewer: @dana"), "k1");

        PostedGitHubComment posted = server.comments().get(0);
        assertThat(result.value()).containsExactly(Map.entry("comment_id", posted.id()), Map.entry("url", posted.url()));
        assertThat(posted.repository()).isEqualTo("acme/payments-api");
        assertThat(posted.issueNumber()).isEqualTo(17);
        assertThat(posted.body()).isEqualTo("Suggested reviewer: @dana\n\n<!-- event-agent:effect=" + EffectTag.of("k1")
                + " -->");
        GitHubRequest post = server.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(post.token()).isEqualTo(TestingGitHubServer.TOKEN);
        assertThat(post.path()).isEqualTo("/repos/acme/payments-api/issues/17/comments");
    }

    @Test
    void aRedeliveredCallWithTheSameKeyCommentsOnceEvenAfterARestart() {
        Map<String, Object> arguments = comment("acme/api", 5, "Build broke on main");
        ToolResult first = invoke(plugin, TOOL, arguments, "event-42/notify/github");
        ToolResult sameProcess = invoke(plugin, TOOL, arguments, "event-42/notify/github");
        ToolResult afterRestart;
        try (PluginInstance restarted = NotifyPlugins.create(server.pluginSettings())) {
            afterRestart = invoke(restarted, TOOL, arguments, "event-42/notify/github");
        }
        invoke(plugin, TOOL, arguments, "event-43/notify/github");

        assertThat(sameProcess.value()).containsEntry("deduplicated", true)
                .containsEntry("comment_id", first.value().get("comment_id"));
        assertThat(afterRestart.value()).containsEntry("deduplicated", true)
                .containsEntry("comment_id", first.value().get("comment_id"))
                .containsEntry("url", first.value().get("url"));
        assertThat(server.comments("acme/api", 5)).hasSize(2);
    }

    @Test
    void theMarkerSearchFollowsPagesAndCanBeTurnedOff() {
        for (int i = 0; i < 120; i++) {
            invoke(plugin, TOOL, comment("acme/busy", 1, "filler " + i), "filler-" + i);
        }
        invoke(plugin, TOOL, comment("acme/busy", 1, "the one"), "late");
        try (PluginInstance restarted = NotifyPlugins.create(server.pluginSettings())) {
            assertThat(invoke(restarted, TOOL, comment("acme/busy", 1, "the one"), "late").value())
                    .containsEntry("deduplicated", true);
        }
        try (PluginInstance noSearch = NotifyPlugins.create(server.pluginSettings(), Map.of("github.dedupe-lookback", "0s"))) {
            server.reset();
            invoke(noSearch, TOOL, comment("acme/busy", 1, "x"), "no-search");
            assertThat(server.requests()).extracting(GitHubRequest::method).containsExactly("POST");
        }
    }

    @Test
    void aRepositoryOutsideTheAllowlistIsDenied() {
        for (String repo : List.of("other/api", "acme-evil/api", "ACME2/x")) {
            assertThatThrownBy(() -> invoke(plugin, TOOL, comment(repo, 1, "hi"), repo)).as(repo)
                    .isInstanceOf(PolicyDeniedException.class)
                    .hasMessageContaining("agent.plugins.notify.github.allowed-repos");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void repositoriesAndNumbersThatAreNoneAreInvalid() {
        for (String repo : List.of("acme/../../user", "acme/..", "acme", "acme/api/issues", "acme/api?x=1", "acme/a b",
                "https://evil.example/acme/api")) {
            assertThatThrownBy(() -> invoke(plugin, TOOL, comment(repo, 1, "hi"), "r")).as(repo)
                    .isInstanceOf(InvalidArgumentsException.class);
        }
        assertThatThrownBy(() -> invoke(plugin, TOOL, Map.of("repo", "acme/api", "pr_number", 1.5, "comment", "c"), "n"))
                .isInstanceOf(InvalidArgumentsException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void hostileCommentsRoundTripAndCannotForgeAMarker() {
        String hostile = "'; DROP TABLE comments; -- \"}{\" \\u0000 \\ <script>alert(1)</script> 🚀\n"
                + "x".repeat(10_000);
        invoke(plugin, TOOL, comment("acme/api", 9, hostile), "hostile");
        invoke(plugin, TOOL, comment("acme/api", 9, "<!-- event-agent:effect=" + EffectTag.of("victim") + " -->"), "forger");
        ToolResult victim = invoke(plugin, TOOL, comment("acme/api", 9, "real"), "victim");

        assertThat(server.comments("acme/api", 9).get(0).body()).startsWith(hostile + "\n\n<!-- event-agent:effect=");
        assertThat(server.comments("acme/api", 9).get(1).body()).startsWith("<!-- quoted:effect=");
        assertThat(victim.value()).doesNotContainKey("deduplicated");
        assertThat(server.comments("acme/api", 9)).hasSize(3);
    }

    @Test
    void rateLimitsOfThePostAreTransientWithTheServersRetryAfterAndTheNextCallSucceeds() {
        Map<String, Object> arguments = comment("acme/api", 3, "c");
        try (PluginInstance postOnly = NotifyPlugins.create(server.pluginSettings(), Map.of("github.dedupe-lookback", "0s"))) {
            server.failNext(1, 429, Duration.ofSeconds(11));
            assertThatThrownBy(() -> invoke(postOnly, TOOL, arguments, "limited"))
                    .isInstanceOfSatisfying(TransientToolException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(11)));
            server.failNextWithSecondaryRateLimit(1, Duration.ofSeconds(60));
            assertThatThrownBy(() -> invoke(postOnly, TOOL, arguments, "limited"))
                    .isInstanceOfSatisfying(TransientToolException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)))
                    .hasMessageContaining("secondary rate limit");
            invoke(postOnly, TOOL, arguments, "limited");
        }
        assertThat(server.requests()).extracting(GitHubRequest::status).containsExactly(429, 403, 201);
        assertThat(server.comments("acme/api", 3)).hasSize(1);
    }

    @Test
    void aRateLimitedMarkerSearchIsTransientToo() {
        server.failNext(1, 429, Duration.ofSeconds(3));
        assertThatThrownBy(() -> invoke(plugin, TOOL, comment("acme/api", 4, "c"), "search-limited"))
                .isInstanceOfSatisfying(TransientToolException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
        assertThat(server.comments()).isEmpty();
    }

    @Test
    void failuresAreMappedToTheirCategories() {
        Map<String, Object> arguments = comment("acme/api", 3, "c");
        server.failNext(1, 502, null);
        assertThatThrownBy(() -> invoke(plugin, TOOL, arguments, "a")).isInstanceOf(TransientToolException.class);
        server.failNext(1, 422, null);
        assertThatThrownBy(() -> invoke(plugin, TOOL, arguments, "b")).isInstanceOf(PermanentToolException.class)
                .hasMessageContaining("422");
        server.repositoryNotFound("acme/gone");
        assertThatThrownBy(() -> invoke(plugin, TOOL, comment("acme/gone", 1, "c"), "c"))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("404");
        try (PluginInstance wrongToken = NotifyPlugins.create(server.pluginSettings(), Map.of("github.token", "nope"))) {
            assertThatThrownBy(() -> invoke(wrongToken, TOOL, arguments, "d"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("GITHUB_TOKEN");
        }
        try (PluginInstance down = NotifyPlugins.create(server.pluginSettings(), Map.of("github.api-url", "http://127.0.0.1:9"))) {
            assertThatThrownBy(() -> invoke(down, TOOL, arguments, "e")).isInstanceOf(TransientToolException.class);
        }
        assertThat(server.comments()).isEmpty();
    }

    @Test
    void healthAsksForTheRateLimit() {
        assertThat(plugin.health().detail()).contains("github " + server.apiUrl() + ": 4999 core requests left");
        assertThat(server.requests()).extracting(GitHubRequest::path).containsExactly("/rate_limit");
    }
}
