package dev.eventagent.engine.cli;

import dev.eventagent.engine.config.StartupException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/event-agent}: the command line of the service. */
@Command(name = "event-agent", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a stream of engineering events into actions.",
        subcommands = {RunCommand.class, DemoCommand.class, SendCommand.class, ReplayCommand.class, ToolsCommand.class,
                ConfigCommand.class, CheckCommand.class, CallCommand.class, BenchCommand.class, EvalCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
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
        CommandLine commandLine = new CommandLine(new Main()).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StartupException startup) {
                cmd.getErr().println("event-agent: cannot start: " + startup.getMessage());
                return 2;
            }
            throw e;
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
