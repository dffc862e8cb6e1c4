package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ConfigView;
import java.util.regex.Pattern;

/**
 * The names of the plugin's tables (without the database), from {@code tables.*}.
 *
 * @param commits commit events
 * @param pullRequests pull-request events
 * @param jira Jira issue events
 * @param deployments deployment events
 * @param incidents incident events
 * @param audit audit records
 */
record ClickHouseTables(
        String commits, String pullRequests, String jira, String deployments, String incidents, String audit) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}");

    ClickHouseTables {
        requireNonNull(commits, "commits is null");
        requireNonNull(pullRequests, "pullRequests is null");
        requireNonNull(jira, "jira is null");
        requireNonNull(deployments, "deployments is null");
        requireNonNull(incidents, "incidents is null");
        requireNonNull(audit, "audit is null");
    }

    static ClickHouseTables from(ConfigView config) {
        return new ClickHouseTables(
                read(config, "commits"),
                read(config, "pull-requests"),
                read(config, "jira"),
                read(config, "deployments"),
                read(config, "incidents"),
                read(config, "audit"));
    }

    private static String read(ConfigView config, String path) {
        return identifier(config.getString(path), ClickHouseSettings.key(config, path));
    }

    /**
     * Checks a database or table name: names are put into SQL as identifiers, so only plain
     * ones are accepted (letters, digits, underscores).
     *
     * @param name the name
     * @param key the config key it came from, for the message
     * @return the name
     */
    static String identifier(String name, String key) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(key + " must be a plain identifier (letters, digits and _, not "
                    + "starting with a digit), was '" + name + "'");
        }
        return name;
    }
}
