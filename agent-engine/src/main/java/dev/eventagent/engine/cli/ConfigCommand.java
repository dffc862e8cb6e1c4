package dev.eventagent.engine.cli;

import dev.eventagent.engine.Installation;
import dev.eventagent.engine.config.ConfigPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code event-agent config}: the resolved config, each key with its origin, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the resolved config, one key per line with the file and line it came from. "
                + "Secrets print as [hidden].")
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    EngineOptions options;

    @Option(names = "--path", defaultValue = "agent", description = "Print only this subtree (default: ${DEFAULT-VALUE}).")
    String path;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Installation loaded = options.load();
        if (!loaded.config().hasPathOrNull(path)) {
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            String known = !parent.isEmpty() && loaded.config().hasPath(parent)
                    && loaded.config().getValue(parent) instanceof com.typesafe.config.ConfigObject object
                    ? " (keys under " + parent + ": " + String.join(", ", new java.util.TreeSet<>(object.keySet())) + ")"
                    : "";
            throw new CommandFailure("config --path " + path + ": no such key" + known);
        }
        spec.commandLine().getOut().print(ConfigPrinter.render(loaded.config(), path, loaded.masker()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
