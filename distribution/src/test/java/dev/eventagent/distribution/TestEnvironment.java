package dev.eventagent.distribution;

import dev.eventagent.testing.clickhouse.ClickHouseEngine;

/** What the machine running the tests offers. */
final class TestEnvironment {

    private TestEnvironment() {
    }

    /**
     * Whether the tests must see a ClickHouse engine: on CI ({@code CI=true}, where {@code .ci/run}
     * installs both) or wherever the engine is installed (found the way the testkit's
     * TestingClickHouseServer finds it).
     *
     * @param engine the engine
     * @return whether that engine is expected
     */
    static boolean clickHouseExpected(ClickHouseEngine engine) {
        return "true".equalsIgnoreCase(System.getenv("CI")) || engine.isInstalled();
    }
}
