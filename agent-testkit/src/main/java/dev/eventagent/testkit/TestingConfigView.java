package dev.eventagent.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.eventagent.api.ConfigView;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A {@link ConfigView} over a typesafe-config subtree, for plugin tests (the engine has its own). */
public final class TestingConfigView implements ConfigView {

    private final Config config;
    private final String path;

    /**
     * Creates the view.
     *
     * @param config the subtree
     * @param path its full path
     */
    public TestingConfigView(Config config, String path) {
        this.config = config;
        this.path = path;
    }

    @Override
    public boolean hasPath(String key) {
        return config.hasPath(key);
    }

    @Override
    public String getString(String key) {
        return get(key, config::getString);
    }

    @Override
    public int getInt(String key) {
        return get(key, config::getInt);
    }

    @Override
    public long getLong(String key) {
        return get(key, config::getLong);
    }

    @Override
    public double getDouble(String key) {
        return get(key, config::getDouble);
    }

    @Override
    public boolean getBoolean(String key) {
        return get(key, config::getBoolean);
    }

    @Override
    public Duration getDuration(String key) {
        return get(key, config::getDuration);
    }

    @Override
    public List<String> getStringList(String key) {
        return List.copyOf(get(key, config::getStringList));
    }

    @Override
    public ConfigView getConfig(String key) {
        return new TestingConfigView(get(key, config::getConfig), path + "." + key);
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(config.root().keySet());
    }

    @Override
    public String path() {
        return path;
    }

    private <T> T get(String key, Function<String, T> getter) {
        try {
            return getter.apply(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config key " + path + "." + key + ": " + e.getMessage(), e);
        }
    }
}
