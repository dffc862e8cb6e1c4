package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

/**
 * An event whose JSON is valid but not of the shape its source sends: a field of the wrong type,
 * a required one missing. The message names the JSON path and what was expected; the engine
 * dead-letters the record as {@code WRONG_SHAPE} with it. Never worth retrying.
 *
 * @since 0.2
 */
public final class MalformedEventException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where, e.g. "wrong shape at $.commits: expected an array,
     *     found a string"
     */
    public MalformedEventException(String message) {
        super(requireNonNull(message, "message is null"));
    }
}
