package dev.eventagent.engine.runtime;

import dev.eventagent.engine.testing.PluginJarBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code event-agent run} in a child JVM, with {@link CountingPlugin} installed in a plugin folder. */
final class ChildAgent implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildAgent(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Prepares a distribution home: conf/application.conf and plugins/counting/.
     *
     * @param home the folder
     * @param settings the application.conf text
     * @return the home
     */
    static Path home(Path home, String settings) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/application.conf"), settings);
        PluginJarBuilder.named("counting.jar").withPlugin(CountingPlugin.class)
                .writeTo(Files.createDirectories(home.resolve("plugins/counting")));
        return home;
    }

    static ChildAgent start(Path home, String name) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = home.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-Devent-agent.home=" + home,
                "-cp", classpath, "dev.eventagent.engine.cli.Main", "run"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("CLASSPATH");
        return new ChildAgent(builder.start(), log);
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: drains and commits. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not stop on SIGTERM; log: " + log);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String path(Path path) {
        return path.toString().replace(File.separatorChar, '/');
    }
}
