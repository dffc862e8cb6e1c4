package dev.eventagent.engine.embed;

import com.typesafe.config.Config;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.plugin.EmbedderDirectory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the engine's {@link EmbedderDirectory} from config: the embedder {@code agent.embedder}
 * selects, the cache of {@code agent.embedding-cache}, and the embedders built into the engine
 * (today {@code openai}, registered when {@code agent.embedders.openai.enabled} is set or
 * {@code agent.embedder = "openai"}). Plugins add theirs when they start.
 */
public final class EngineEmbedders {

    private static final Logger LOG = LoggerFactory.getLogger(EngineEmbedders.class);

    private EngineEmbedders() {
    }

    /**
     * The directory for a resolved, validated config.
     *
     * @param config the config
     * @return the directory
     * @throws StartupException when a setting is wrong, naming the key
     */
    public static EmbedderDirectory directory(Config config) {
        try {
            return build(config);
        } catch (IllegalArgumentException e) {
            throw new StartupException(List.of(e.getMessage()));
        }
    }

    private static EmbedderDirectory build(Config config) {
        String selected = config.getString("agent.embedder");
        int maxEntries = config.getInt("agent.embedding-cache.max-entries");
        if (maxEntries < 0) {
            throw new IllegalArgumentException("agent.embedding-cache.max-entries must be 0 (off) or more, got "
                    + maxEntries);
        }
        EmbedderDirectory directory = new EmbedderDirectory(selected, maxEntries);
        OpenAiEmbeddingSettings openai = OpenAiEmbeddingSettings.of(config);
        if (openai.enabled() || OpenAiEmbedder.NAME.equals(selected)) {
            directory.addBuiltIn(new OpenAiEmbedder(openai));
            LOG.info("Registering embedder '{}' ({} dimensions, model {} at {}) built into the engine",
                    OpenAiEmbedder.NAME, openai.dimension(), openai.model(), openai.baseUrl());
        }
        return directory;
    }
}
