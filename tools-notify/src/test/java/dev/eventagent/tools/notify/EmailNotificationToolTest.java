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
import dev.eventagent.testing.mail.ReceivedMail;
import dev.eventagent.testing.mail.TestingMailServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** send_email_notification through Angus Mail against GreenMail's real SMTP server. */
class EmailNotificationToolTest {

    private static final String TOOL = EmailNotificationTool.NAME;

    private static TestingMailServer server;
    private PluginInstance plugin;

    @BeforeAll
    static void startServer() {
        server = TestingMailServer.start();
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

    private static Map<String, Object> mail(String to, String subject, String body) {
        return Map.of("to", to, "subject", subject, "body", body);
    }

    @Test
    void sendsOneMessageWithAMessageIdDerivedFromTheIdempotencyKey() {
        ToolResult result = invoke(plugin, TOOL, mail("dana@company.com", "Deploy failed", "api on prod: rollback"),
                "event-9/notify/mail");

        String messageId = "<" + EffectTag.of("event-9/notify/mail") + ".event-agent@agent.example>";
        assertThat(result.value()).containsExactly(Map.entry("message_id", messageId));
        assertThat(server.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
        ReceivedMail received = server.messages().get(0);
        assertThat(received.messageId()).isEqualTo(messageId);
        assertThat(received.from()).containsExactly(TestingMailServer.FROM);
        assertThat(received.to()).containsExactly("dana@company.com");
        assertThat(received.subject()).isEqualTo("Deploy failed");
        assertThat(received.body()).isEqualTo("api on prod: rollback");
    }

    @Test
    void aRedeliveredCallWithTheSameKeyMailsOnce() {
        Map<String, Object> arguments = mail("dana@company.com", "PROJ-1", "assigned to you");
        ToolResult first = invoke(plugin, TOOL, arguments, "event-42/notify/mail");
        ToolResult again = invoke(plugin, TOOL, arguments, "event-42/notify/mail");
        invoke(plugin, TOOL, mail("lee@eng.company.com", "PROJ-2", "yours too"), "event-43/notify/mail");

        assertThat(again.value()).containsEntry("deduplicated", true)
                .containsEntry("message_id", first.value().get("message_id"));
        assertThat(server.awaitMessages(2, Duration.ofSeconds(5))).isTrue();
        assertThat(server.messages()).extracting(ReceivedMail::subject).containsExactlyInAnyOrder("PROJ-1", "PROJ-2");
    }

    @Test
    void aRecipientOutsideTheAllowedDomainsIsDeniedAndNothingIsSent() {
        for (String to : List.of("attacker@evil.com", "dana@company.com.evil.com", "dana@notcompany.com")) {
            assertThatThrownBy(() -> invoke(plugin, TOOL, mail(to, "s", "b"), to)).as(to)
                    .isInstanceOf(PolicyDeniedException.class)
                    .hasMessageContaining(to)
                    .hasMessageContaining("agent.plugins.notify.mail.allowed-recipient-domains");
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void recipientsAnAttackerCouldTypeAreInvalidNotDelivered() {
        for (String to : List.of("dana@company.com\r\nBcc: eve@evil.com", "dana@company.com, eve@evil.com",
                "dana@company.com;eve@evil.com", "Eve <eve@evil.com>", "\"eve@evil.com\"@company.com",
                "eve@evil.com@company.com", "dana")) {
            assertThatThrownBy(() -> invoke(plugin, TOOL, mail(to, "s", "b"), "x")).as(to)
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("'to'");
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void hostileSubjectAndBodyRoundTripWithoutInjectingHeaders() {
        String body = "'; DROP TABLE users; -- \"quoted\" \\ \nBcc: eve@evil.com\n.\nMAIL FROM:<eve@evil.com>\n"
                + "🚀 ünïcødé\n" + "x".repeat(10_000);
        invoke(plugin, TOOL, mail("dana@company.com", "Alert 🚨\r\nBcc: eve@evil.com", body), "hostile");

        assertThat(server.awaitMessages(1, Duration.ofSeconds(5))).isTrue();
        ReceivedMail received = server.messages().get(0);
        assertThat(received.subject()).isEqualTo("Alert 🚨 Bcc: eve@evil.com");
        assertThat(received.body().replace("\r\n", "\n")).isEqualTo(body);
        assertThat(received.headerNames()).doesNotContain("Bcc");
        assertThat(received.to()).containsExactly("dana@company.com");
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void aTooLongSubjectOrBodyIsInvalid() {
        try (PluginInstance strict = NotifyPlugins.create(server.pluginSettings(),
                Map.of("mail.max-subject-chars", 10, "mail.max-body-chars", 20))) {
            assertThatThrownBy(() -> invoke(strict, TOOL, mail("dana@company.com", "s".repeat(11), "b"), "a"))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("max-subject-chars");
            assertThatThrownBy(() -> invoke(strict, TOOL, mail("dana@company.com", "s", "b".repeat(21)), "b"))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("max-body-chars");
        }
    }

    @Test
    void aWrongPasswordIsPermanentAndAnUnreachableRelayTransient() {
        try (PluginInstance wrong = NotifyPlugins.create(server.pluginSettings(), Map.of("mail.password", "nope"))) {
            assertThatThrownBy(() -> invoke(wrong, TOOL, mail("dana@company.com", "s", "b"), "a"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("authentication failed");
            assertThat(wrong.health().detail()).contains("DOWN smtp");
        }
        try (PluginInstance down = NotifyPlugins.create(server.pluginSettings(), Map.of("mail.port", 9))) {
            assertThatThrownBy(() -> invoke(down, TOOL, mail("dana@company.com", "s", "b"), "b"))
                    .isInstanceOf(TransientToolException.class).hasMessageContaining("127.0.0.1:9");
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void requiredStartTlsAgainstARelayWithoutItIsPermanent() {
        try (PluginInstance tls = NotifyPlugins.create(server.pluginSettings(), Map.of("mail.security", "starttls"))) {
            assertThatThrownBy(() -> invoke(tls, TOOL, mail("dana@company.com", "s", "b"), "tls"))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("STARTTLS");
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void sendsSeveralInARowAndHealthProbesTheRelay() {
        for (int i = 0; i < 3; i++) {
            invoke(plugin, TOOL, mail("dana@company.com", "n" + i, "b"), "seq-" + i);
        }
        assertThat(server.awaitMessages(3, Duration.ofSeconds(5))).isTrue();
        assertThat(plugin.health().detail()).contains("smtp 127.0.0.1:" + server.port() + " (none)")
                .doesNotContain("DOWN smtp");
    }
}
