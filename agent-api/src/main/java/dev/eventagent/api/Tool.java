package dev.eventagent.api;

/**
 * One action the agent can take, such as "insert a commit event" or "send a Slack message".
 *
 * <p>Implementations must be thread-safe: the engine calls {@link #invoke(ToolCall)} concurrently.
 * By the time a call arrives its arguments have been validated against
 * {@link ToolDescriptor#argumentsSchema()} and checked by policy; the engine wraps every tool in
 * retry, circuit breaker, bulkhead and deadline policies, so a tool should not retry on its own.
 *
 * @since 0.1
 */
public interface Tool {

    /**
     * What the tool is, for the registry, the policy and the LLM.
     *
     * @return the descriptor; the same object on every call
     */
    ToolDescriptor descriptor();

    /**
     * Performs the call.
     *
     * <p>A WRITE tool must be idempotent on {@link ToolCall#idempotencyKey()}: a second call with
     * the same key leaves the backend as one call would. Failures are reported by throwing a
     * {@link ToolException} whose category tells the engine whether to retry
     * ({@link ErrorCategory#TRANSIENT}), tell the model ({@link ErrorCategory#INVALID_ARGUMENTS})
     * or give up ({@link ErrorCategory#PERMANENT}). Any other exception counts as permanent.
     *
     * @param call the validated call
     * @return the result, never {@code null}
     * @throws ToolException when the call fails
     */
    ToolResult invoke(ToolCall call) throws ToolException;
}
