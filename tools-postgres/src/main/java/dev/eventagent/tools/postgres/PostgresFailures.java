package dev.eventagent.tools.postgres;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * Maps JDBC failures to the SPI's categories by SQLSTATE (PostgreSQL appendix A):
 * connection, timeout, cancellation, lock, serialisation and resource failures are transient;
 * data exceptions caused by argument values are invalid arguments; everything else (constraint
 * violations, authentication, a missing database, table or column) is permanent. A pool timeout
 * is transient unless the pool's last attempt to connect failed for good (a refused password, a
 * missing database): then it is permanent, as the user must fix it.
 */
final class PostgresFailures {

    private PostgresFailures() {
    }

    /**
     * The tool exception for a failure.
     *
     * @param tool the tool that failed, for the message
     * @param where the database's safe URL, for the message
     * @param e the failure
     * @return the exception to throw
     */
    static ToolException toToolException(String tool, String where, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = tool + " failed at " + where + ": " + describe(e)
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
        return switch (category(e)) {
            case TRANSIENT -> new TransientToolException(message, e);
            case INVALID_ARGUMENTS -> new InvalidArgumentsException(message
                    + "; the value cannot be stored in PostgreSQL, change the argument");
            default -> new PermanentToolException(message + hint(state), e);
        };
    }

    /**
     * The category of a failure.
     *
     * @param e the failure
     * @return TRANSIENT, INVALID_ARGUMENTS or PERMANENT
     */
    static ErrorCategory category(SQLException e) {
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause
                && cause.getSQLState() != null && cause.getSQLState().length() == 5
                && category(cause) == ErrorCategory.PERMANENT) {
            // the pool found no connection because the server refuses it for good: a wrong
            // password (28xxx), a missing database (3D000)
            return ErrorCategory.PERMANENT;
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return ErrorCategory.TRANSIENT;
        }
        String state = e.getSQLState();
        if (state == null || state.length() != 5) {
            return causedByNetwork(e) ? ErrorCategory.TRANSIENT
                    : ErrorCategory.PERMANENT;
        }
        String stateClass = state.substring(0, 2);
        return switch (stateClass) {
            // connection exception, insufficient resources, system (I/O) error
            case "08", "53", "58" -> ErrorCategory.TRANSIENT;
            // serialization failure, deadlock
            case "40" -> ErrorCategory.TRANSIENT;
            // query canceled (statement timeout), admin/crash shutdown, cannot connect now
            case "57" -> ErrorCategory.TRANSIENT;
            // lock not available
            case "55" -> state.equals("55P03") ? ErrorCategory.TRANSIENT
                    : ErrorCategory.PERMANENT;
            // data exception: a value too long, out of range, with a NUL byte, badly encoded
            case "22" -> ErrorCategory.INVALID_ARGUMENTS;
            default -> ErrorCategory.PERMANENT;
        };
    }

    private static boolean causedByNetwork(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String hint(String state) {
        if (state.startsWith("28")) {
            return "; check agent.plugins.postgres.username and password (POSTGRES_USER, POSTGRES_PASSWORD)";
        }
        if (state.equals("42P01") || state.equals("42703") || state.equals("42704")) {
            return "; the plugin's tables are missing or old: start once with agent.plugins.postgres.bootstrap = true"
                    + " or apply the schema of docs/tools/postgres.md";
        }
        if (state.equals("42501")) {
            return "; the role lacks a privilege on the plugin's tables: grant it, see docs/tools/postgres.md";
        }
        if (state.equals("3D000")) {
            return "; the database in agent.plugins.postgres.jdbc-url does not exist: create it";
        }
        return "";
    }

    /** The failure's first line; for a pool timeout, with why the pool could not connect. */
    private static String describe(SQLException e) {
        String message = firstLine(e.getMessage());
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            return message + ": " + firstLine(cause.getMessage());
        }
        return message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
