package dev.eventagent.engine.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.eventagent.api.ConfigView;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A {@link ConfigView} over a typesafe-config subtree; errors name the full key and its origin. */
public final class TypesafeConfigView implements ConfigView {

    private final Config config;
    private final String path;

    /**
     * Creates a view.
     *
     * @param config the subtree
     * @param path the subtree's full path from the root, empty for the root
     */
    public TypesafeConfigView(Config config, String path) {
        this.config = requireNonNull(config, "config is null");
        this.path = requireNonNull(path, "path is null");
    }

    /**
     * The underlying subtree, for the engine only.
     *
     * @return the config
     */
    public Config unwrap() {
        return config;
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
        return new TypesafeConfigView(get(key, config::getConfig), fullPath(key));
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
        } catch (ConfigException.Missing e) {
            throw new IllegalArgumentException("missing config key " + fullPath(key)
                    + ": set it in conf/application.conf or in the plugin's reference.conf", e);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config key " + fullPath(key) + ": " + e.getMessage(), e);
        }
    }

    private String fullPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
