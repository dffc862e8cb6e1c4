package dev.eventagent.engine.cli;

import dev.eventagent.engine.Installation;
import dev.eventagent.engine.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command shares (a {@code @Mixin}, also of the commands of {@link CommandExtension}s). */
public final class EngineOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A config file layered over conf/application.conf (like -Dconfig.file).")
    Path configFile;

    /**
     * Where config comes from: the distribution's home and the file given with {@code --config}.
     *
     * @return the sources
     */
    public ConfigLoader.Sources sources() {
        return ConfigLoader.Sources.fromSystem().withConfigFile(Optional.ofNullable(configFile));
    }

    /**
     * Loads, validates and discovers the plugins.
     *
     * @return the loaded config
     */
    public Installation load() {
        return Installation.load(sources());
    }
}
