package dev.eventagent.testing.slack;

import static java.util.Objects.requireNonNull;

/**
 * A message the {@link TestingSlackServer} accepted through {@code chat.postMessage}: what would
 * have been sent.
 *
 * @param channel the channel id it was posted to
 * @param requestedChannel the {@code channel} argument as sent (a name or an id)
 * @param text the message text
 * @param blocks the Block Kit JSON array as sent, or {@code null}
 * @param metadata the message metadata JSON as sent, or {@code null}
 * @param ts the message timestamp the server assigned
 */
public record PostedSlackMessage(
        String channel, String requestedChannel, String text, String blocks, String metadata, String ts) {

    /** Validates the fields. */
    public PostedSlackMessage {
        requireNonNull(channel, "channel is null");
        requireNonNull(requestedChannel, "requestedChannel is null");
        requireNonNull(text, "text is null");
        requireNonNull(ts, "ts is null");
    }
}
