package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ConfigView;
import java.time.Duration;
import java.util.Locale;

/**
 * The validated settings of {@code agent.plugins.postgres} (see the module's reference.conf).
 *
 * @param jdbcUrl where the database is, {@code jdbc:postgresql://host:port/database}
 * @param username the role to connect as
 * @param password the role's password; empty when the server does not ask for one
 * @param poolSize the most connections the plugin's pool holds
 * @param connectionTimeout how long a call waits for a pooled connection (and a new connection
 *     for the server to answer)
 * @param bootstrap whether the plugin creates its tables, indexes and the pgvector extension
 * @param vectorMode how vectors are searched
 * @param vectorIndex which pgvector index is built when pgvector is used
 */
public record PostgresSettings(
        String jdbcUrl,
        String username,
        String password,
        int poolSize,
        Duration connectionTimeout,
        boolean bootstrap,
        VectorMode vectorMode,
        VectorIndexKind vectorIndex) {

    /** How vectors are searched: {@code vector.mode}. */
    public enum VectorMode {
        /** pgvector when the extension exists or can be created, the exact fallback otherwise. */
        AUTO,
        /** pgvector, or the plugin fails to start. */
        PGVECTOR,
        /** An exact cosine search over {@code real[]} in SQL, whatever the server has. */
        FALLBACK
    }

    /** The pgvector index: {@code vector.index}. */
    public enum VectorIndexKind {
        /** Hierarchical navigable small world graph: better recall, slower to build. */
        HNSW,
        /** Inverted file with flat lists: faster to build, build it after the data is loaded. */
        IVFFLAT
    }

    /** Validates the fields. */
    public PostgresSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(vectorMode, "vectorMode is null");
        requireNonNull(vectorIndex, "vectorIndex is null");
    }

    /**
     * Reads and checks the plugin's subtree.
     *
     * @param config the view of {@code agent.plugins.postgres}
     * @param password the password secret, or empty
     * @return the settings
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    public static PostgresSettings from(ConfigView config, String password) {
        String prefix = config.path().isEmpty() ? "" : config.path() + ".";
        String jdbcUrl = config.getString("jdbc-url");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(prefix + "jdbc-url = '" + jdbcUrl
                    + "': expected jdbc:postgresql://host:port/database (or set POSTGRES_URL)");
        }
        int poolSize = config.getInt("pool-size");
        if (poolSize < 1 || poolSize > 100) {
            throw new IllegalArgumentException(prefix + "pool-size = " + poolSize + ": expected 1 to 100");
        }
        Duration connectionTimeout = config.getDuration("connection-timeout");
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException(prefix + "connection-timeout = " + connectionTimeout
                    + ": expected at least 250ms");
        }
        return new PostgresSettings(
                jdbcUrl,
                config.getString("username"),
                password,
                poolSize,
                connectionTimeout,
                config.getBoolean("bootstrap"),
                parse(VectorMode.class, config, "vector.mode", prefix),
                parse(VectorIndexKind.class, config, "vector.index", prefix));
    }

    /**
     * The URL without its query string, which may carry credentials: safe for logs and health.
     *
     * @return e.g. {@code jdbc:postgresql://db:5432/eventagent}
     */
    public String safeUrl() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, ConfigView config, String key, String prefix) {
        String value = config.getString(key);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(prefix + key + " = '" + value + "': expected one of " + allowed, e);
        }
    }
}
