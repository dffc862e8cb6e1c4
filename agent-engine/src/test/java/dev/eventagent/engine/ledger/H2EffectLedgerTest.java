package dev.eventagent.engine.ledger;

import java.nio.file.Path;

/** The ledger on its embedded default, an H2 file database. */
class H2EffectLedgerTest extends EffectLedgerContract {

    @Override
    String url(Path temp) {
        return "jdbc:h2:file:" + temp.resolve("ledger") + ";WRITE_DELAY=0";
    }

    @Override
    String user() {
        return "";
    }
}
