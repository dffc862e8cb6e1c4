package dev.eventagent.tools.clickhouse;

import com.clickhouse.client.api.ClientMisconfigurationException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.TransportException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what the ClickHouse client throws to the SPI's categories: the server or the network
 * being unavailable, slow or overloaded is {@link TransientToolException}; refused credentials,
 * missing tables and bad SQL are {@link PermanentToolException}.
 */
final class ClickHouseFailures {

    /** Server error codes that may pass by themselves (timeouts, overload, network, replicas). */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            3, // UNEXPECTED_END_OF_FILE
            23, // CANNOT_READ_FROM_ISTREAM
            24, // CANNOT_WRITE_TO_OSTREAM
            32, // ATTEMPT_TO_READ_AFTER_EOF
            159, // TIMEOUT_EXCEEDED
            160, // TOO_SLOW
            201, // QUOTA_EXCEEDED
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            236, // ABORTED
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY (a replica lost its coordination)
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            394, // QUERY_WAS_CANCELLED
            425, // SYSTEM_ERROR
            439, // CANNOT_SCHEDULE_TASK
            999); // KEEPER_EXCEPTION
    /** Server error codes of refused credentials or rights. */
    private static final Set<Integer> ACCESS_CODES = Set.of(192, 193, 194, 195, 497, 516);
    private static final Pattern CODE_IN_MESSAGE = Pattern.compile("^\\s*Code: (\\d{1,6})\\b");
    /** HTTP statuses that mean "try later". */
    private static final Set<Integer> TRANSIENT_HTTP = Set.of(429, 502, 503, 504);

    private ClickHouseFailures() {
    }

    /**
     * Classifies a failure.
     *
     * @param action what was being done, e.g. {@code "insert into default.commit_events"}
     * @param url the server, for the message
     * @param failure what the client threw
     * @return the exception to throw
     */
    static ToolException classify(String action, String url, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ToolException tool) {
            return tool;
        }
        String where = "ClickHouse at " + url + ": " + action + " failed: ";
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new TransientToolException(where + "interrupted while waiting for the server", cause);
        }
        if (cause instanceof ServerException server) {
            int code = code(server);
            String message = firstLine(server.getMessage());
            if (TRANSIENT_CODES.contains(code) || TRANSIENT_HTTP.contains(server.getTransportProtocolCode())) {
                return new TransientToolException(where + message, server);
            }
            if (ACCESS_CODES.contains(code)) {
                return new PermanentToolException(where + message + " (check agent.plugins.clickhouse.username "
                        + "and the CLICKHOUSE_PASSWORD environment variable, and the user's grants)", server);
            }
            if (code == 60 || code == 81) {
                return new PermanentToolException(where + message + " (the tables are created on first use when "
                        + "agent.plugins.clickhouse.bootstrap = true; with bootstrap off, create them as "
                        + "docs/tools/clickhouse.md shows)", server);
            }
            return new PermanentToolException(where + message, server);
        }
        if (cause instanceof ClientMisconfigurationException) {
            return new PermanentToolException(where + cause.getMessage()
                    + " (check the agent.plugins.clickhouse settings)", cause);
        }
        if (cause instanceof ConnectionInitiationException || cause instanceof TransportException
                || cause instanceof DataTransferException || cause instanceof TimeoutException
                || hasIoCause(cause)) {
            return new TransientToolException(where + describe(cause), cause);
        }
        return new PermanentToolException(where + describe(cause), cause);
    }

    /**
     * Whether a permanent failure has nothing to do with the rows of a batch (refused
     * credentials, a missing table or database, a misconfigured client), so that every other
     * batch would fail the same way.
     *
     * @param failure a classified failure
     * @return true when retrying the calls of the batch cannot help
     */
    static boolean appliesToEveryBatch(ToolException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ServerException server) {
            int code = code(server);
            return ACCESS_CODES.contains(code) || code == 60 || code == 81;
        }
        return cause instanceof ClientMisconfigurationException;
    }

    /**
     * The server's error code. Servers that do not send the {@code X-ClickHouse-Exception-Code}
     * header (18.16) leave it to the message, {@code Code: 60, e.displayText() = …}.
     */
    static int code(ServerException server) {
        if (server.getCode() > 0) {
            return server.getCode();
        }
        Matcher matcher = CODE_IN_MESSAGE.matcher(String.valueOf(server.getMessage()));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : server.getCode();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean hasIoCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The failure's message and that of its root cause, which usually says the most. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = firstLine(String.valueOf(failure.getMessage()));
        if (root != failure) {
            message += " (" + root.getClass().getSimpleName() + ": " + firstLine(String.valueOf(root.getMessage())) + ")";
        }
        return message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
