package dev.eventagent.embedder.minilm;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ConfigView;

/**
 * The settings of {@code agent.plugins.local-minilm}.
 *
 * @param maxTextChars texts longer than this many characters are cut before they are embedded
 * @param threads threads that embed the texts of one batch in parallel
 * @param preload whether the model starts loading in the background when the plugin is created
 */
record MiniLmSettings(int maxTextChars, int threads, boolean preload) {

    /** Validates the settings. */
    MiniLmSettings {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("agent.plugins.local-minilm.max-text-chars must be at least 1, got "
                    + maxTextChars);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("agent.plugins.local-minilm.threads must be at least 1 "
                    + "(or 0 for one per processor), got " + threads);
        }
    }

    /**
     * Reads the settings; {@code threads = 0} means one per available processor.
     *
     * @param config the plugin's subtree
     * @return the settings
     */
    static MiniLmSettings of(ConfigView config) {
        requireNonNull(config, "config is null");
        int threads = config.getInt("threads");
        return new MiniLmSettings(config.getInt("max-text-chars"),
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                config.getBoolean("preload"));
    }
}
