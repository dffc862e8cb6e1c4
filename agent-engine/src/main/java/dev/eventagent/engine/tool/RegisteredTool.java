package dev.eventagent.engine.tool;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolDescriptor;

/**
 * A tool in the registry.
 *
 * @param plugin the plugin that provided it
 * @param descriptor its descriptor
 * @param tool the tool itself
 * @param validator its compiled arguments schema
 * @param invoker the tool behind its resilience policies
 */
public record RegisteredTool(String plugin, ToolDescriptor descriptor, Tool tool, ArgumentsValidator validator,
        ResilientInvoker invoker) {

    /** Validates the fields. */
    public RegisteredTool {
        requireNonNull(plugin, "plugin is null");
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(tool, "tool is null");
        requireNonNull(validator, "validator is null");
        requireNonNull(invoker, "invoker is null");
    }

    /**
     * The tool's name.
     *
     * @return the name
     */
    public String name() {
        return descriptor.name();
    }
}
