package dev.eventagent.tools.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The argument schemas reject bad arguments before a tool runs; the descriptors say EXTERNAL. */
class ArgumentSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PluginInstance plugin;

    @BeforeAll
    static void createPlugin() {
        plugin = NotifyPlugins.create();
    }

    @AfterAll
    static void closePlugin() {
        plugin.close();
    }

    private static boolean valid(String tool, Map<String, ?> arguments) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(NotifyPlugins.tool(plugin, tool).descriptor().argumentsSchema());
        return schema.validate(JSON.valueToTree(arguments)).isEmpty();
    }

    @Test
    void everyToolIsAnExternalNonIdempotentEffectOfMediumRisk() {
        for (Tool tool : plugin.tools()) {
            assertThat(tool.descriptor().effect()).isEqualTo(EffectKind.EXTERNAL);
            assertThat(tool.descriptor().idempotent()).isFalse();
            assertThat(tool.descriptor().risk()).isEqualTo(Risk.MEDIUM);
        }
    }

    @Test
    void slackArguments() {
        String tool = SlackNotificationTool.NAME;
        assertThat(valid(tool, Map.of("channel", "#eng-alerts", "message", "m"))).isTrue();
        assertThat(valid(tool, Map.of("channel", "C0123ABCD9", "message", "m"))).isTrue();
        assertThat(valid(tool, Map.of("channel", "dana@company.com", "message", "m",
                "blocks", List.of(Map.of("type", "divider"))))).isTrue();
        assertThat(valid(tool, Map.of("channel", "#eng alerts", "message", "m"))).isFalse();
        assertThat(valid(tool, Map.of("channel", "#eng-alerts\n@channel", "message", "m"))).isFalse();
        assertThat(valid(tool, Map.of("channel", "a@b.com, c@d.com", "message", "m"))).isFalse();
        assertThat(valid(tool, Map.of("channel", "#eng-alerts", "message", ""))).isFalse();
        assertThat(valid(tool, Map.of("channel", "#eng-alerts", "message", "x".repeat(40_001)))).isFalse();
        assertThat(valid(tool, Map.of("channel", "#eng-alerts", "message", "m", "blocks", List.of(Map.of())))).isFalse();
        assertThat(valid(tool, Map.of("channel", "#eng-alerts"))).isFalse();
        assertThat(valid(tool, Map.of("channel", "#eng-alerts", "message", "m", "as_user", true))).isFalse();
    }

    @Test
    void emailArguments() {
        String tool = EmailNotificationTool.NAME;
        assertThat(valid(tool, Map.of("to", "dana@company.com", "subject", "s", "body", "b"))).isTrue();
        assertThat(valid(tool, Map.of("to", "dana@company.com\r\nBcc: e@evil.com", "subject", "s", "body", "b")))
                .isFalse();
        assertThat(valid(tool, Map.of("to", "dana@company.com, e@evil.com", "subject", "s", "body", "b"))).isFalse();
        assertThat(valid(tool, Map.of("to", "Dana <dana@company.com>", "subject", "s", "body", "b"))).isFalse();
        assertThat(valid(tool, Map.of("to", "dana@company.com", "subject", "", "body", "b"))).isFalse();
        assertThat(valid(tool, Map.of("to", "dana@company.com", "subject", "s", "body", "b", "cc", "x@y.com")))
                .isFalse();
    }

    @Test
    void githubArguments() {
        String tool = GitHubCommentTool.NAME;
        assertThat(valid(tool, Map.of("repo", "acme/payments-api", "pr_number", 7, "comment", "c"))).isTrue();
        assertThat(valid(tool, Map.of("repo", "acme/payments-api", "pr_number", 0, "comment", "c"))).isFalse();
        assertThat(valid(tool, Map.of("repo", "acme/payments-api", "pr_number", "7", "comment", "c"))).isFalse();
        assertThat(valid(tool, Map.of("repo", "acme/payments-api", "pr_number", 1.5, "comment", "c"))).isFalse();
        assertThat(valid(tool, Map.of("repo", "acme", "pr_number", 7, "comment", "c"))).isFalse();
        assertThat(valid(tool, Map.of("repo", "acme/api/../x", "pr_number", 7, "comment", "c"))).isFalse();
        assertThat(valid(tool, Map.of("repo", "acme/api", "pr_number", 7, "comment", "x".repeat(65_001)))).isFalse();
    }
}
