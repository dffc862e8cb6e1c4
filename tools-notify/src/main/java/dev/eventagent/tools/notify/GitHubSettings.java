package dev.eventagent.tools.notify;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.PluginContext;
import java.time.Duration;

/**
 * The settings of {@code agent.plugins.notify.github}.
 *
 * @param enabled whether the GitHub tool may post
 * @param apiUrl the REST base URL, {@code https://api.github.com} or a GitHub Enterprise
 *     {@code https://host/api/v3}, without a trailing slash
 * @param token the token, or {@code null} when not set
 * @param connectTimeout the connect timeout
 * @param timeout one request's timeout (shortened to the call's deadline)
 * @param allowedRepos which repositories may be commented on
 * @param maxCommentChars the longest comment
 * @param dedupeLookback how far back existing comments are searched for the effect's marker;
 *     zero turns the search off
 * @param dedupeMaxPages the most pages of 100 comments searched
 */
record GitHubSettings(
        boolean enabled,
        String apiUrl,
        String token,
        Duration connectTimeout,
        Duration timeout,
        Allowlist allowedRepos,
        int maxCommentChars,
        Duration dedupeLookback,
        int dedupeMaxPages) {

    /** The longest comment body GitHub accepts, less room for the effect marker. */
    static final int GITHUB_MAX_COMMENT = 65_000;

    static GitHubSettings from(ConfigView root, PluginContext context) {
        ConfigView config = root.getConfig("github");
        String apiUrl = SettingsChecks.httpUrl(config, "api-url");
        return new GitHubSettings(
                config.getBoolean("enabled"),
                apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl,
                context.secret("github.token").orElse(null),
                SettingsChecks.positive(config, "connect-timeout"),
                SettingsChecks.positive(config, "timeout"),
                Allowlist.of(SettingsChecks.fullKey(config, "allowed-repos"), config.getStringList("allowed-repos")),
                SettingsChecks.intBetween(config, "max-comment-chars", 1, GITHUB_MAX_COMMENT),
                SettingsChecks.notNegative(config, "dedupe-lookback"),
                SettingsChecks.intBetween(config, "dedupe-max-pages", 1, 100));
    }
}
