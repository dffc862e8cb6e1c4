package dev.eventagent.distribution;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private copy of the built distribution, in a folder whose path has a space in it, so that a
 * test may add, break and remove plugin folders without disturbing other tests; and the runner
 * of its {@code bin/event-agent}.
 */
final class DistributionHome {

    private static final long TIMEOUT_SECONDS = 180;

    private final Path home;
    private final Path scratch;

    private DistributionHome(Path home, Path scratch) {
        this.home = home;
        this.scratch = scratch;
    }

    /**
     * Copies the built distribution to {@code <tempDir>/event agent/home/}.
     *
     * @param tempDir a test's temporary directory
     * @return the copy
     */
    static DistributionHome copyOfBuilt(Path tempDir) {
        Path base = tempDir.resolve("event agent");
        Path home = base.resolve("home");
        copyTree(BuildOutput.distribution(), home);
        return new DistributionHome(home, createDirectories(base.resolve("scratch")));
    }

    Path home() {
        return home;
    }

    Path launcher() {
        return home.resolve("bin").resolve("event-agent");
    }

    Path plugins() {
        return home.resolve("plugins");
    }

    /**
     * A directory next to the home for a test's own files (fake JDKs, links, other folders).
     *
     * @param name the subdirectory's name
     * @return the created directory
     */
    Path scratch(String name) {
        return createDirectories(scratch.resolve(name));
    }

    /**
     * Copies a plugin folder to {@code plugins/<name>/}.
     *
     * @param plugin the folder
     * @return this home
     */
    DistributionHome install(PluginFolder plugin) {
        copyTree(plugin.directory(), plugins().resolve(plugin.name()));
        return this;
    }

    /**
     * Keeps only the named plugin folders, as a build with {@code -Ddistribution.plugins=<names>}
     * packs them (the rest of a trimmed distribution is the same as the full one's).
     *
     * @param keep the plugins to keep
     * @return this home
     */
    DistributionHome trimmedTo(String... keep) {
        List<String> kept = List.of(keep);
        try (Stream<Path> folders = Files.list(plugins())) {
            for (Path folder : folders.toList()) {
                if (!kept.contains(folder.getFileName().toString())) {
                    deleteTree(folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Deletes {@code plugins/<name>/}.
     *
     * @param name the plugin folder's name
     * @return this home
     */
    DistributionHome uninstall(String name) {
        deleteTree(plugins().resolve(name));
        return this;
    }

    /**
     * Replaces {@code conf/application.conf}.
     *
     * @param hocon the new content
     * @return this home
     */
    DistributionHome applicationConf(String hocon) {
        write(home.resolve("conf").resolve("application.conf"), hocon);
        return this;
    }

    /**
     * Runs {@code bin/event-agent} with the JDK running the tests as JAVA_HOME.
     *
     * @param args the arguments
     * @return the outcome
     */
    LauncherRun run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * Runs {@code bin/event-agent}.
     *
     * @param env environment changes over the defaults; a {@code null} value removes a variable
     * @param args the arguments
     * @return the outcome
     */
    LauncherRun run(Map<String, String> env, String... args) {
        return runScript(launcher(), env, args);
    }

    /**
     * Runs a launcher script (this home's, or a link to it) from a neutral working directory.
     * JAVA_HOME is the JDK running the tests unless {@code env} says otherwise; JAVA_OPTS and
     * EVENT_AGENT_OPTS are cleared.
     *
     * @param script the script
     * @param env environment changes; a {@code null} value removes a variable
     * @param args the arguments
     * @return the outcome
     */
    LauncherRun runScript(Path script, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        Path runDir = scratch("runs");
        Path out;
        Path err;
        try {
            out = Files.createTempFile(runDir, "stdout", ".txt");
            err = Files.createTempFile(runDir, "stderr", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(scratch("working directory").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("JAVA_OPTS");
        environment.remove("EVENT_AGENT_OPTS");
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Map<String, String> changes = new HashMap<>(env);
        changes.forEach((key, value) -> {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command
                        + "\n--- stdout ---\n" + Files.readString(out) + "\n--- stderr ---\n" + Files.readString(err));
            }
            return new LauncherRun(command, process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (file.toString().endsWith(".jar") && !Files.isSymbolicLink(file)) {
                        // Jars are only read: a link spares copying the ~400 MB of model and servers.
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, file.toAbsolutePath());
                    } else {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES,
                                StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
