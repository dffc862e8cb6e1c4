package dev.eventagent.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Stands in for a command whose jars this installation lacks ({@code demo} and {@code bench} live
 * in {@code demo/}, which {@code -Ddistribution.demo=false} leaves out): one line saying so.
 */
@Command(hidden = true)
final class UnavailableCommand implements Callable<Integer> {

    private final String name;
    private final String folder;

    @Parameters(arity = "0..*", hidden = true)
    java.util.List<String> ignored;

    @Spec
    CommandSpec spec;

    UnavailableCommand(String name, String folder) {
        this.name = name;
        this.folder = folder;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("event-agent: " + name + " is not part of this installation: its folder "
                + folder + " is missing (a distribution built with -Ddistribution.demo=false leaves it out)");
        return 1;
    }
}
