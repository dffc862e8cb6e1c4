package dev.eventagent.testkit;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.api.ToolResult;
import java.util.List;
import java.util.Set;

/** A minimal well-formed plugin the contract is checked against. */
public final class SamplePlugin implements ToolPlugin {

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("api-key");
    }

    @Override
    public PluginInstance create(PluginContext context) {
        String greeting = context.config().getString("greeting");
        ToolDescriptor descriptor = ToolDescriptor.builder("greet")
                .description("Greets a person by e-mail. Use this when a test needs a WRITE tool.")
                .effect(EffectKind.WRITE)
                .argumentsSchema("{\"type\":\"object\",\"required\":[\"email\"],\"additionalProperties\":false,"
                        + "\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\","
                        + "\"description\":\"Who to greet.\"}}}")
                .build();
        Tool tool = new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult invoke(ToolCall call) {
                return ToolResult.of("text", greeting + " " + call.requireString("email"));
            }
        };
        return PluginInstance.of(List.of(tool));
    }
}
