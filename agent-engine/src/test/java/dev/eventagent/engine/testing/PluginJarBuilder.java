package dev.eventagent.engine.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.eventagent.api.ToolPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a plugin jar for tests: class files copied from the test classpath (with their nested,
 * inner and anonymous classes), a {@code META-INF/services/dev.eventagent.api.ToolPlugin} file and
 * optionally a {@code reference.conf}.
 *
 * <pre>
 *   Path jar = PluginJarBuilder.named("echo.jar")
 *           .withPlugin(EchoPlugin.class)
 *           .writeTo(pluginsDir.resolve("echo"));
 * </pre>
 *
 * Classes are copied as they are, so a fixture must use only the JDK, the SPI
 * ({@code dev.eventagent.api}) and classes added to the same jar; anything else fails to load in
 * the plugin's own class loader, exactly as it would in production.
 */
public final class PluginJarBuilder {

    /** The services file a plugin jar lists its {@link ToolPlugin} in. */
    public static final String SERVICES_FILE = "META-INF/services/" + ToolPlugin.class.getName();

    private final String fileName;
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final List<String> serviceLines = new ArrayList<>();
    private boolean services;

    private PluginJarBuilder(String fileName) {
        this.fileName = requireNonNull(fileName, "fileName is null");
        if (!fileName.endsWith(".jar")) {
            throw new IllegalArgumentException("a plugin jar's name must end with .jar: " + fileName);
        }
    }

    /**
     * Starts a jar.
     *
     * @param fileName the jar's file name, e.g. {@code echo.jar}
     * @return the builder
     */
    public static PluginJarBuilder named(String fileName) {
        return new PluginJarBuilder(fileName);
    }

    /**
     * Adds a plugin class (and its nested classes) and lists it in the services file.
     *
     * @param plugin the {@link ToolPlugin} implementation
     * @return this builder
     */
    public PluginJarBuilder withPlugin(Class<? extends ToolPlugin> plugin) {
        return withClasses(plugin).withServices(plugin.getName());
    }

    /**
     * Copies the class files of classes, with their nested, inner and anonymous classes.
     *
     * @param classes top-level or nested classes on the test classpath
     * @return this builder
     */
    public PluginJarBuilder withClasses(Class<?>... classes) {
        for (Class<?> type : classes) {
            addWithNested(type);
        }
        return this;
    }

    /**
     * Copies one class file only, without its nested classes (to build a jar that is missing some).
     *
     * @param type a class on the test classpath
     * @return this builder
     */
    public PluginJarBuilder withClassFileOnly(Class<?> type) {
        if (!addClassFile(type.getName())) {
            throw new IllegalArgumentException("no class file for " + type.getName() + " on the test classpath");
        }
        return this;
    }

    /**
     * Adds lines to the services file; calling this (even with no lines) creates the file.
     *
     * @param lines class names, comments or blank lines, written as given
     * @return this builder
     */
    public PluginJarBuilder withServices(String... lines) {
        services = true;
        serviceLines.addAll(List.of(lines));
        return this;
    }

    /**
     * Adds a {@code reference.conf} at the jar's root.
     *
     * @param hocon the file's text
     * @return this builder
     */
    public PluginJarBuilder withReferenceConf(String hocon) {
        return withResource("reference.conf", hocon);
    }

    /**
     * Adds a text resource.
     *
     * @param path the path inside the jar, e.g. {@code META-INF/notes.txt}
     * @param text the content
     * @return this builder
     */
    public PluginJarBuilder withResource(String path, String text) {
        entries.put(path, text.getBytes(UTF_8));
        return this;
    }

    /**
     * Writes the jar into a folder, creating the folder when needed.
     *
     * @param folder the plugin folder, e.g. {@code plugins/echo}
     * @return the jar's path
     */
    public Path writeTo(Path folder) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try {
            Files.createDirectories(folder);
            Path jar = folder.resolve(fileName);
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    write(jarOut, entry.getKey(), entry.getValue());
                }
                if (services) {
                    String text = serviceLines.isEmpty() ? "" : String.join("\n", serviceLines) + "\n";
                    write(jarOut, SERVICES_FILE, text.getBytes(UTF_8));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plugin jar " + fileName + " into " + folder, e);
        }
    }

    private void addWithNested(Class<?> type) {
        String binaryName = type.getName();
        if (!addClassFile(binaryName)) {
            throw new IllegalArgumentException("no class file for " + binaryName + " on the test classpath");
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            addWithNested(nested);
        }
        // Anonymous classes are not visible through reflection; their files are Outer$1, Outer$2, ...
        for (int i = 1; addClassFile(binaryName + "$" + i); i++) {
            // added
        }
    }

    private boolean addClassFile(String binaryName) {
        String path = binaryName.replace('.', '/') + ".class";
        if (entries.containsKey(path)) {
            return true;
        }
        try (InputStream in = PluginJarBuilder.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                return false;
            }
            entries.put(path, in.readAllBytes());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class file " + path, e);
        }
    }

    private static void write(JarOutputStream jar, String path, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(path));
        jar.write(content);
        jar.closeEntry();
    }
}
