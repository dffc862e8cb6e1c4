package dev.eventagent.engine.plugin;

import dev.eventagent.api.LocalBackend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link LocalBackend.Provider}s for {@code event-agent demo}: those in the plugins' own jars
 * (a plugin that needs no backend says so with a provider of its own), those of the
 * {@code demo-backends} folder, loaded by one class loader that shares only the SPI and the
 * logging API with the engine (as a plugin folder's does), and those on the engine's classpath.
 * The first provider found for a plugin wins, in that order. Closing this closes the
 * demo-backends class loader.
 */
public final class LocalBackends implements AutoCloseable {

    private final Map<String, LocalBackend.Provider> providers;
    private final List<String> problems;
    private final Optional<URLClassLoader> loader;

    private LocalBackends(Map<String, LocalBackend.Provider> providers, List<String> problems,
            Optional<URLClassLoader> loader) {
        this.providers = providers;
        this.problems = problems;
        this.loader = loader;
    }

    /**
     * Finds the providers.
     *
     * @param engineLoader the engine's class loader
     * @param plugins the plugins discovered
     * @param folder the demo-backends folder; a missing folder holds none
     * @return the providers found
     */
    public static LocalBackends discover(ClassLoader engineLoader, List<DiscoveredPlugin> plugins, Path folder) {
        Map<String, LocalBackend.Provider> providers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (DiscoveredPlugin plugin : plugins) {
            if (plugin.classLoader() instanceof PluginClassLoader own) {
                load(ServiceLoader.load(LocalBackend.Provider.class, own), own, providers, problems);
            }
        }
        Optional<URLClassLoader> loader = Optional.empty();
        if (Files.isDirectory(folder)) {
            List<URL> jars = PluginDiscovery.jars(folder);
            if (!jars.isEmpty()) {
                PluginClassLoader own = new PluginClassLoader(folder.getFileName().toString(), jars.toArray(URL[]::new),
                        engineLoader);
                loader = Optional.of(own);
                load(ServiceLoader.load(LocalBackend.Provider.class, own), own, providers, problems);
            }
        }
        load(ServiceLoader.load(LocalBackend.Provider.class, engineLoader), null, providers, problems);
        return new LocalBackends(providers, List.copyOf(problems), loader);
    }

    private static void load(ServiceLoader<LocalBackend.Provider> services, ClassLoader only,
            Map<String, LocalBackend.Provider> into, List<String> problems) {
        Iterator<LocalBackend.Provider> iterator = services.iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return;
                }
                LocalBackend.Provider provider = iterator.next();
                if (only != null && provider.getClass().getClassLoader() != only) {
                    continue;
                }
                into.putIfAbsent(provider.plugin(), provider);
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(String.valueOf(e.getMessage()));
            }
        }
    }

    /**
     * The provider for a plugin, if any.
     *
     * @param plugin the plugin name
     * @return the provider
     */
    public Optional<LocalBackend.Provider> forPlugin(String plugin) {
        return Optional.ofNullable(providers.get(plugin));
    }

    /**
     * Providers that could not be loaded, one line each.
     *
     * @return the problems
     */
    public List<String> problems() {
        return problems;
    }

    @Override
    public void close() throws IOException {
        if (loader.isPresent()) {
            loader.get().close();
        }
    }
}
