package dev.eventagent.testkit.clickhouse;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ClickHouse server for tests: the machine's {@code clickhouse-server} (Debian's package)
 * started as a child process with its own temporary config, users and data directory, listening
 * on random free ports of 127.0.0.1, and stopped (its directory deleted) on {@link #close()}.
 *
 * <p>Two users exist: {@code default} without a password and {@link #passwordUser()} with
 * {@link #password()}, for tests of authentication. Use {@link #shared()} to share one server
 * across a module's test classes; it stops when the JVM exits.
 */
public final class TestingClickHouseServer implements AutoCloseable {

    /** The user that needs {@link #password()}. */
    private static final String PASSWORD_USER = "agent";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Object SHARED_LOCK = new Object();
    private static TestingClickHouseServer shared;

    private final Process process;
    private final Path directory;
    private final int httpPort;
    private final int tcpPort;
    private final String password;

    private TestingClickHouseServer(Process process, Path directory, int httpPort, int tcpPort, String password) {
        this.process = process;
        this.directory = directory;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.password = password;
    }

    /**
     * The server shared by every test of this JVM, started on first use and stopped at exit.
     * Fails (or skips outside CI) like {@link #start()} when the binary is missing.
     *
     * @return the running server
     */
    public static TestingClickHouseServer shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.process.isAlive()) {
                TestingClickHouseServer server = start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "testing-clickhouse-stop"));
                shared = server;
            }
            return shared;
        }
    }

    /**
     * Starts a new server. When no ClickHouse binary is installed the test fails with the install
     * command if the environment variable {@code CI} is {@code true}, and is skipped (a JUnit
     * assumption) otherwise.
     *
     * @return the running server
     */
    public static TestingClickHouseServer start() {
        List<String> command = ClickHouseBinary.serverCommand().orElse(null);
        if (command == null) {
            ClickHouseBinary.failOrSkipWhenMissing();
            throw new IllegalStateException("unreachable: the binary is missing");
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return launch(command);
            } catch (PortTakenException e) {
                last = e; // another process took a port between probing and binding: try new ports
            }
        }
        throw last;
    }

    private static TestingClickHouseServer launch(List<String> command) {
        Path directory;
        try {
            directory = Files.createTempDirectory("testing-clickhouse-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for ClickHouse", e);
        }
        int httpPort = freePort();
        int tcpPort = freePort();
        while (tcpPort == httpPort) {
            tcpPort = freePort();
        }
        String password = "pw-" + Long.toHexString(System.nanoTime());
        ClickHouseServerConfig config = new ClickHouseServerConfig(directory, httpPort, tcpPort, PASSWORD_USER, password);
        Process process;
        try {
            Path configFile = config.write();
            List<String> full = new ArrayList<>(command);
            full.add("--config-file=" + configFile);
            process = new ProcessBuilder(full)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            deleteRecursively(directory);
            throw new UncheckedIOException("cannot start " + command + " in " + directory, e);
        }
        TestingClickHouseServer server = new TestingClickHouseServer(process, directory, httpPort, tcpPort, password);
        server.awaitReady();
        return server;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(httpUrl() + "/ping")).timeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                String log = logTail();
                deleteRecursively(directory);
                if (log.contains("Address already in use")) {
                    throw new PortTakenException(log);
                }
                throw new IllegalStateException("clickhouse-server exited with " + process.exitValue()
                        + " before answering on " + httpUrl() + "; its log:\n" + log);
            }
            try {
                HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for clickhouse-server", e);
            }
            sleep(100);
        }
        String log = logTail();
        close();
        throw new IllegalStateException("clickhouse-server did not answer on " + httpUrl() + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its log:\n" + log);
    }

    /**
     * The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the URL, without a trailing slash
     */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * The HTTP port.
     *
     * @return the port
     */
    public int httpPort() {
        return httpPort;
    }

    /**
     * The native-protocol port.
     *
     * @return the port
     */
    public int tcpPort() {
        return tcpPort;
    }

    /**
     * A user that needs {@link #password()}.
     *
     * @return the user name
     */
    public String passwordUser() {
        return PASSWORD_USER;
    }

    /**
     * The password of {@link #passwordUser()}.
     *
     * @return the password
     */
    public String password() {
        return password;
    }

    /**
     * The server's temporary directory: config, users, logs and data.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Whether the server process is running.
     *
     * @return true while it runs
     */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * The last lines of the server's logs, for failure messages.
     *
     * @return the text, possibly empty
     */
    public String logTail() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("stdout.log", "server.err.log")) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> text.append(l).append('\n'));
                } catch (IOException | UncheckedIOException e) {
                    text.append("(cannot read ").append(file).append(": ").append(e.getMessage()).append(")\n");
                }
            }
        }
        return text.toString();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 15 s) and deletes its directory. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(directory);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path root) {
        requireNonNull(root, "root is null");
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }

    /** The server could not bind a port that was free a moment before. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String log) {
            super("clickhouse-server could not bind its ports; its log:\n" + log);
        }
    }

    /**
     * Where the server binary is, for tests that want to say so.
     *
     * @return the command that starts a server (without its config argument), or empty
     */
    public static Optional<List<String>> serverCommand() {
        return ClickHouseBinary.serverCommand();
    }
}
