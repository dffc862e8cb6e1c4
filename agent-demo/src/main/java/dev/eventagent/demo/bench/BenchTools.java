package dev.eventagent.demo.bench;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.api.ToolResult;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's tools: three stand-ins (store, graph, notify) that take a fixed time, as a
 * database write or an HTTP call would. Given to the engine directly, never installed.
 */
final class BenchTools implements ToolPlugin {

    static final List<String> NAMES = List.of("bench_store", "bench_graph", "bench_notify");

    /** The route every benchmark event takes: the three tools in one step, in parallel. */
    static final String ROUTE = """
            agent.rules.routes.bench { when { source = github }, steps.act { order = 1, calls {
              bench_store { tool = bench_store, args { key = "$.event.key" } }
              bench_graph { tool = bench_graph, args { key = "$.event.key" } }
              bench_notify { tool = bench_notify, args { key = "$.event.key" } } } } }
            """;

    private final Duration latency;

    BenchTools(Duration latency) {
        this.latency = latency;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(NAMES.stream().map(name -> (Tool) new SleepingTool(name, latency)).toList());
    }

    /** Waits, then answers. */
    private static final class SleepingTool implements Tool {
        private final ToolDescriptor descriptor;
        private final Duration latency;

        SleepingTool(String name, Duration latency) {
            this.descriptor = ToolDescriptor.builder(name).description("Use this in benchmarks only.")
                    .effect(EffectKind.WRITE)
                    .argumentsSchema("{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"}}}")
                    .build();
            this.latency = latency;
        }

        @Override
        public ToolDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public ToolResult invoke(ToolCall call) {
            sleep(latency);
            return ToolResult.of("ok", true);
        }
    }

    static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
