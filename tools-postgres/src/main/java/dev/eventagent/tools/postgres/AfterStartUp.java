package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;

/**
 * A tool whose calls first wait for the plugin's start-up ({@link PostgresStartUp}): while
 * PostgreSQL is unreachable they fail as transient, naming the server, and reach the tool only
 * once the schema is bootstrapped and the vector search chosen.
 *
 * @param tool the tool
 * @param startUp the plugin's start-up
 */
record AfterStartUp(Tool tool, PostgresStartUp startUp) implements Tool {

    /** Validates the fields. */
    AfterStartUp {
        requireNonNull(tool, "tool is null");
        requireNonNull(startUp, "startUp is null");
    }

    @Override
    public ToolDescriptor descriptor() {
        return tool.descriptor();
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        requireNonNull(call, "call is null");
        startUp.await(call);
        return tool.invoke(call);
    }
}
