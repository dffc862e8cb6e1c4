package dev.eventagent.engine.cli;

import dev.eventagent.engine.config.ConfigLoader;
import dev.eventagent.engine.plugin.PluginDiscovery;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * Adds the {@link CommandExtension}s' commands: those on the classpath (tests, the IDE) and those
 * of the distribution's {@code demo/} folder, loaded by a class loader of its own over the
 * engine's, so that the broker and the benchmark are loaded only when one of their commands runs.
 * {@code demo} and {@code bench} that nothing provides answer with one line saying why.
 */
final class CommandExtensions {

    /** The folder of the distribution's home holding the demo and the benchmark. */
    static final String FOLDER = "demo";

    private static final List<String> EXPECTED = List.of("demo", "bench");

    private CommandExtensions() {
    }

    static void addTo(CommandLine commandLine) {
        ClassLoader engine = CommandExtensions.class.getClassLoader();
        add(commandLine, ServiceLoader.load(CommandExtension.class, engine));
        Path folder = ConfigLoader.Sources.fromSystem().resolve(FOLDER);
        if (Files.isDirectory(folder)) {
            List<URL> jars = PluginDiscovery.jars(folder);
            if (!jars.isEmpty()) {
                // Lives as long as the command line: the process ends with it.
                URLClassLoader loader = new URLClassLoader("demo", jars.toArray(URL[]::new), engine);
                add(commandLine, ServiceLoader.load(CommandExtension.class, loader));
            }
        }
        for (String name : EXPECTED) {
            if (!commandLine.getSubcommands().containsKey(name)) {
                commandLine.addSubcommand(name, new UnavailableCommand(name, folder.toString()));
            }
        }
    }

    private static void add(CommandLine commandLine, ServiceLoader<CommandExtension> extensions) {
        for (CommandExtension extension : extensions) {
            for (Object command : extension.commands()) {
                String name = new CommandLine(command).getCommandName();
                if (!commandLine.getSubcommands().containsKey(name)) {
                    commandLine.addSubcommand(command);
                }
            }
        }
    }
}
