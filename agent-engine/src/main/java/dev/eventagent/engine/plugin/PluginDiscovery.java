package dev.eventagent.engine.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.engine.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link ToolPlugin}s on the engine's classpath and in a plugins directory, where every
 * subfolder gets its own {@link PluginClassLoader}. A folder or provider that fails is recorded
 * as a {@link PluginFailure} and the others are still found.
 */
public final class PluginDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private PluginDiscovery() {
    }

    /**
     * What discovery found.
     *
     * @param plugins the plugins, by name, in discovery order
     * @param failures what could not be loaded
     */
    public record Result(List<DiscoveredPlugin> plugins, List<PluginFailure> failures) implements AutoCloseable {

        /** Copies the lists. */
        public Result {
            plugins = List.copyOf(plugins);
            failures = List.copyOf(failures);
        }

        /**
         * Closes the plugin folders' class loaders (their jar files). Engines started with these
         * plugins must be closed first; none can be started afterwards.
         */
        @Override
        public void close() {
            for (DiscoveredPlugin plugin : plugins) {
                if (plugin.classLoader() instanceof PluginClassLoader loader) {
                    try {
                        loader.close();
                    } catch (IOException e) {
                        LOG.debug("Closing {} failed", loader, e);
                    }
                }
            }
        }
    }

    /**
     * Finds the plugins.
     *
     * @param engineLoader the engine's class loader (classpath plugins and the shared SPI)
     * @param pluginsDir the plugins directory; a missing directory holds no plugins
     * @return the plugins and the failures
     */
    public static Result discover(ClassLoader engineLoader, Path pluginsDir) {
        Map<String, DiscoveredPlugin> found = new LinkedHashMap<>();
        List<PluginFailure> failures = new ArrayList<>();
        load(ServiceLoader.load(ToolPlugin.class, engineLoader), "classpath", engineLoader,
                ConfigFactory.empty(), found, failures);
        if (Files.isDirectory(pluginsDir)) {
            for (Path folder : subfolders(pluginsDir)) {
                loadFolder(folder, engineLoader, found, failures);
            }
        } else {
            LOG.debug("No plugins directory at {}", pluginsDir);
        }
        return new Result(new ArrayList<>(found.values()), failures);
    }

    private static void loadFolder(Path folder, ClassLoader engineLoader,
            Map<String, DiscoveredPlugin> found, List<PluginFailure> failures) {
        String location = folder.toString();
        String folderName = folder.getFileName().toString();
        List<URL> jars = jars(folder);
        if (jars.isEmpty()) {
            failures.add(new PluginFailure(folderName, location, "the folder holds no .jar files"));
            return;
        }
        PluginClassLoader loader = new PluginClassLoader(folderName, jars.toArray(URL[]::new), engineLoader);
        Config reference;
        try {
            reference = ConfigLoader.references(loader.ownResources("reference.conf"));
        } catch (IOException | ConfigException e) {
            failures.add(new PluginFailure(folderName, location, "cannot read its reference.conf: " + e.getMessage()));
            return;
        }
        int before = found.size() + failures.size();
        load(ServiceLoader.load(ToolPlugin.class, loader), location, loader, reference, found, failures);
        if (found.size() + failures.size() == before) {
            failures.add(new PluginFailure(folderName, location, "no META-INF/services/"
                    + ToolPlugin.class.getName() + " entry in its jars"));
        }
    }

    private static void load(ServiceLoader<ToolPlugin> services, String location, ClassLoader loader,
            Config reference, Map<String, DiscoveredPlugin> found, List<PluginFailure> failures) {
        Iterator<ToolPlugin> iterator = services.iterator();
        while (true) {
            ToolPlugin plugin;
            try {
                if (!iterator.hasNext()) {
                    return;
                }
                plugin = iterator.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(new PluginFailure(folderOf(location), location, describe(e)));
                continue;
            }
            if (loader instanceof PluginClassLoader && plugin.getClass().getClassLoader() != loader) {
                continue;
            }
            register(plugin, location, loader, reference, found, failures);
        }
    }

    private static void register(ToolPlugin plugin, String location, ClassLoader loader,
            Config reference, Map<String, DiscoveredPlugin> found, List<PluginFailure> failures) {
        String name;
        try {
            name = plugin.name();
        } catch (RuntimeException e) {
            failures.add(new PluginFailure(plugin.getClass().getName(), location, "name() failed: " + e));
            return;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            failures.add(new PluginFailure(String.valueOf(name), location,
                    "plugin name must match " + NAME.pattern() + " (class " + plugin.getClass().getName() + ")"));
            return;
        }
        DiscoveredPlugin existing = found.get(name);
        if (existing != null) {
            failures.add(new PluginFailure(name, location, "a plugin named '" + name
                    + "' is already loaded from " + existing.location() + "; remove one of them"));
            return;
        }
        found.put(name, new DiscoveredPlugin(plugin, location, loader, reference));
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause);
        }
        return text.toString();
    }

    private static String folderOf(String location) {
        return "classpath".equals(location) ? location : Path.of(location).getFileName().toString();
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins directory " + dir, e);
        }
    }

    /** The folder's jar files, by name (also the demo-backends folder's: {@link LocalBackends}). */
    public static List<URL> jars(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : entries.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(toUrl(jar));
            }
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugin folder " + folder, e);
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad jar path " + jar, e);
        }
    }
}
