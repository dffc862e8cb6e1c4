package dev.eventagent.tools.notify;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.ToolPlugin;
import java.util.Set;

/**
 * Notification tools: {@code send_slack_notification} (Slack Web API), {@code send_email_notification}
 * (SMTP) and {@code create_github_comment} (GitHub REST). Each backend has its own section
 * ({@code slack}, {@code mail}, {@code github}) with an allowlist that the tool enforces itself;
 * nothing connects until the first call, so the plugin starts while its backends are down or not
 * configured.
 */
public final class NotifyToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("slack.token", "mail.password", "github.token");
    }

    @Override
    public PluginInstance create(PluginContext context) {
        ConfigView config = context.config();
        SlackSettings slack = SlackSettings.from(config, context);
        MailSettings mail = MailSettings.from(config, context);
        GitHubSettings github = GitHubSettings.from(config, context);
        int rememberedEffects = SettingsChecks.intBetween(config, "remembered-effects", 1, 1_000_000);
        return new NotifyPluginInstance(slack, mail, github, rememberedEffects, context.clock(), context.metrics());
    }
}
