package dev.eventagent.tools.notify;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.PluginContext;
import java.time.Duration;

/**
 * The settings of {@code agent.plugins.notify.slack}.
 *
 * @param enabled whether the Slack tool may send
 * @param apiUrl the Web API prefix, e.g. {@code https://slack.com/api/}
 * @param token the bot token, or {@code null} when not set
 * @param timeout one HTTP call's timeout
 * @param allowedChannels where messages may go
 * @param allowBroadcastMentions whether {@code @channel}-style mentions are kept
 * @param maxMessageChars the longest message text
 * @param channelMinInterval the least time between two posts to one channel
 */
record SlackSettings(
        boolean enabled,
        String apiUrl,
        String token,
        Duration timeout,
        Allowlist allowedChannels,
        boolean allowBroadcastMentions,
        int maxMessageChars,
        Duration channelMinInterval) {

    /** The longest text Slack accepts in one message. */
    static final int SLACK_MAX_TEXT = 40_000;

    static SlackSettings from(ConfigView root, PluginContext context) {
        ConfigView config = root.getConfig("slack");
        String apiUrl = SettingsChecks.httpUrl(config, "api-url");
        return new SlackSettings(
                config.getBoolean("enabled"),
                apiUrl.endsWith("/") ? apiUrl : apiUrl + "/",
                context.secret("slack.token").orElse(null),
                SettingsChecks.positive(config, "timeout"),
                Allowlist.of(SettingsChecks.fullKey(config, "allowed-channels"), config.getStringList("allowed-channels")),
                config.getBoolean("allow-broadcast-mentions"),
                SettingsChecks.intBetween(config, "max-message-chars", 1, SLACK_MAX_TEXT),
                SettingsChecks.notNegative(config, "channel-min-interval"));
    }
}
