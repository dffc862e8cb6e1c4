package dev.eventagent.engine.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin folder. It shares only the SPI ({@code dev.eventagent.api}) and
 * the logging API ({@code org.slf4j}) with the engine; everything else comes from the folder's
 * own jars or from the JDK. Two plugins may therefore bring different versions of one library,
 * and a plugin never sees the engine's libraries by accident.
 */
final class PluginClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final List<String> SHARED_PACKAGES = List.of("dev.eventagent.api.", "org.slf4j.");

    private final ClassLoader engine;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    PluginClassLoader(String name, URL[] jars, ClassLoader engine) {
        super("plugin:" + name, jars, null);
        this.engine = engine;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = isShared(name) ? engine.loadClass(name) : ownOrPlatform(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> ownOrPlatform(String name) throws ClassNotFoundException {
        try {
            return platform.loadClass(name);
        } catch (ClassNotFoundException notJdk) {
            return findClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : platform.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(platform.getResources(name)));
        return Collections.enumeration(all);
    }

    /**
     * The resources of this folder's own jars only.
     *
     * @param name the resource name
     * @return the URLs
     * @throws IOException when a jar cannot be read
     */
    List<URL> ownResources(String name) throws IOException {
        return Collections.list(findResources(name));
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
