package dev.eventagent.tools.notify;

import static dev.eventagent.tools.notify.NotifyPlugins.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.api.ToolResult;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.slack.PostedSlackMessage;
import dev.eventagent.testing.slack.SlackApiCall;
import dev.eventagent.testing.slack.TestingSlackServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** send_slack_notification through the real slack-api-client against the testing Slack server. */
class SlackNotificationToolTest {

    private static final String TOOL = SlackNotificationTool.NAME;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestingSlackServer server;
    private PluginInstance plugin;

    @BeforeAll
    static void startServer() {
        server = TestingSlackServer.start();
        server.addUser("dana@company.com");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createPlugin() {
        server.reset();
        plugin = NotifyPlugins.create(server.pluginSettings(), Map.of("slack.channel-min-interval", "0s"));
    }

    @AfterEach
    void closePlugin() {
        plugin.close();
    }

    @Test
    void postsToAChannelByNameWithABearerTokenAndNoAuthTestOfItsOwn() {
        ToolResult result = invoke(plugin, TOOL, Map.of("channel", "#eng-alerts", "message", "Deploy failed"), "k1");

        assertThat(result.value()).containsOnlyKeys("channel", "ts");
        assertThat(server.messages()).singleElement().satisfies(m -> {
            assertThat(m.requestedChannel()).isEqualTo("#eng-alerts");
            assertThat(m.channel()).isEqualTo(result.value().get("channel"));
            assertThat(m.ts()).isEqualTo(result.value().get("ts"));
            assertThat(m.text()).isEqualTo("Deploy failed");
            assertThat(m.metadata()).contains("event_agent_notification", EffectTag.of("k1"));
        });
        assertThat(server.calls()).extracting(SlackApiCall::method).containsExactly("chat.postMessage");
        assertThat(server.calls().get(0).token()).isEqualTo(TestingSlackServer.TOKEN);
        assertThat(server.calls().get(0).contentType()).startsWith("application/x-www-form-urlencoded");
    }

    @Test
    void sendsADirectMessageToAMemberGivenTheirEmail() {
        ToolResult result = invoke(plugin, TOOL, Map.of("channel", "dana@company.com", "message", "PROJ-7 is yours"),
                "dm");

        String userId = server.addUser("dana@company.com");
        assertThat(result.value().get("channel")).isEqualTo("D" + userId.substring(1));
        assertThat(server.calls()).extracting(SlackApiCall::method)
                .containsExactly("users.lookupByEmail", "conversations.open", "chat.postMessage");
        assertThat(server.calls().get(1).params()).containsEntry("users", userId);
    }

    @Test
    void aMemberSlackDoesNotKnowIsAPermanentFailure() {
        assertThatThrownBy(() -> invoke(plugin, TOOL, Map.of("channel", "ghost@company.com", "message", "hi"), "ghost"))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("users_not_found");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void theDemoServerCanKnowEveryMember() {
        server.acceptEveryUser(true);
        try {
            invoke(plugin, TOOL, Map.of("channel", "newcomer@company.com", "message", "welcome"), "everyone");
        } finally {
            server.acceptEveryUser(false);
        }
        assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.channel()).startsWith("D"));
    }

    @Test
    void aRedeliveredCallWithTheSameKeyPostsOnce() {
        Map<String, Object> arguments = Map.of("channel", "#eng-alerts", "message", "PROJ-1 assigned to dana");
        ToolResult first = invoke(plugin, TOOL, arguments, "event-42/notify/slack");
        ToolResult again = invoke(plugin, TOOL, arguments, "event-42/notify/slack");
        invoke(plugin, TOOL, arguments, "event-43/notify/slack");

        assertThat(again.value()).containsEntry("deduplicated", true)
                .containsEntry("ts", first.value().get("ts")).containsEntry("channel", first.value().get("channel"));
        assertThat(server.messages()).hasSize(2);
    }

    @Test
    void channelsOutsideTheAllowlistAreDeniedBeforeAnythingIsSent() {
        for (String channel : List.of("#random", "#general", "attacker@evil.com", "G0123456789", "dana@company.com.evil.io")) {
            assertThatThrownBy(() -> invoke(plugin, TOOL, Map.of("channel", channel, "message", "hi"), channel))
                    .as(channel).isInstanceOf(PolicyDeniedException.class)
                    .hasMessageContaining("agent.plugins.notify.slack.allowed-channels");
        }
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void channelsThatAreNoChannelAreInvalid() {
        for (String channel : List.of("#eng-alerts\n@channel", "#eng alerts", "eng-alerts", "<!channel>",
                "dana@company.com, eve@evil.com")) {
            assertThatThrownBy(() -> invoke(plugin, TOOL, Map.of("channel", channel, "message", "hi"), "x"))
                    .as(channel).isInstanceOf(InvalidArgumentsException.class);
        }
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void broadcastMentionsAreStrippedFromTextAndBlocks() {
        List<Map<String, Object>> blocks = List.of(Map.of("type", "section",
                "text", Map.of("type", "mrkdwn", "text", "<!here|here> look at <@U123>")));
        ToolResult result = invoke(plugin, TOOL, Map.of("channel", "#eng-alerts",
                "message", "@channel deploy failed <!channel> <!everyone> <!subteam^S1|@oncall> hi@here.com",
                "blocks", blocks), "mentions");

        PostedSlackMessage posted = server.messages().get(0);
        assertThat(posted.text()).isEqualTo("channel deploy failed channel everyone oncall hi@here.com");
        assertThat(posted.blocks()).contains("here look at <@U123>").doesNotContain("<!here");
        assertThat(result.value()).containsEntry("mentions_removed", 5);
    }

    @Test
    void broadcastMentionsStayWhenConfigAllowsThem() {
        try (PluginInstance permissive = NotifyPlugins.create(server.pluginSettings(),
                Map.of("slack.allow-broadcast-mentions", true, "slack.channel-min-interval", "0s"))) {
            invoke(permissive, TOOL, Map.of("channel", "#eng-alerts", "message", "<!here> @channel"), "allowed");
        }
        assertThat(server.messages().get(0).text()).isEqualTo("<!here> @channel");
    }

    @Test
    void hostileTextArrivesIntactAndInert() throws Exception {
        String hostile = "'; DROP TABLE users; -- \" \\ {\"ok\":false} & < > <https://evil.example|click> "
                + "token=xoxb-1&channel=#general \r\n 🚀 ünïcødé " + "x".repeat(10_000);
        List<Map<String, Object>> blocks = List.of(Map.of("type", "section", "text",
                Map.of("type", "mrkdwn", "text", hostile.substring(0, 2_000))));
        invoke(plugin, TOOL, Map.of("channel", "#eng-alerts", "message", hostile, "blocks", blocks), "hostile");

        PostedSlackMessage posted = server.messages().get(0);
        assertThat(posted.text()).isEqualTo(hostile);
        assertThat(posted.requestedChannel()).isEqualTo("#eng-alerts");
        JsonNode sentBlocks = JSON.readTree(posted.blocks());
        assertThat(sentBlocks.get(0).path("text").path("text").asText()).isEqualTo(hostile.substring(0, 2_000));
        assertThat(server.calls().get(0).params()).doesNotContainKey("token");
    }

    @Test
    void aMessageOverTheLimitIsInvalid() {
        try (PluginInstance strict = NotifyPlugins.create(server.pluginSettings(), Map.of("slack.max-message-chars", 100))) {
            assertThatThrownBy(() -> invoke(strict, TOOL, Map.of("channel", "#eng-x", "message", "y".repeat(101)), "big"))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("max-message-chars");
        }
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void rateLimitedIsTransientWithTheServersRetryAfterAndTheNextCallSucceeds() {
        server.failNext(1, 429, Duration.ofSeconds(7));
        Map<String, Object> arguments = Map.of("channel", "#eng-alerts", "message", "again");

        assertThatThrownBy(() -> invoke(plugin, TOOL, arguments, "limited"))
                .isInstanceOfSatisfying(TransientToolException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        invoke(plugin, TOOL, arguments, "limited");

        assertThat(server.calls()).extracting(SlackApiCall::status).containsExactly(429, 200);
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void serverErrorsAreTransientAndAuthAndChannelErrorsPermanent() {
        Map<String, Object> arguments = Map.of("channel", "#eng-alerts", "message", "m");
        server.failNext(1, 503, null);
        assertThatThrownBy(() -> invoke(plugin, TOOL, arguments, "a")).isInstanceOf(TransientToolException.class);
        server.failNextWithError(1, "internal_error");
        assertThatThrownBy(() -> invoke(plugin, TOOL, arguments, "b")).isInstanceOf(TransientToolException.class);
        server.failNextWithError(1, "invalid_auth");
        assertThatThrownBy(() -> invoke(plugin, TOOL, arguments, "c")).isInstanceOf(PermanentToolException.class)
                .hasMessageContaining("SLACK_BOT_TOKEN");
        server.channelNotFound("#eng-gone");
        assertThatThrownBy(() -> invoke(plugin, TOOL, Map.of("channel", "#eng-gone", "message", "m"), "d"))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("channel_not_found");
        try (PluginInstance wrongToken = NotifyPlugins.create(server.pluginSettings(), Map.of("slack.token", "xoxb-no"))) {
            assertThatThrownBy(() -> invoke(wrongToken, TOOL, arguments, "e"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("invalid_auth");
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void anUnreachableSlackIsTransient() {
        try (PluginInstance down = NotifyPlugins.create(server.pluginSettings(), Map.of("slack.api-url", "http://127.0.0.1:9/api/"))) {
            assertThatThrownBy(() -> invoke(down, TOOL, Map.of("channel", "#eng-a", "message", "m"), "down"))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("127.0.0.1:9");
            assertThat(down.health().detail()).contains("DOWN slack http://127.0.0.1:9/api/");
        }
    }

    @Test
    void postsToOneChannelArePacedAndAWaitPastTheDeadlineIsTransient() {
        try (PluginInstance paced = NotifyPlugins.create(server.pluginSettings(),
                Map.of("slack.channel-min-interval", "400ms"))) {
            long start = System.nanoTime();
            invoke(paced, TOOL, Map.of("channel", "#eng-a", "message", "1"), "p1");
            invoke(paced, TOOL, Map.of("channel", "#eng-b", "message", "other channel"), "p2");
            invoke(paced, TOOL, Map.of("channel", "#eng-a", "message", "2"), "p3");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isBetween(380L, 5_000L);

            var tool = NotifyPlugins.tool(paced, TOOL);
            var hurried = NotifyPlugins.call(TOOL, Map.of("channel", "#eng-a", "message", "3"), "p4", Duration.ofMillis(50));
            assertThatThrownBy(() -> tool.invoke(hurried)).isInstanceOfSatisfying(TransientToolException.class,
                    e -> assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()));
        }
        assertThat(server.messages()).extracting(PostedSlackMessage::text).containsExactly("1", "other channel", "2");
    }

    @Test
    void healthCallsAuthTestAndReportsAMissingToken() {
        assertThat(slackHealth(plugin)).startsWith("slack " + server.apiUrl() + ": team Testing");
        assertThat(server.calls()).extracting(SlackApiCall::method).containsExactly("auth.test");
        try (PluginInstance tokenless = NotifyPlugins.create(server.pluginSettings(), Map.of("slack.token", ""))) {
            assertThat(slackHealth(tokenless)).contains("DOWN").contains("SLACK_BOT_TOKEN");
            assertThatThrownBy(() -> invoke(tokenless, TOOL, Map.of("channel", "#eng-a", "message", "m"), "t"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("SLACK_BOT_TOKEN");
        }
    }

    private static String slackHealth(PluginInstance instance) {
        return List.of(instance.health().detail().split("; ")).stream().filter(s -> s.contains("slack ")).findFirst()
                .orElseThrow();
    }
}
