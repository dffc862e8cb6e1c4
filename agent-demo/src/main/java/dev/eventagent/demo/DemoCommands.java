package dev.eventagent.demo;

import dev.eventagent.demo.bench.BenchCommand;
import dev.eventagent.engine.cli.CommandExtension;
import java.util.List;

/** Adds {@code demo} and {@code bench} to {@code event-agent} (from the distribution's demo/ folder). */
public final class DemoCommands implements CommandExtension {

    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new BenchCommand());
    }
}
