package dev.eventagent.engine.cli;

import dev.eventagent.api.Health;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.plugin.PluginFailure;
import dev.eventagent.engine.plugin.PluginHost;
import dev.eventagent.engine.rules.RouteStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code event-agent check}: validate config, start every plugin and probe its backends. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the config, start every enabled plugin and probe its backends. "
                + "Exits 1 when a plugin failed or a backend is down.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    EngineOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int problems = 0;
        // A dry-run engine: plugins are created and probed, but nothing is audited or executed.
        try (Engine engine = Engine.start(options.load(), Engine.Options.defaults().withDryRun(true))) {
            out.println("config: ok");
            for (PluginHost.StartedPlugin plugin : engine.plugins().started()) {
                Health health = probe(plugin);
                out.printf("plugin %-12s %-4s %s%n", plugin.name(), health.up() ? "UP" : "DOWN",
                        engine.redactor().redactText(health.detail()));
                problems += health.up() ? 0 : 1;
            }
            for (String name : engine.plugins().disabled()) {
                out.printf("plugin %-12s %-4s %s%n", name, "OFF", "disabled by agent.plugins." + name + ".enabled");
            }
            for (PluginFailure failure : engine.plugins().failures()) {
                out.printf("plugin %-12s %-4s %s%n", failure.plugin(), "FAIL", failure.reason());
                problems++;
            }
            for (RouteStatus route : engine.routes()) {
                printRoute(out, route);
            }
            out.printf("%d tool(s) registered; %s%n", engine.registry().all().size(),
                    problems == 0 ? "all checks passed" : problems + " problem(s)");
        }
        out.flush();
        return problems == 0 ? 0 : 1;
    }

    /**
     * One line per route, then one per call: {@code route  github-push  ON   2 of 3 call(s)} and
     * {@code       + store/contribution <tool>} or
     * {@code       - store/commit <tool>: left out: no installed plugin provides it}.
     */
    private static void printRoute(PrintWriter out, RouteStatus route) {
        String state = switch (route.state()) {
            case ACTIVE -> "ON";
            case INACTIVE -> "INACTIVE";
            case OFF -> "OFF";
        };
        int calls = route.calls().size();
        out.printf("route  %-28s %-8s %s%n", route.name(), state, route.reason() != null ? route.reason()
                : route.activeCalls().size() + " of " + calls + " call(s)");
        for (RouteStatus.Call call : route.calls()) {
            String what = call.step() + "/" + call.id() + (call.tool() == null ? "" : " " + call.tool());
            out.println(call.active() ? "       + " + what : "       - " + what + ": left out: " + call.leftOut());
        }
    }

    private static Health probe(PluginHost.StartedPlugin plugin) {
        try {
            return PluginHost.withContextLoader(plugin.classLoader(), () -> plugin.instance().health());
        } catch (Exception e) {
            return Health.down("health probe failed: " + e);
        }
    }
}
