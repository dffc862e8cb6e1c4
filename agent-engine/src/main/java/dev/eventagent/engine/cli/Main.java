package dev.eventagent.engine.cli;

import dev.eventagent.engine.config.StartupException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code bin/event-agent}: the command line of the service. */
@Command(name = "event-agent", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a stream of engineering events into actions.",
        subcommands = {RunCommand.class, SendCommand.class, ReplayCommand.class, ToolsCommand.class,
                ConfigCommand.class, CheckCommand.class, CallCommand.class, EvalCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        quietTerminal(args);
        System.exit(run(args));
    }

    /** Property the logging config reads for the least level it shows on the terminal. */
    static final String CONSOLE_LEVEL = "event-agent.console-level";

    /**
     * Every command but {@code run} keeps the terminal for its own output: logs below WARN go to
     * the log file only; {@code demo}, which reports every plugin, route, dead letter and call
     * itself, shows only errors, and {@code call}, whose stderr is its one line, nothing. Set before
     * anything logs, since logging reads it once.
     */
    private static void quietTerminal(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        if (!"run".equals(command) && System.getProperty(CONSOLE_LEVEL) == null) {
            System.setProperty(CONSOLE_LEVEL, switch (command) {
                case "demo" -> "ERROR";
                case "call" -> "OFF";
                default -> "WARN";
            });
        }
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @return the exit status
     */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line with the given output streams.
     *
     * @param out where results go
     * @param err where warnings and errors go
     * @param args the arguments
     * @return the exit status
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        CommandExtensions.addTo(commandLine);
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StartupException startup) {
                cmd.getErr().println("event-agent: cannot start: " + startup.getMessage());
                return 2;
            }
            cmd.getErr().println("event-agent: " + CommandFailure.describe(cmd.getCommandName(), e));
            if (!(e instanceof CommandFailure) && !(e instanceof java.io.IOException)) {
                // Looked up here, not in a static field: logging must not start before main sets its level.
                org.slf4j.LoggerFactory.getLogger(Main.class).info("{} failed", cmd.getCommandName(), e);
            }
            return 1;
        });
        return commandLine.execute(args);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"event-agent " + (version == null ? "(development build)" : version)};
        }
    }
}
