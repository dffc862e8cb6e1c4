package dev.eventagent.engine.cli;

import dev.eventagent.engine.Engine;
import dev.eventagent.engine.eval.Evaluation;
import dev.eventagent.engine.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code event-agent eval}: labelled events through the configured planner, in a dry run, scored
 * by {@link Evaluation}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run a labelled dataset (JSONL: name, headers?, event, expected calls) through the configured "
                + "planner without executing anything and print tool-selection precision and recall, key-argument "
                + "accuracy, model calls and tokens per event, and latency.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    EngineOptions options;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The labelled events, one JSON object per line.")
    Path dataset;

    @Option(names = "--json", description = "End with one JSON line holding every figure.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MeterRegistry meters = new SimpleMeterRegistry();
        Evaluation.Result result;
        try (Engine engine = Engine.start(options.load(), new Engine.Options(true, Clock.systemUTC(), meters))) {
            out.printf("planner: %s%n", engine.plannerName());
            result = Evaluation.run(engine, meters, dataset);
        }
        for (Evaluation.Item item : result.items()) {
            if (item.undecodable() != null) {
                out.printf("  %-44s undecodable: %s%n", item.name(), item.undecodable());
                continue;
            }
            out.printf("  %-44s tools %d/%d  calls %d/%d%s%s%n", item.name(), item.toolsHit(), item.toolsExpected(),
                    item.callsMatched(), item.callsExpected(), item.missing().isEmpty() ? "" : "  missing " + item.missing(),
                    item.extra().isEmpty() ? "" : "  extra " + item.extra());
        }
        Map<String, Object> figures = result.figures();
        out.printf("%nevents %s (undecodable %s)%n", figures.get("events"), figures.get("undecodable"));
        out.printf("tool selection: precision %.3f, recall %.3f%n", figures.get("tool_precision"),
                figures.get("tool_recall"));
        out.printf("key arguments:  %.3f of the expected calls made with the right key arguments%n",
                figures.get("key_argument_accuracy"));
        out.printf("model:          %.2f calls and %.0f tokens per event%n", figures.get("model_calls_per_event"),
                figures.get("tokens_per_event"));
        out.printf("latency:        p50 %d ms, p95 %d ms%n", figures.get("latency_p50_ms"), figures.get("latency_p95_ms"));
        if (json) {
            out.println(Json.write(figures));
        }
        out.flush();
        return 0;
    }
}
