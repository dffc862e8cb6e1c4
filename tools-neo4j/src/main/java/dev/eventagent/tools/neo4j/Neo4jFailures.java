package dev.eventagent.tools.neo4j;

import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.FatalDiscoveryException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.RetryableException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.UntrustedServerException;

/**
 * Turns what the Neo4j driver throws into the SPI's categories, with messages that say where and
 * what to do.
 *
 * <ul>
 *   <li>transient (retried by the engine): the server is unreachable or went away, the pool had
 *       no connection in time, a transient server error outlived the driver's own bounded retry
 *       (deadlocks, leader switches), the transaction ran past its timeout, an expired
 *       authorization;</li>
 *   <li>permanent (dead-lettered): credentials refused, not allowed, unknown database,
 *       constraint violations, statement errors, anything else.</li>
 * </ul>
 */
final class Neo4jFailures {

    private Neo4jFailures() {
    }

    /**
     * Translates a failure of one call.
     *
     * @param tool the tool that ran
     * @param settings where it ran
     * @param failure what the driver threw
     * @return the exception to throw
     */
    static ToolException translate(String tool, Neo4jSettings settings, RuntimeException failure) {
        if (failure instanceof ToolException toolException) {
            return toolException;
        }
        String where = tool + ": Neo4j at " + settings.target();
        String code = failure instanceof Neo4jException neo4j && neo4j.code() != null ? neo4j.code() : "";
        String detail = describe(failure, code);
        if (failure instanceof AuthenticationException) {
            return new PermanentToolException(where + " refused the credentials of user '" + settings.username()
                    + "' (" + detail + "). Check agent.plugins.neo4j.username and password (NEO4J_USERNAME, "
                    + "NEO4J_PASSWORD).", failure);
        }
        if (failure instanceof RetryableException || code.startsWith("Neo.TransientError.")) {
            return new TransientToolException(where + " is unavailable or busy (" + detail
                    + "); the call will be retried.", failure);
        }
        if (code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
            return new TransientToolException(where + " did not finish the transaction within its timeout ("
                    + detail + "); agent.plugins.neo4j.transaction-timeout and the call's deadline bound it.",
                    failure);
        }
        if (failure instanceof SecurityException) {
            return new PermanentToolException(where + " did not allow the operation to user '"
                    + settings.username() + "' (" + detail + "). Grant the user read and write access to the "
                    + "database, or set agent.plugins.neo4j.bootstrap = false if it may not create constraints.",
                    failure);
        }
        if (failure instanceof FatalDiscoveryException || code.equals("Neo.ClientError.Database.DatabaseNotFound")) {
            return new PermanentToolException(where + " has no such database (" + detail
                    + "). Check agent.plugins.neo4j.database.", failure);
        }
        if (failure instanceof UntrustedServerException) {
            return new PermanentToolException(where + " is not a server the driver trusts (" + detail
                    + "). Check the scheme of agent.plugins.neo4j.uri (bolt+s, neo4j+s, +ssc).", failure);
        }
        if (code.startsWith("Neo.ClientError.Schema.")) {
            return new PermanentToolException(where + " rejected the write by a schema rule (" + detail + ").",
                    failure);
        }
        return new PermanentToolException(where + " failed (" + detail + ").", failure);
    }

    private static String describe(RuntimeException failure, String code) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return code.isEmpty() ? message : code + ": " + message;
    }
}
