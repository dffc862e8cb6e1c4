package dev.eventagent.embedder.minilm;

import dev.eventagent.api.LocalBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tells {@code event-agent demo} that this plugin needs no backend: the model runs in-process,
 * so the demo keeps the plugin as configured.
 */
public final class MiniLmDemoBackend implements LocalBackend.Provider {

    @Override
    public String plugin() {
        return "local-minilm";
    }

    @Override
    public LocalBackend start(Path directory) {
        return new LocalBackend() {
            @Override
            public String describe() {
                return "all-MiniLM-L6-v2 in this process (384 dimensions; needs no backend, no network)";
            }

            @Override
            public Map<String, Object> settings() {
                return Map.of();
            }

            @Override
            public List<String> report() {
                return List.of();
            }

            @Override
            public void close() {
                // nothing runs outside the plugin
            }
        };
    }
}
