package dev.eventagent.engine.graph;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A hand-written fake tool that records its calls and answers with a given behaviour. */
public final class FakeTool implements Tool {

    private final ToolDescriptor descriptor;
    private final List<ToolCall> calls = new CopyOnWriteArrayList<>();
    private volatile Function<ToolCall, ToolResult> behaviour;

    /**
     * Creates the tool.
     *
     * @param name its name
     * @param effect its effect
     * @param risk its risk
     * @param schema its arguments schema
     * @param behaviour what it answers
     */
    public FakeTool(String name, EffectKind effect, Risk risk, String schema, Function<ToolCall, ToolResult> behaviour) {
        this.descriptor = ToolDescriptor.builder(name).description("Use this in tests: " + name + ".")
                .effect(effect).risk(risk).argumentsSchema(schema).idempotent(effect != EffectKind.EXTERNAL).build();
        this.behaviour = behaviour;
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        calls.add(call);
        return behaviour.apply(call);
    }

    /**
     * Replaces the behaviour.
     *
     * @param next the new behaviour
     */
    public void answer(Function<ToolCall, ToolResult> next) {
        this.behaviour = next;
    }

    /**
     * The calls so far.
     *
     * @return the calls
     */
    public List<ToolCall> calls() {
        return calls;
    }
}
