package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.PluginContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plugin's settings, read once from {@code agent.plugins.clickhouse}.
 *
 * @param url the HTTP endpoint, e.g. {@code http://localhost:8123}
 * @param username the user
 * @param password the password (a secret; empty for none)
 * @param database the database holding the tables
 * @param compression whether requests and responses are LZ4-compressed (off: 18.16 answers
 *     compressed requests with empty bodies)
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long to wait for a response
 * @param maxConnections the size of the HTTP connection pool
 * @param batchMaxRows a batch is flushed when it holds this many rows
 * @param batchMaxDelay a batch is flushed when its oldest row has waited this long
 * @param bootstrap whether the plugin creates its database and tables at start-up
 * @param productionEnvironments deployment environments that count as production (lower case)
 * @param doneStatuses Jira statuses that close an assignment (lower case)
 * @param tables the table names
 */
record ClickHouseSettings(
        String url,
        String username,
        String password,
        String database,
        boolean compression,
        Duration connectTimeout,
        Duration socketTimeout,
        int maxConnections,
        int batchMaxRows,
        Duration batchMaxDelay,
        boolean bootstrap,
        Set<String> productionEnvironments,
        Set<String> doneStatuses,
        ClickHouseTables tables) {

    ClickHouseSettings {
        requireNonNull(url, "url is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(database, "database is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(socketTimeout, "socketTimeout is null");
        requireNonNull(batchMaxDelay, "batchMaxDelay is null");
        requireNonNull(tables, "tables is null");
        productionEnvironments = Set.copyOf(productionEnvironments);
        doneStatuses = Set.copyOf(doneStatuses);
    }

    /**
     * Reads and checks the settings.
     *
     * @param context the plugin's context
     * @return the settings
     * @throws IllegalArgumentException naming the key that is wrong
     */
    static ClickHouseSettings from(PluginContext context) {
        ConfigView config = context.config();
        String url = config.getString("url").trim();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key(config, "url") + " is not a URL: " + url, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key(config, "url") + " must be an http:// or https:// URL with a host, "
                    + "e.g. http://localhost:8123 (the HTTP interface, not the native port 9000): " + url);
        }
        ConfigView batch = config.getConfig("batch");
        ClickHouseSettings settings = new ClickHouseSettings(
                url,
                config.getString("username"),
                context.secret("password").orElse(""),
                ClickHouseTables.identifier(config.getString("database"), key(config, "database")),
                config.getBoolean("compression"),
                positive(config, "connect-timeout"),
                positive(config, "socket-timeout"),
                atLeastOne(config, "max-connections"),
                atLeastOne(batch, "max-rows"),
                positive(batch, "max-delay"),
                config.getBoolean("bootstrap"),
                lowerCase(config.getStringList("production-environments")),
                lowerCase(config.getStringList("done-statuses")),
                ClickHouseTables.from(config.getConfig("tables")));
        if (settings.productionEnvironments().isEmpty()) {
            throw new IllegalArgumentException(key(config, "production-environments") + " must name at least one environment");
        }
        return settings;
    }

    private static Duration positive(ConfigView config, String path) {
        Duration value = config.getDuration(path);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key(config, path) + " must be positive, was " + value);
        }
        return value;
    }

    private static int atLeastOne(ConfigView config, String path) {
        int value = config.getInt(path);
        if (value < 1) {
            throw new IllegalArgumentException(key(config, path) + " must be at least 1, was " + value);
        }
        return value;
    }

    private static Set<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static String key(ConfigView config, String path) {
        return config.path().isEmpty() ? path : config.path() + "." + path;
    }
}
