package dev.eventagent.engine.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * A command cannot do what it was asked for a reason the user can fix (a missing file, a key that
 * does not exist): one line on stderr, exit status 1, no stack trace.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }

    /**
     * One line for any failure of a command: the user's own mistake as it is, a file that cannot
     * be read with its path, anything else with its kind (the stack trace goes to the log file).
     */
    static String describe(String command, Exception e) {
        if (e instanceof CommandFailure failure) {
            return failure.getMessage();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "cannot read " + denied.getFile() + ": permission denied";
        }
        if (e instanceof IOException io) {
            return command + ": " + io.getMessage();
        }
        return command + " failed: " + e + " (the stack trace is in the log file)";
    }
}
