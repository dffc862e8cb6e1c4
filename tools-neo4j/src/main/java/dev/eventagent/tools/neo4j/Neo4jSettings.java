package dev.eventagent.tools.neo4j;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.PluginContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;

/**
 * The settings of the neo4j plugin, read from {@code agent.plugins.neo4j} (see its
 * {@code reference.conf} for what each one means).
 *
 * @param uri the Bolt or Neo4j URI, e.g. {@code bolt://localhost:7687} or {@code neo4j+s://x.databases.neo4j.io}
 * @param username the user name
 * @param password the password; empty means no authentication
 * @param database the database every session uses
 * @param maxConnectionPoolSize connections per server
 * @param connectionAcquisitionTimeout how long a call waits for a pooled connection
 * @param connectionTimeout how long opening a TCP connection may take
 * @param maxTransactionRetryTime how long the driver retries a transaction on transient errors
 *     (deadlocks, leader switches) before the engine's own retry takes over; zero turns it off
 * @param transactionTimeout the longest a transaction may run on the server (a call's deadline
 *     shortens it)
 * @param bootstrap whether to create the constraints and indexes at start-up
 */
record Neo4jSettings(
        URI uri,
        String username,
        String password,
        String database,
        int maxConnectionPoolSize,
        Duration connectionAcquisitionTimeout,
        Duration connectionTimeout,
        Duration maxTransactionRetryTime,
        Duration transactionTimeout,
        boolean bootstrap) {

    private static final Set<String> SCHEMES = Set.of(
            "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    /** Validates the fields. */
    Neo4jSettings {
        requireNonNull(uri, "uri is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(database, "database is null");
        requireNonNull(connectionAcquisitionTimeout, "connectionAcquisitionTimeout is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(maxTransactionRetryTime, "maxTransactionRetryTime is null");
        requireNonNull(transactionTimeout, "transactionTimeout is null");
    }

    /**
     * Reads and checks the plugin's settings.
     *
     * @param context the plugin context
     * @return the settings
     * @throws IllegalArgumentException naming the key of a value that cannot work
     */
    static Neo4jSettings from(PluginContext context) {
        ConfigView config = context.config();
        String prefix = config.path().isEmpty() ? "" : config.path() + ".";
        String uriText = config.getString("uri");
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(prefix + "uri '" + uriText + "' is not a URI: " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(prefix + "uri '" + uriText
                    + "' must be <scheme>://<host>[:<port>] with a scheme of " + SCHEMES);
        }
        int poolSize = config.getInt("max-connection-pool-size");
        if (poolSize < 1) {
            throw new IllegalArgumentException(prefix + "max-connection-pool-size must be at least 1, not " + poolSize);
        }
        return new Neo4jSettings(
                uri,
                config.getString("username"),
                context.secret("password").orElse(""),
                config.getString("database"),
                poolSize,
                positive(config, prefix, "connection-acquisition-timeout"),
                positive(config, prefix, "connection-timeout"),
                notNegative(config, prefix, "max-transaction-retry-time"),
                positive(config, prefix, "transaction-timeout"),
                config.getBoolean("bootstrap"));
    }

    /**
     * Where the plugin connects, for messages.
     *
     * @return e.g. {@code bolt://localhost:7687 (database neo4j)}
     */
    String target() {
        return uri + " (database " + (database.isEmpty() ? "<default>" : database) + ")";
    }

    @Override
    public String toString() {
        return "Neo4jSettings[uri=" + uri + ", username=" + username + ", password="
                + (password.isEmpty() ? "<none>" : "[hidden]") + ", database=" + database
                + ", maxConnectionPoolSize=" + maxConnectionPoolSize
                + ", connectionAcquisitionTimeout=" + connectionAcquisitionTimeout
                + ", connectionTimeout=" + connectionTimeout
                + ", maxTransactionRetryTime=" + maxTransactionRetryTime
                + ", transactionTimeout=" + transactionTimeout + ", bootstrap=" + bootstrap + "]";
    }

    private static Duration positive(ConfigView config, String prefix, String key) {
        Duration value = config.getDuration(key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(prefix + key + " must be positive, not " + value);
        }
        return value;
    }

    private static Duration notNegative(ConfigView config, String prefix, String key) {
        Duration value = config.getDuration(key);
        if (value.isNegative()) {
            throw new IllegalArgumentException(prefix + key + " must not be negative, not " + value);
        }
        return value;
    }
}
