package dev.eventagent.engine.event;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.TreeMap;

/**
 * How strict the {@link EventDecoder} is.
 *
 * @param maxPayloadBytes the largest record value accepted, in bytes
 *     ({@code agent.decode.max-payload-bytes}, default 1 MiB)
 * @param acceptUnknownTypes whether an event type no normaliser handles becomes an event with the
 *     raw type and empty attributes instead of failing ({@code agent.decode.accept-unknown-types},
 *     default {@code false})
 * @param githubEmails e-mail by GitHub login, for pull requests whose author GitHub names by
 *     login only ({@code agent.decode.github-emails}, default none)
 */
public record DecoderSettings(int maxPayloadBytes, boolean acceptUnknownTypes, Map<String, String> githubEmails) {

    /** The default of {@link #maxPayloadBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    /** The config key of {@link #maxPayloadBytes()}. */
    public static final String MAX_PAYLOAD_BYTES_KEY = "agent.decode.max-payload-bytes";

    /** The config key of {@link #acceptUnknownTypes()}. */
    public static final String ACCEPT_UNKNOWN_TYPES_KEY = "agent.decode.accept-unknown-types";

    /** The config key of {@link #githubEmails()}. */
    public static final String GITHUB_EMAILS_KEY = "agent.decode.github-emails";

    /** Validates the fields. */
    public DecoderSettings {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException(
                    MAX_PAYLOAD_BYTES_KEY + " must be positive, but is " + maxPayloadBytes);
        }
        githubEmails = Map.copyOf(githubEmails);
    }

    /**
     * Settings without GitHub e-mails.
     *
     * @param maxPayloadBytes the largest record value accepted
     * @param acceptUnknownTypes whether unknown event types pass
     */
    public DecoderSettings(int maxPayloadBytes, boolean acceptUnknownTypes) {
        this(maxPayloadBytes, acceptUnknownTypes, Map.of());
    }

    /**
     * The defaults: 1 MiB, unknown types rejected.
     *
     * @return the settings
     */
    public static DecoderSettings defaults() {
        return new DecoderSettings(DEFAULT_MAX_PAYLOAD_BYTES, false);
    }

    /**
     * Reads {@code agent.decode.max-payload-bytes} (a size such as {@code 1048576} or
     * {@code 1 MiB}) and {@code agent.decode.accept-unknown-types}; a missing key keeps its
     * default.
     *
     * @param root the whole config
     * @return the settings
     * @throws com.typesafe.config.ConfigException when a value has the wrong type
     * @throws IllegalArgumentException when the size is not between 1 byte and 2 GiB
     */
    public static DecoderSettings fromConfig(Config root) {
        int maxBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        if (root.hasPath(MAX_PAYLOAD_BYTES_KEY)) {
            long bytes = root.getBytes(MAX_PAYLOAD_BYTES_KEY);
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(MAX_PAYLOAD_BYTES_KEY + " = " + bytes
                        + " is larger than the 2147483647 bytes a record value can hold");
            }
            maxBytes = (int) bytes;
        }
        boolean acceptUnknown = root.hasPath(ACCEPT_UNKNOWN_TYPES_KEY)
                && root.getBoolean(ACCEPT_UNKNOWN_TYPES_KEY);
        Map<String, String> emails = new TreeMap<>();
        if (root.hasPath(GITHUB_EMAILS_KEY)) {
            root.getObject(GITHUB_EMAILS_KEY).unwrapped().forEach((login, email) -> emails.put(login,
                    String.valueOf(email)));
        }
        return new DecoderSettings(maxBytes, acceptUnknown, emails);
    }
}
