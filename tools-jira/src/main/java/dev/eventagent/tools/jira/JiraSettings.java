package dev.eventagent.tools.jira;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ConfigView;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated settings of {@code agent.plugins.jira} (see the module's reference.conf).
 *
 * @param baseUrl the Jira site, without a trailing slash
 * @param authMode how requests authenticate
 * @param email the account e-mail for Basic authentication
 * @param apiToken the API token (Basic) or access token (Bearer); empty when not set
 * @param allowedProjects the project keys the tools may touch; empty means all
 * @param connectTimeout how long opening a connection may take
 * @param requestTimeout how long one request may take
 * @param healthTimeout how long the health probe may take
 * @param maxCommentChars the longest comment sent
 * @param commentDuplicateScan how many recent comments are checked for a call's mark; 0 = off
 * @param searchPageSize issues per page of the JQL search
 */
public record JiraSettings(
        URI baseUrl,
        AuthMode authMode,
        String email,
        String apiToken,
        Set<String> allowedProjects,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration healthTimeout,
        int maxCommentChars,
        int commentDuplicateScan,
        int searchPageSize) {

    /** Jira Cloud's limit on a comment, in characters. */
    public static final int JIRA_MAX_COMMENT_CHARS = 32_767;

    /** A Jira project key: an upper-case letter, then 1 to 9 upper-case letters, digits or underscores. */
    public static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,9}");

    /** How requests authenticate: {@code auth-mode}. */
    public enum AuthMode {
        /** HTTP Basic with the account e-mail and an API token. */
        BASIC,
        /** {@code Authorization: Bearer <token>}. */
        BEARER
    }

    /** Validates and copies the fields. */
    public JiraSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(authMode, "authMode is null");
        requireNonNull(email, "email is null");
        requireNonNull(apiToken, "apiToken is null");
        allowedProjects = Set.copyOf(requireNonNull(allowedProjects, "allowedProjects is null"));
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(healthTimeout, "healthTimeout is null");
    }

    /**
     * Reads and checks the plugin's subtree.
     *
     * @param config the view of {@code agent.plugins.jira}
     * @param apiToken the token secret, or empty
     * @return the settings
     * @throws IllegalArgumentException naming the key when a value is wrong
     */
    public static JiraSettings from(ConfigView config, String apiToken) {
        String prefix = config.path().isEmpty() ? "" : config.path() + ".";
        String url = config.getString("base-url").trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI baseUrl;
        try {
            baseUrl = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(prefix + "base-url = '" + url + "': not a URL (" + e.getReason()
                    + "); expected e.g. https://your-domain.atlassian.net (or set JIRA_BASE_URL)", e);
        }
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(prefix + "base-url = '" + url
                    + "': expected http(s)://host[:port][/path] without credentials or query,"
                    + " e.g. https://your-domain.atlassian.net (or set JIRA_BASE_URL)");
        }
        String mode = config.getString("auth-mode").trim();
        AuthMode authMode;
        try {
            authMode = AuthMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "auth-mode = '" + mode + "': expected basic or bearer", e);
        }
        Set<String> projects = new LinkedHashSet<>();
        for (String project : config.getStringList("allowed-projects")) {
            if (!PROJECT_KEY.matcher(project).matches()) {
                throw new IllegalArgumentException(prefix + "allowed-projects has '" + project
                        + "': expected Jira project keys like PROJ (" + PROJECT_KEY.pattern() + ")");
            }
            projects.add(project);
        }
        return new JiraSettings(
                baseUrl,
                authMode,
                config.getString("email").trim(),
                apiToken.trim(),
                projects,
                atLeast(config, "connect-timeout", Duration.ofMillis(100), prefix),
                atLeast(config, "request-timeout", Duration.ofMillis(100), prefix),
                atLeast(config, "health-timeout", Duration.ofMillis(100), prefix),
                range(config, "max-comment-chars", 1, JIRA_MAX_COMMENT_CHARS, prefix),
                range(config, "comment-duplicate-scan", 0, 100, prefix),
                range(config, "search-page-size", 1, 100, prefix));
    }

    /**
     * Whether the tools may touch a project.
     *
     * @param projectKey the project key
     * @return true when the allowlist is empty or names it
     */
    public boolean allows(String projectKey) {
        return allowedProjects.isEmpty() || allowedProjects.contains(projectKey);
    }

    /** @return the settings with the token masked */
    @Override
    public String toString() {
        return "JiraSettings[baseUrl=" + baseUrl + ", authMode=" + authMode + ", email=" + email + ", apiToken="
                + (apiToken.isEmpty() ? "<unset>" : "[hidden]") + ", allowedProjects=" + allowedProjects
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", healthTimeout="
                + healthTimeout + ", maxCommentChars=" + maxCommentChars + ", commentDuplicateScan="
                + commentDuplicateScan + ", searchPageSize=" + searchPageSize + "]";
    }

    private static Duration atLeast(ConfigView config, String key, Duration least, String prefix) {
        Duration value = config.getDuration(key);
        if (value.compareTo(least) < 0) {
            throw new IllegalArgumentException(prefix + key + " = " + value + ": expected at least " + least.toMillis()
                    + "ms");
        }
        return value;
    }

    private static int range(ConfigView config, String key, int min, int max, String prefix) {
        int value = config.getInt(key);
        if (value < min || value > max) {
            throw new IllegalArgumentException(prefix + key + " = " + value + ": expected " + min + " to " + max);
        }
        return value;
    }
}
