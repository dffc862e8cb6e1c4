package dev.eventagent.testing.clickhouse;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ClickHouse for tests, listening on 127.0.0.1 with its own temporary directory (config,
 * users, data, logs), stopped and deleted on {@link #close()}. Two engines
 * ({@link ClickHouseEngine}):
 * <ul>
 *   <li>{@link ClickHouseEngine#SERVER}: the machine's {@code clickhouse-server} (Debian's 18.16)
 *       as a child process with a config written by the test, on random free ports;</li>
 *   <li>{@link ClickHouseEngine#CHDB}: the ClickHouse 26.7 engine of npm's chdb package, which
 *       only runs in-process, behind the testkit's HTTP front ({@code chdb-http-front.js}) run by
 *       {@code node} as a child process on a port it picks.</li>
 * </ul>
 *
 * <p>Two users exist: {@code default} without a password and {@link #passwordUser()} with
 * {@link #password()}, for tests of authentication. Use {@link #shared()} to share one server
 * across a module's test classes; it stops when the JVM exits. A missing engine fails the test
 * with the install command when {@code CI=true} and skips it otherwise.
 */
public final class TestingClickHouseServer implements AutoCloseable {

    /** The user that needs {@link #password()}. */
    private static final String PASSWORD_USER = "agent";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> SERVER_LOG_FILES = List.of("stdout.log", "server.err.log");
    private static final Map<ClickHouseEngine, TestingClickHouseServer> SHARED = new EnumMap<>(ClickHouseEngine.class);

    private final ClickHouseEngine engine;
    private final Process process;
    private final Path directory;
    private final int httpPort;
    private final int tcpPort;
    private final String password;
    private final List<String> logFiles;
    private final String engineVersion;
    private String version = "unknown";

    private TestingClickHouseServer(ClickHouseEngine engine, Process process, Path directory, int httpPort, int tcpPort,
            String password, List<String> logFiles, String engineVersion) {
        this.engine = engine;
        this.process = process;
        this.directory = directory;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.password = password;
        this.logFiles = logFiles;
        this.engineVersion = engineVersion;
    }

    /**
     * The server of the engine named by {@value ClickHouseEngine#PROPERTY} (default
     * {@code server}), shared by every test of this JVM, started on first use and stopped at exit.
     *
     * @return the running server
     */
    public static TestingClickHouseServer shared() {
        return shared(ClickHouseEngine.selected());
    }

    /**
     * The server of one engine shared by every test of this JVM, started on first use and stopped
     * at exit. Fails (or skips outside CI) like {@link #start(ClickHouseEngine)} when the engine
     * is missing.
     *
     * @param engine the engine
     * @return the running server
     */
    public static TestingClickHouseServer shared(ClickHouseEngine engine) {
        synchronized (SHARED) {
            TestingClickHouseServer server = SHARED.get(engine);
            if (server == null || !server.process.isAlive()) {
                TestingClickHouseServer started = start(engine);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "testing-clickhouse-stop"));
                SHARED.put(engine, started);
                server = started;
            }
            return server;
        }
    }

    /**
     * Starts the machine's {@code clickhouse-server} ({@link ClickHouseEngine#SERVER}).
     *
     * @return the running server
     */
    public static TestingClickHouseServer start() {
        return start(ClickHouseEngine.SERVER);
    }

    /**
     * Starts a new server. When the engine is not installed the test fails with the install
     * command if the environment variable {@code CI} is {@code true}, and is skipped (a JUnit
     * assumption) otherwise.
     *
     * @param engine the engine
     * @return the running server
     */
    public static TestingClickHouseServer start(ClickHouseEngine engine) {
        requireNonNull(engine, "engine is null");
        TestingClickHouseServer server = switch (engine) {
            case SERVER -> startServer();
            case CHDB -> startChdb();
        };
        server.version = server.askVersion();
        return server;
    }

    private static TestingClickHouseServer startServer() {
        List<String> command = ClickHouseBinary.serverCommand().orElse(null);
        if (command == null) {
            ClickHouseEngine.SERVER.failOrSkipWhenMissing();
            throw new IllegalStateException("unreachable: the binary is missing");
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return launchServer(command);
            } catch (PortTakenException e) {
                last = e; // another process took a port between probing and binding: try new ports
            }
        }
        throw last;
    }

    private static TestingClickHouseServer launchServer(List<String> command) {
        Path directory = createDirectory("testing-clickhouse-");
        int httpPort = freePort();
        int tcpPort = freePort();
        while (tcpPort == httpPort) {
            tcpPort = freePort();
        }
        String password = newPassword();
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
        TestingClickHouseServer server = new TestingClickHouseServer(ClickHouseEngine.SERVER, process, directory,
                httpPort, tcpPort, password, SERVER_LOG_FILES, null);
        server.awaitReady();
        return server;
    }

    private static TestingClickHouseServer startChdb() {
        ChdbInstallation installation = ChdbInstallation.find().orElse(null);
        if (installation == null) {
            ClickHouseEngine.CHDB.failOrSkipWhenMissing();
            throw new IllegalStateException("unreachable: chdb is missing");
        }
        Path directory = createDirectory("testing-chdb-");
        String password = newPassword();
        ChdbFront.Started front;
        try {
            front = ChdbFront.start(installation, directory,
                    "{\"default\": \"\", \"" + PASSWORD_USER + "\": \"" + password + "\"}", STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            String log = logTail(directory, ChdbFront.LOG_FILES);
            deleteRecursively(directory);
            throw new IllegalStateException(e.getMessage() + " (" + installation.node() + ", "
                    + installation.packageDir() + "); its log:\n" + log, e);
        }
        TestingClickHouseServer server = new TestingClickHouseServer(ClickHouseEngine.CHDB, front.process(), directory,
                front.port(), -1, password, ChdbFront.LOG_FILES, front.packageVersion());
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
                throw new IllegalStateException(engine.kind() + " exited with " + process.exitValue()
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
                throw new IllegalStateException("interrupted while waiting for " + engine.kind(), e);
            }
            sleep(100);
        }
        String log = logTail();
        close();
        throw new IllegalStateException(engine.kind() + " did not answer on " + httpUrl() + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its log:\n" + log);
    }

    private String askVersion() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl() + "/?query="
                + URLEncoder.encode("SELECT version()", StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(engine.kind() + " at " + httpUrl() + " refused SELECT version(): "
                        + response.body().strip());
            }
            return response.body().strip();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(engine.kind() + " at " + httpUrl() + " did not answer SELECT version()", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while asking " + engine.kind() + " for its version", e);
        }
    }

    /**
     * The engine running behind {@link #httpUrl()}.
     *
     * @return the engine
     */
    public ClickHouseEngine engine() {
        return engine;
    }

    /**
     * The ClickHouse version the server reports ({@code SELECT version()}).
     *
     * @return e.g. {@code 18.16.1} or {@code 26.7.2.1}
     */
    public String version() {
        return version;
    }

    /**
     * What runs here, honestly named, for test names and reports.
     *
     * @return e.g. {@code ClickHouse 26.7.2.1 engine (chdb 3.4.0) behind a test HTTP front} or
     *     {@code clickhouse-server 18.16.1 (child process)}
     */
    public String describe() {
        return switch (engine) {
            case SERVER -> "clickhouse-server " + version + " (child process)";
            case CHDB -> "ClickHouse " + version + " engine (chdb " + engineVersion + ") behind a test HTTP front";
        };
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
     * The native-protocol port of a {@link ClickHouseEngine#SERVER}.
     *
     * @return the port
     * @throws IllegalStateException for {@link ClickHouseEngine#CHDB}, which has only the HTTP front
     */
    public int tcpPort() {
        if (tcpPort < 0) {
            throw new IllegalStateException(describe() + " has no native-protocol port: only its HTTP front listens");
        }
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
        return logTail(directory, logFiles);
    }

    private static String logTail(Path directory, List<String> names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
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

    @Override
    public String toString() {
        return describe() + " at " + httpUrl();
    }

    private static Path createDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for ClickHouse", e);
        }
    }

    private static String newPassword() {
        return "pw-" + Long.toHexString(System.nanoTime());
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
