package dev.eventagent.engine.runtime;

import static java.util.Objects.requireNonNull;

/**
 * Why an event is dead-lettered.
 *
 * @param stage where it failed: {@code decode}, {@code execute} or {@code process}
 * @param errorClass the failure's kind, e.g. {@code MALFORMED_JSON}, {@code PERMANENT}, or an exception class
 * @param message what happened
 * @param attempts how many times the event was tried
 */
record DeadLetter(String stage, String errorClass, String message, int attempts) {

    DeadLetter {
        requireNonNull(stage, "stage is null");
        requireNonNull(errorClass, "errorClass is null");
        requireNonNull(message, "message is null");
    }
}
