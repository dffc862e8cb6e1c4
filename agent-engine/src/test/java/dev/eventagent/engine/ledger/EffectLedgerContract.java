package dev.eventagent.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.engine.ledger.EffectLedger.Prior;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's SQL and pool on both databases it supports, run by {@link H2EffectLedgerTest} (the
 * embedded default) and {@link PostgresEffectLedgerTest}.
 */
abstract class EffectLedgerContract {

    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @TempDir
    Path temp;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    /** The URL of an empty database, the same on every call of one test. */
    abstract String url(Path temp);

    abstract String user();

    private String url;

    /** The database's URL for this test. */
    String url() {
        if (url == null) {
            url = url(temp);
        }
        return url;
    }

    JdbcEffectLedger open() {
        return JdbcEffectLedger.open(url(), user(), "", 2, CONNECTION_TIMEOUT, clock, meters);
    }

    @Test
    void concurrentCallersShareThePoolAndEachKeyBeginsOnce() throws Exception {
        try (JdbcEffectLedger ledger = open()) {
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<EffectLedger.Begun>> begun = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    String key = "k" + (i % 16);
                    begun.add(callers.submit(() -> ledger.begin(key, "e", "t")));
                }
                int first = 0;
                for (Future<EffectLedger.Begun> b : begun) {
                    first += b.get(1, TimeUnit.MINUTES).prior() == Prior.NONE ? 1 : 0;
                }
                assertThat(first).as("one NONE per key, whoever comes first").isEqualTo(16);
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void thePoolIsMeasuredWhileOpenAndItsMetersGoWithIt() {
        try (JdbcEffectLedger ledger = open()) {
            ledger.begin("k", "e", "t");
            assertThat(meters.get("hikaricp.connections.max").tag("pool", JdbcEffectLedger.POOL_NAME).gauge().value())
                    .isEqualTo(2.0);
            assertThat(meters.get("hikaricp.connections.usage").tag("pool", JdbcEffectLedger.POOL_NAME).timer()
                    .count()).isPositive();
        }
        assertThat(meters.find("hikaricp.connections.max").gauges()).isEmpty();
    }

    @Test
    void anEffectIsPendingThenDoneAndSurvivesAReopen() {
        try (JdbcEffectLedger ledger = open()) {
            assertThat(ledger.begin("e1/r/s/c", "e1", "send_slack_notification").prior()).isEqualTo(Prior.NONE);
            assertThat(ledger.begin("e1/r/s/c", "e1", "send_slack_notification").prior()).isEqualTo(Prior.PENDING);
            ledger.complete("e1/r/s/c", Map.of("ts", "1700000000.000100", "quote", "it's \"done\" 🔥"));
        }
        try (JdbcEffectLedger reopened = open()) {
            EffectLedger.Begun begun = reopened.begin("e1/r/s/c", "e1", "send_slack_notification");
            assertThat(begun.prior()).isEqualTo(Prior.DONE);
            assertThat(begun.result()).containsEntry("quote", "it's \"done\" 🔥");
        }
    }

    @Test
    void anAbandonedEffectCanStartAgainButADoneOneCannotBeAbandoned() {
        try (JdbcEffectLedger ledger = open()) {
            ledger.begin("k1", "e", "t");
            ledger.abandon("k1");
            assertThat(ledger.begin("k1", "e", "t").prior()).isEqualTo(Prior.NONE);
            ledger.complete("k1", Map.of());
            ledger.abandon("k1");
            assertThat(ledger.begin("k1", "e", "t").prior()).isEqualTo(Prior.DONE);
        }
    }

    @Test
    void theFirstRecordedPlanWins() {
        try (JdbcEffectLedger ledger = open()) {
            assertThat(ledger.recordedPlan("e", 0)).isEmpty();
            ledger.recordPlan("e", 0, "{\"first\":true}");
            ledger.recordPlan("e", 0, "{\"second\":true}");
            ledger.recordPlan("e", 1, "{\"round\":1}");
            assertThat(ledger.recordedPlan("e", 0)).contains("{\"first\":true}");
            assertThat(ledger.recordedPlan("e", 1)).contains("{\"round\":1}");
        }
    }

    @Test
    void entriesExpireAfterTheRetention() {
        try (JdbcEffectLedger ledger = open()) {
            ledger.begin("old", "e1", "t");
            ledger.recordPlan("e1", 0, "{}");
            now.set(now.get().plus(Duration.ofDays(8)));
            ledger.begin("new", "e2", "t");
            assertThat(ledger.expire(Duration.ofDays(7))).isEqualTo(2);
            assertThat(ledger.begin("old", "e1", "t").prior()).isEqualTo(Prior.NONE);
            assertThat(ledger.begin("new", "e2", "t").prior()).isEqualTo(Prior.PENDING);
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedAtStartUp() {
        assertThatThrownBy(() -> JdbcEffectLedger.open("jdbc:postgresql://127.0.0.1:1/agent", "u", "p", 1,
                CONNECTION_TIMEOUT, clock, meters))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open the effect ledger at jdbc:postgresql://127.0.0.1:1/agent")
                .hasMessageContaining("agent.ledger.url");
    }
}
