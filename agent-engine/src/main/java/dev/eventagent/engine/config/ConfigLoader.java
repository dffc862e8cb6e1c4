package dev.eventagent.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Loads the layered config. From weakest to strongest:
 * <ol>
 *   <li>every module's {@code reference.conf} (engine, classpath plugins, plugin folders),</li>
 *   <li>{@code <home>/conf/application.conf},</li>
 *   <li>the file named by {@code -Dconfig.file} or {@code --config},</li>
 *   <li>{@code -Dagent.*} system properties,</li>
 * </ol>
 * and the environment through {@code ${?VAR}} substitutions.
 */
public final class ConfigLoader {

    /** The system property naming the distribution's home directory. */
    public static final String HOME_PROPERTY = "event-agent.home";

    private ConfigLoader() {
    }

    /**
     * Where config comes from.
     *
     * @param home the distribution's home, whose {@code conf/application.conf} is read if present
     * @param configFile an explicit config file, which must exist
     */
    public record Sources(Optional<Path> home, Optional<Path> configFile) {

        /**
         * The sources named by the {@code event-agent.home} and {@code config.file} system properties.
         *
         * @return the sources
         */
        public static Sources fromSystem() {
            return new Sources(
                    Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of),
                    Optional.ofNullable(System.getProperty("config.file")).map(Path::of));
        }

        /**
         * The same sources with another explicit file.
         *
         * @param file the file, or empty to keep the current one
         * @return the sources
         */
        public Sources withConfigFile(Optional<Path> file) {
            return file.isPresent() ? new Sources(home, file) : this;
        }

        /**
         * Resolves a path against the home directory (or the working directory without one).
         *
         * @param path a path from config
         * @return the absolute path
         */
        public Path resolve(String path) {
            Path p = Path.of(path);
            if (p.isAbsolute()) {
                return p;
            }
            return home.map(h -> h.resolve(p)).orElse(p).toAbsolutePath().normalize();
        }
    }

    /**
     * The user's layers (application.conf, the explicit file, system properties), unresolved.
     *
     * @param sources where to read
     * @return the merged layers
     */
    public static Config userLayers(Sources sources) {
        Config layers = ConfigFactory.empty();
        if (sources.home().isPresent()) {
            Path app = sources.home().get().resolve("conf").resolve("application.conf");
            if (Files.isRegularFile(app)) {
                layers = parse(app).withFallback(layers);
            }
        }
        if (sources.configFile().isPresent()) {
            Path file = sources.configFile().get();
            if (!Files.isRegularFile(file)) {
                throw new StartupException(List.of("config file " + file.toAbsolutePath()
                        + " does not exist (named by --config or -Dconfig.file)"));
            }
            layers = parse(file).withFallback(layers);
        }
        Config system = ConfigFactory.parseProperties(System.getProperties());
        if (system.hasPath("agent")) {
            layers = system.withOnlyPath("agent").withFallback(layers);
        }
        return layers;
    }

    /**
     * The {@code reference.conf} files visible to a class loader, merged, unresolved.
     *
     * @param loader the class loader
     * @return the merged references
     */
    public static Config references(ClassLoader loader) {
        return ConfigFactory.parseResourcesAnySyntax(loader, "reference.conf",
                ConfigParseOptions.defaults().setClassLoader(loader));
    }

    /**
     * Parses the given {@code reference.conf} URLs, merged in order.
     *
     * @param urls the files
     * @return the merged references
     */
    public static Config references(List<URL> urls) {
        Config merged = ConfigFactory.empty();
        for (URL url : urls) {
            merged = merged.withFallback(ConfigFactory.parseURL(url));
        }
        return merged;
    }

    /**
     * Merges the layers over the references and resolves substitutions, environment included.
     *
     * @param layers the user's layers
     * @param reference the merged references
     * @return the resolved config
     * @throws StartupException when a substitution cannot be resolved
     */
    public static Config resolve(Config layers, Config reference) {
        try {
            return layers.withFallback(reference).resolve(ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            throw new StartupException(Collections.singletonList(e.getMessage()));
        }
    }

    private static Config parse(Path file) {
        try {
            return ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException.Parse e) {
            throw new StartupException(List.of("cannot parse " + e.getMessage()));
        } catch (ConfigException e) {
            throw new StartupException(List.of(e.getMessage()));
        }
    }
}
