package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which servers get query parameters: 19.11 (the first with them) and later. */
class ClickHouseDialectTest {

    @Test
    void serversFrom19Point11OnTakeQueryParameters() {
        assertThat(ClickHouseDialect.of("18.16.1", false).queryParameters()).isFalse();
        assertThat(ClickHouseDialect.of("19.10.1.5", false).queryParameters()).isFalse();
        assertThat(ClickHouseDialect.of("19.11.3.11", false).queryParameters()).isTrue();
        assertThat(ClickHouseDialect.of("23.8.16.16", true).queryParameters()).isTrue();
        assertThat(ClickHouseDialect.of("26.7.2.1", true).queryParameters()).isTrue();
    }

    @Test
    void aVersionThatCannotBeReadGetsLiteralsWhichEveryServerTakes() {
        ClickHouseDialect dialect = ClickHouseDialect.of("unknown", false);

        assertThat(dialect.queryParameters()).isFalse();
        assertThat(dialect.valuesAs()).startsWith("escaped literals");
    }
}
