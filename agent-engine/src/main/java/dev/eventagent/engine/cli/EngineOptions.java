package dev.eventagent.engine.cli;

import dev.eventagent.engine.LoadedConfig;
import dev.eventagent.engine.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class EngineOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A config file layered over conf/application.conf (like -Dconfig.file).")
    Path configFile;

    LoadedConfig load() {
        return LoadedConfig.load(ConfigLoader.Sources.fromSystem().withConfigFile(Optional.ofNullable(configFile)));
    }
}
