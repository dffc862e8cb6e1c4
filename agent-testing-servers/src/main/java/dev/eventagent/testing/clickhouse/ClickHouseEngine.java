package dev.eventagent.testing.clickhouse;

import dev.eventagent.testing.TestingServerUnavailableException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ClickHouse engines a {@link TestingClickHouseServer} can run. Tests choose one explicitly,
 * or take the one named by the system property {@value #PROPERTY} (a build runs its ClickHouse
 * tests once per engine by setting it).
 */
public enum ClickHouseEngine {

    /**
     * The machine's {@code clickhouse-server} as a child process: Debian's package, ClickHouse
     * 18.16.1 (2018), the only server apt offers.
     */
    SERVER("server", "clickhouse-server (child process)"),

    /**
     * The ClickHouse engine inside npm's {@code chdb} package ({@code libchdb.so}, ClickHouse
     * 26.7), which runs in-process only, behind the testkit's own HTTP front
     * ({@code chdb-http-front.js}, a Node.js child process speaking ClickHouse's HTTP interface).
     */
    CHDB("chdb", "ClickHouse engine (chdb) behind a test HTTP front");

    /** The system property that selects the engine of {@link TestingClickHouseServer#shared()}. */
    public static final String PROPERTY = "testing.clickhouse.engine";

    private final String key;
    private final String kind;

    ClickHouseEngine(String key, String kind) {
        this.key = key;
        this.kind = kind;
    }

    /**
     * The engine named by {@value #PROPERTY}: {@code server} (the default) or {@code chdb}.
     *
     * @return the engine
     * @throws IllegalStateException when the property names no engine
     */
    public static ClickHouseEngine selected() {
        String value = System.getProperty(PROPERTY, SERVER.key).trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(engine -> engine.key.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("-D" + PROPERTY + "=" + value + " names no ClickHouse "
                        + "engine; use one of " + Arrays.stream(values()).map(e -> e.key)
                                .collect(Collectors.joining(", "))));
    }

    /**
     * The name {@value #PROPERTY} takes.
     *
     * @return {@code server} or {@code chdb}
     */
    public String key() {
        return key;
    }

    /**
     * What the engine is, for test names and messages.
     *
     * @return e.g. {@code ClickHouse engine (chdb) behind a test HTTP front}
     */
    public String kind() {
        return kind;
    }

    /**
     * Whether this machine can run the engine.
     *
     * @return true when its binary (or package and {@code node}) is installed
     */
    public boolean isInstalled() {
        return switch (this) {
            case SERVER -> ClickHouseBinary.serverCommand().isPresent();
            case CHDB -> ChdbInstallation.find().isPresent();
        };
    }

    /**
     * Reports a missing engine: the testkit skips the test, or fails it under {@code CI=true}.
     *
     * @throws TestingServerUnavailableException always
     */
    void failOrSkipWhenMissing() {
        String message = switch (this) {
            case SERVER -> "No ClickHouse server binary found (looked for clickhouse-server and clickhouse in "
                    + "/usr/bin, /usr/sbin, /usr/local/bin and on PATH): " + ClickHouseBinary.INSTALL_HINT + ".";
            case CHDB -> ChdbInstallation.missing();
        };
        throw new TestingServerUnavailableException(message);
    }
}
