package dev.eventagent.testing.llm;

import static java.util.Objects.requireNonNull;

/**
 * One tool call the scripted model proposes: the call id, the function name and the arguments
 * string, all sent verbatim. Neither the name nor the arguments are checked, so a script can
 * propose a tool that was not offered or arguments that are not valid JSON, the way real models
 * sometimes do.
 *
 * @param id the tool call id, or {@code null} to let the server assign
 *     {@code call_<request sequence>_<index>}
 * @param name the function name, sent as is
 * @param arguments the arguments string, sent as is (normally a JSON object)
 */
public record ToolCallSpec(String id, String name, String arguments) {

    /**
     * Validates the components.
     *
     * @param id the tool call id, or {@code null}
     * @param name the function name
     * @param arguments the arguments string
     */
    public ToolCallSpec {
        requireNonNull(name, "name is null");
        requireNonNull(arguments, "arguments is null");
    }

    /**
     * A call whose id the server assigns.
     *
     * @param name the function name, sent as is
     * @param arguments the arguments string, sent as is (may be malformed on purpose)
     * @return the call
     */
    public static ToolCallSpec call(String name, String arguments) {
        return new ToolCallSpec(null, name, arguments);
    }

    /**
     * The same call with a fixed id.
     *
     * @param id the tool call id
     * @return a copy carrying {@code id}
     */
    public ToolCallSpec withId(String id) {
        return new ToolCallSpec(requireNonNull(id, "id is null"), name, arguments);
    }
}
