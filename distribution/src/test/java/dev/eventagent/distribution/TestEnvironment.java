package dev.eventagent.distribution;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine running the tests offers. */
final class TestEnvironment {

    private TestEnvironment() {
    }

    /**
     * Whether the tests must see ClickHouse: on CI ({@code CI=true}, where {@code .ci/run}
     * installs it) or wherever {@code clickhouse-server} is installed.
     *
     * @return whether ClickHouse is expected
     */
    static boolean clickHouseExpected() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Files.isExecutable(Path.of("/usr/bin/clickhouse-server"))
                || Files.isExecutable(Path.of("/usr/bin/clickhouse"));
    }
}
