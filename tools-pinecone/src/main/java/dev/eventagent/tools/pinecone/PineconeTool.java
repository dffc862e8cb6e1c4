package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;
import java.util.Map;

/**
 * A tool of this plugin: a descriptor and the function that serves it.
 *
 * @param descriptor the descriptor
 * @param body what a call does
 */
record PineconeTool(ToolDescriptor descriptor, Body body) implements Tool {

    /** What a call does: arguments in, a compact JSON object out. */
    @FunctionalInterface
    interface Body {
        /**
         * Serves a call.
         *
         * @param call the call
         * @return the result object
         */
        Map<String, Object> apply(ToolCall call);
    }

    /** Validates the fields. */
    PineconeTool {
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(body, "body is null");
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        requireNonNull(call, "call is null");
        return ToolResult.of(body.apply(call));
    }
}
