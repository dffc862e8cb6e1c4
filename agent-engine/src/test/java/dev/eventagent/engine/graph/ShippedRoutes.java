package dev.eventagent.engine.graph;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The default routes the tools modules ship, read from their reference.conf files in this
 * repository (not copied), so that the engine's tests run the real routes against
 * {@link SeedToolsPlugin}'s fakes.
 */
public final class ShippedRoutes {

    /** The modules whose reference.conf contributes to the default routes. */
    public static final List<String> MODULES = List.of("tools-clickhouse", "tools-neo4j", "tools-pinecone",
            "tools-postgres", "tools-jira", "tools-notify");

    private ShippedRoutes() {
    }

    /**
     * Every module's reference.conf, merged: their route contributions and the settings those
     * routes read (e.g. the notify plugin's workload-alert).
     *
     * @return the unresolved config, to layer under a test's own settings
     */
    public static Config layer() {
        Config merged = ConfigFactory.empty();
        for (String module : MODULES) {
            Path file = Path.of("..", module, "src", "main", "resources", "reference.conf").toAbsolutePath().normalize();
            merged = merged.withFallback(ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false)));
        }
        return merged;
    }
}
