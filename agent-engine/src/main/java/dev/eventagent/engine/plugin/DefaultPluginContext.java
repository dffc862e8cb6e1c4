package dev.eventagent.engine.plugin;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.Embedder;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PluginContext;
import java.time.Clock;
import java.util.Optional;

/** The {@link PluginContext} the engine creates a plugin with. */
record DefaultPluginContext(ConfigView config, Metrics metrics, Clock clock, Embedder embedder)
        implements PluginContext {

    @Override
    public Optional<String> secret(String key) {
        if (!config.hasPath(key)) {
            return Optional.empty();
        }
        String value = config.getString(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
