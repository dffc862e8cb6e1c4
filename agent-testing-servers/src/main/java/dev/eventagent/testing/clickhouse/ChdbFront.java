package dev.eventagent.testing.clickhouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@code chdb-http-front.js} (a resource next to this class) with {@code node}: the
 * ClickHouse engine of npm's chdb package behind a small server speaking ClickHouse's HTTP
 * interface, on a free port of 127.0.0.1 chosen by the front itself, with its data in the
 * server's directory. The front exits on SIGTERM and when its standard input closes, so it never
 * outlives the JVM that started it.
 */
final class ChdbFront {

    /** The front's log (its standard output) and its error log, inside the server's directory. */
    static final List<String> LOG_FILES = List.of("front.log", "front.err.log");

    private static final String SCRIPT = "chdb-http-front.js";
    private static final Pattern READY = Pattern.compile(
            "^chdb-http-front ready port=(\\d+) version=(\\S+) chdb=(\\S+)$");

    /**
     * A running front.
     *
     * @param process the node process
     * @param port its HTTP port on 127.0.0.1
     * @param version the engine's ClickHouse version, e.g. {@code 26.7.2.1}
     * @param packageVersion the chdb package's version, e.g. {@code 3.4.0}
     */
    record Started(Process process, int port, String version, String packageVersion) {
    }

    private ChdbFront() {
    }

    /**
     * Starts a front and waits until it listens.
     *
     * @param installation node and the chdb package
     * @param directory the server's directory (script, users, data and logs go there)
     * @param users user name to password, as JSON object text
     * @param timeout how long it may take to start
     * @return the running front
     */
    static Started start(ChdbInstallation installation, Path directory, String users, Duration timeout) {
        Path script = directory.resolve(SCRIPT);
        Path usersFile = directory.resolve("users.json");
        Process process;
        try (InputStream in = ChdbFront.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the testkit's resources");
            }
            Files.copy(in, script);
            Files.writeString(usersFile, users, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(installation.node().toString(), script.toString(),
                    "--chdb", installation.packageDir().toString(), "--data", directory.resolve("data").toString(),
                    "--users", usersFile.toString(), "--port", "0")
                    .directory(directory.toFile())
                    .redirectError(directory.resolve(LOG_FILES.get(1)).toFile());
            builder.environment().put("TZ", "UTC");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + installation.node() + " " + script, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, directory.resolve(LOG_FILES.get(0)), ready),
                "chdb-front-output");
        reader.setDaemon(true);
        reader.start();
        String line;
        try {
            line = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(process);
            throw new IllegalStateException("the chdb HTTP front did not start within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            stop(process);
            throw new IllegalStateException("the chdb HTTP front exited before it listened: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the chdb HTTP front", e);
        }
        Matcher matcher = READY.matcher(line);
        if (!matcher.matches()) {
            stop(process);
            throw new IllegalStateException("the chdb HTTP front said something unexpected: " + line);
        }
        return new Started(process, Integer.parseInt(matcher.group(1)), matcher.group(2), matcher.group(3));
    }

    /** Copies the front's output to its log; the ready line (or the end of output) completes {@code ready}. */
    private static void copyOutput(Process process, Path log, CompletableFuture<String> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (!ready.isDone() && line.startsWith("chdb-http-front ready")) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // the process is gone; the future says so below
        }
        if (!ready.isDone()) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ready.completeExceptionally(new IllegalStateException("it exited"
                    + (process.isAlive() ? "" : " with " + process.exitValue())));
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
