package dev.eventagent.engine.cli;

import dev.eventagent.api.Event;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.audit.DecisionReport;
import dev.eventagent.engine.event.DecodeException;
import dev.eventagent.engine.event.EventFile;
import dev.eventagent.engine.event.RawRecord;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.Round;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.plugin.PluginFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code event-agent replay}: events from files through the graph, without Kafka. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run events from JSON or JSONL files through the graph without Kafka and print each "
                + "decision and result. A record that cannot be decoded prints one line naming it and the "
                + "problem, and the replay goes on.")
final class ReplayCommand implements Callable<Integer> {

    private static final long PROGRESS_EVERY_MILLIS = 2_000;

    @Mixin
    EngineOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON (one object or an array) or JSONL files.")
    List<Path> files;

    @Option(names = "--dry-run", description = "Plan and check the calls without running any tool; write no audit.")
    boolean dryRun;

    @Option(names = "--header", paramLabel = "NAME=VALUE",
            description = "A Kafka header every record gets, e.g. X-GitHub-Event=push for a raw webhook body.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print one JSON object per event.")
    boolean json;

    @Option(names = "--fail-on-error",
            description = "Exit 1 when a record could not be decoded or a call failed (default: exit 0).")
    boolean failOnError;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<EventFile.Item> items = new ArrayList<>();
        for (Path file : files) {
            items.addAll(EventFile.read(file));
        }
        int errors = 0;
        try (Engine engine = Engine.start(options.load(), Engine.Options.defaults().withDryRun(dryRun))) {
            for (PluginFailure failure : engine.plugins().failures()) {
                err.println("warning: " + failure.describe());
            }
            long lastProgress = System.currentTimeMillis();
            int number = 0;
            for (EventFile.Item item : items) {
                number++;
                RawRecord record = new RawRecord(RawRecord.REPLAY_TOPIC, 0, number - 1L, Instant.now(), null,
                        item.value(), headers);
                Event event;
                try {
                    event = engine.decoder().decode(record);
                } catch (DecodeException e) {
                    errors++;
                    printDecodeError(out, number, item, e);
                    continue;
                }
                AgentState state;
                try {
                    state = engine.process(event);
                } catch (RuntimeException e) {
                    // Planning failed for good (e.g. the model stayed unreachable through its retries):
                    // the service would retry or dead-letter this event; a replay reports it and goes on.
                    errors++;
                    printProcessError(out, number, item, event, e, engine);
                    continue;
                }
                if ("failed".equals(state.outcome())) {
                    errors++;
                }
                if (json) {
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("n", number);
                    report.put("input", item.label());
                    report.putAll(DecisionReport.of(state, engine.plannerName(), Instant.now(), engine.redactor()));
                    out.println(Json.write(report));
                } else {
                    printState(out, number, item, state, engine);
                }
                out.flush();
                if (items.size() > 100 && System.currentTimeMillis() - lastProgress > PROGRESS_EVERY_MILLIS) {
                    err.printf("replayed %d/%d events%n", number, items.size());
                    err.flush();
                    lastProgress = System.currentTimeMillis();
                }
            }
        }
        if (!json) {
            out.printf("%d record(s), %d error(s)%s%n", items.size(), errors, dryRun ? ", dry run: nothing was executed" : "");
        }
        out.flush();
        return failOnError && errors > 0 ? 1 : 0;
    }

    private void printProcessError(PrintWriter out, int number, EventFile.Item item, Event event,
            RuntimeException e, Engine engine) {
        String message = engine.redactor().redactText(String.valueOf(e.getMessage()));
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("n", number);
            report.put("input", item.label());
            report.put("event_id", event.id());
            report.put("outcome", "error");
            report.put("error_class", e.getClass().getSimpleName());
            report.put("error", message);
            out.println(Json.write(report));
        } else {
            out.printf("#%d %s: %s.%s id=%s: not processed: %s: %s%n", number, item.label(), event.source(),
                    event.type(), event.id(), e.getClass().getSimpleName(), message);
        }
        out.flush();
    }

    private void printDecodeError(PrintWriter out, int number, EventFile.Item item, DecodeException e) {
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("n", number);
            report.put("input", item.label());
            report.put("outcome", "undecodable");
            report.put("error_reason", e.reason().name());
            report.put("error", e.getMessage());
            out.println(Json.write(report));
        } else {
            out.printf("#%d %s: %s: %s%n", number, item.label(), e.reason(), e.getMessage());
        }
    }

    private static void printState(PrintWriter out, int number, EventFile.Item item, AgentState state,
            Engine engine) {
        String route = state.rounds().isEmpty() ? "-" : state.rounds().get(0).plan().route();
        out.printf("#%d %s: %s id=%s key=%s planner=%s route=%s outcome=%s%n", number, item.label(),
                state.eventClass(), state.event().id(), state.event().key(), engine.plannerName(), route,
                state.outcome());
        for (Round round : state.rounds()) {
            for (CallOutcome outcome : round.outcomes()) {
                String status = outcome.status().name().toLowerCase(Locale.ROOT);
                String detail = outcome.error() != null ? ": " + engine.redactor().redactText(outcome.error())
                        : outcome.result() != null ? " -> " + Json.write(engine.redactor().redact(outcome.result()))
                        : "";
                out.printf("    %s/%s %s %s %s%s%n", round.plan().step(), outcome.call().id(), outcome.call().tool(),
                        Json.write(engine.redactor().redact(outcome.call().arguments())), status, detail);
                List<String> later = outcome.call().unresolved().stream().filter(p -> p.startsWith("$.steps")).toList();
                List<String> missing = outcome.call().unresolved().stream().filter(p -> !p.startsWith("$.steps")).toList();
                if (!later.isEmpty()) {
                    out.printf("        (known once earlier steps have run: %s)%n", String.join(", ", later));
                }
                if (!missing.isEmpty()) {
                    out.printf("        (no value in this event at: %s; the argument is left out)%n", String.join(", ", missing));
                }
            }
        }
        for (String note : state.notes()) {
            out.printf("    note: %s%n", engine.redactor().redactText(note));
        }
        if (state.response() != null) {
            out.printf("    = %s%n", engine.redactor().redactText(state.response()));
        }
    }
}
