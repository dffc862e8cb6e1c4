package dev.eventagent.engine.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.TransientToolException;
import dev.eventagent.engine.ledger.EffectLedger.Prior;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The ledger on PostgreSQL (embedded server), including a database that goes away and comes back. */
class PostgresEffectLedgerTest extends EffectLedgerContract {

    private String database;

    @Override
    String url(Path temp) {
        TestingPostgresServer server = TestingPostgresServer.shared();
        database = server.createDatabase("ledger");
        return server.jdbcUrl(database);
    }

    @Override
    String user() {
        return TestingPostgresServer.USER;
    }

    @Test
    void whileTheDatabaseRefusesConnectionsCallsFailAsTransientAndThePoolRecoversAfterwards() {
        TestingPostgresServer server = TestingPostgresServer.shared();
        try (JdbcEffectLedger ledger = open()) {
            assertThat(ledger.begin("before", "e", "t").prior()).isEqualTo(Prior.NONE);

            server.executeDdl("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            server.query("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?",
                    database);
            assertThatThrownBy(() -> ledger.begin("during", "e", "t"))
                    .isInstanceOf(TransientToolException.class)
                    .hasMessageContaining("the effect ledger at " + url() + " failed");

            server.executeDdl("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            assertThat(firstAnswer(() -> ledger.begin("after", "e", "t"))).isEqualTo(Prior.NONE);
            assertThat(ledger.begin("before", "e", "t").prior()).isEqualTo(Prior.PENDING);
        }
    }

    /** The ledger's first answer once the pool has new connections (it refills in the background). */
    private static Prior firstAnswer(Supplier<EffectLedger.Begun> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.get().prior();
            } catch (TransientToolException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the ledger did not answer within 30 s after the database came back", e);
                }
            }
        }
    }
}
