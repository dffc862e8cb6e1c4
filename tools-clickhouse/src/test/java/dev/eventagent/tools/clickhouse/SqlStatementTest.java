package dev.eventagent.tools.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One statement, two renderings: query parameters for current servers, literals for 18.16. */
class SqlStatementTest {

    private final SqlStatement statement = SqlStatement.of("SELECT count() FROM t WHERE project_id = ")
            .string("o'brien\\x").sql(" AND at >= ").dateTime(Instant.ofEpochSecond(1_778_400_000L))
            .sql(" AND n < ").integer(-5).sql(" AND env IN ").strings(List.of("prod", "production"));

    @Test
    void rendersPlaceholdersAndSendsTheValuesApart() {
        SqlStatement.Rendered rendered = statement.render(true);

        assertThat(rendered.sql()).isEqualTo("SELECT count() FROM t WHERE project_id = {p0:String} AND at >= "
                + "toDateTime({p1:Int64}) AND n < {p2:Int64} AND env IN ({p3:String}, {p4:String})");
        assertThat(rendered.parameters()).containsExactly(Map.entry("p0", "o'brien\\\\x"),
                Map.entry("p1", "1778400000"), Map.entry("p2", "-5"), Map.entry("p3", "prod"),
                Map.entry("p4", "production"));
    }

    @Test
    void rendersLiteralsForServersWithoutParameters() {
        SqlStatement.Rendered rendered = statement.render(false);

        assertThat(rendered.sql()).isEqualTo("SELECT count() FROM t WHERE project_id = 'o\\'brien\\\\x' AND at >= "
                + "toDateTime(1778400000) AND n < -5 AND env IN ('prod', 'production')");
        assertThat(rendered.parameters()).isEmpty();
    }

    @Test
    void escapesWhatTheServerReadsAsStructureInAParameter() {
        assertThat(SqlStatement.parameterText("plain 'quoted' \"x\" 😀")).isEqualTo("plain 'quoted' \"x\" 😀");
        assertThat(SqlStatement.parameterText("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\re");
    }

    @Test
    void anEmptyInListIsRefused() {
        assertThatThrownBy(() -> SqlStatement.of("x IN ").strings(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
    }
}
