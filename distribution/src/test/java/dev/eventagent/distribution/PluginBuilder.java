package dev.eventagent.distribution;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds a plugin folder from a plugin project laid out as Maven does ({@code src/main/java},
 * {@code src/main/resources}) with the JDK's compiler: no nested Maven build, no network, no
 * local repository. Warnings fail the build, as they would in the project's own build.
 */
final class PluginBuilder {

    private PluginBuilder() {
    }

    /**
     * Compiles a plugin project and lays out its folder: the plugin's jar and its libraries.
     *
     * @param project the project directory
     * @param pluginName the folder's name ({@code plugins/<pluginName>/})
     * @param apiJar the agent-api jar to compile against (provided by the agent, so not copied)
     * @param libraries the plugin's own libraries: compiled against and copied into the folder
     * @param workDir where to compile and lay out
     * @return the folder
     */
    static PluginFolder build(Path project, String pluginName, Path apiJar, List<Path> libraries, Path workDir) {
        Path classes = DistributionHome.createDirectories(workDir.resolve("classes").resolve(pluginName));
        Path folder = DistributionHome.createDirectories(workDir.resolve("plugins").resolve(pluginName));
        compile(project.resolve("src/main/java"), classes, apiJar, libraries);
        copyResources(project.resolve("src/main/resources"), classes);
        jar(classes, folder.resolve(project.getFileName() + ".jar"));
        try {
            for (Path library : libraries) {
                Files.copy(library, folder.resolve(library.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the libraries of " + pluginName, e);
        }
        return new PluginFolder(pluginName, folder);
    }

    /**
     * Writes a jar holding only the given text entries (e.g. a services file and no classes).
     *
     * @param jar the jar to write
     * @param entries entry name to UTF-8 text
     * @return the jar
     */
    static Path jarOf(Path jar, Map<String, String> entries) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
        return jar;
    }

    private static void compile(Path sources, Path classes, Path apiJar, List<Path> libraries) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the tests need a JDK (javax.tools.JavaCompiler), not a JRE");
        }
        List<Path> files = files(sources).stream().filter(f -> f.toString().endsWith(".java")).toList();
        List<String> classpath = new ArrayList<>();
        classpath.add(apiJar.toString());
        libraries.forEach(library -> classpath.add(library.toString()));
        List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                "-Xlint:all", "-Werror", "-classpath", String.join(File.pathSeparator, classpath),
                "-d", classes.toString());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
                throw new AssertionError("compiling " + sources + " failed or warned:\n"
                        + diagnostics.getDiagnostics().stream()
                                .map(PluginBuilder::describe)
                                .collect(Collectors.joining("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        return diagnostic.getKind() + " " + (diagnostic.getSource() == null ? "" : diagnostic.getSource().getName()
                + ":" + diagnostic.getLineNumber() + " ") + diagnostic.getMessage(Locale.ROOT);
    }

    private static void copyResources(Path resources, Path classes) {
        if (Files.isDirectory(resources)) {
            DistributionHome.copyTree(resources, classes);
        }
    }

    private static void jar(Path classes, Path jar) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
            for (Path file : files(classes)) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
