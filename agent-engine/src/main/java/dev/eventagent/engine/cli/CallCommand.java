package dev.eventagent.engine.cli;

import dev.eventagent.engine.Engine;
import dev.eventagent.engine.OperatorCall;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code event-agent call TOOL 'JSON-ARGUMENTS'}: one installed tool, run by hand ({@link OperatorCall}). */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Run one installed tool by hand: its arguments are checked against its schema and "
                + "agent.policy.arguments, it runs behind its resilience policies, and the call is audited as an "
                + "operator's (the event-class allowlists of agent.policy.classes do not apply).",
            "Prints the tool's result as one JSON object and exits 0. Any failure is one line on stderr and exit "
                + "status 1; the log goes to the log file only.",
            "Example: event-agent call get_project_dora_metrics '{\"project_id\": \"shop\", \"days\": 7}'"})
final class CallCommand implements Callable<Integer> {

    @Mixin
    EngineOptions options;

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool's name (see `event-agent tools`).")
    String tool;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JSON-ARGUMENTS", defaultValue = "{}",
            description = "The arguments, one JSON object in one quoted argument (default: {}).")
    String arguments;

    @Option(names = "--approved",
            description = "Approve a tool whose risk agent.policy.require-approval-at holds for approval.")
    boolean approved;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // No effect ledger: a call is never redelivered, and the service may hold the ledger's H2 file.
        try (Engine engine = Engine.start(options.load(), Engine.Options.defaults().withoutEffectLedger())) {
            OperatorCall.Result result = engine.operatorCall().run(tool, arguments, approved);
            if (result.result() != null) {
                out.println(Json.write(result.result()));
                out.flush();
            }
            if (!result.succeeded()) {
                String problem = result.error() != null ? result.error()
                        : tool + " ran (its result is on stdout), but " + result.auditError();
                err.println("event-agent call: " + problem
                        + (result.error() != null && result.auditError() != null ? "; " + result.auditError() : ""));
                err.flush();
                return 1;
            }
            return 0;
        } catch (StartupException e) {
            err.println("event-agent call: cannot start: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            err.println("event-agent call: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        }
        err.flush();
        return 1;
    }

    private static String oneLine(String text) {
        return text == null ? "(no message)" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
