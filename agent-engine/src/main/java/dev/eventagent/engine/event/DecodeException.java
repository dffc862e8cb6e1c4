package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

/**
 * A record could not be turned into an {@link dev.eventagent.api.Event}. Retrying cannot help:
 * the runtime dead-letters the record with {@link #reason()} and the message in its headers.
 *
 * <p>The message says what is wrong and where (a JSON path, a byte offset, a header name) and
 * never quotes more than about 200 characters of the payload.
 */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why decoding failed; suitable as a metric tag and a dead-letter header. */
    public enum Reason {
        /** The value is bigger than {@code agent.decode.max-payload-bytes}. */
        TOO_LARGE,
        /** The value is not valid UTF-8. */
        INVALID_ENCODING,
        /** The value is not JSON (or is empty, or has no value at all). */
        MALFORMED_JSON,
        /** The JSON is valid but not the expected shape: not an object, or a field of the wrong type. */
        WRONG_SHAPE,
        /** Nothing in the headers or the body says which system sent it, or no normaliser knows it. */
        UNKNOWN_SOURCE,
        /** The source is known but no normaliser handles its event type. */
        UNKNOWN_TYPE
    }

    /** Why decoding failed. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why decoding failed
     * @param message what is wrong, where, and what to do
     */
    public DecodeException(Reason reason, String message) {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    /**
     * Why decoding failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
