package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time window of a READ tool: the last {@code days} days up to now (the engine's clock), in
 * whole seconds; both ends included.
 *
 * @param start the first second of the window
 * @param end now
 * @param days the window's length in days
 */
record QueryWindow(Instant start, Instant end, int days) {

    QueryWindow {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }

    /**
     * The last days up to now.
     *
     * @param clock the clock
     * @param days how many days
     * @return the window
     */
    static QueryWindow lastDays(Clock clock, int days) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new QueryWindow(end.minus(Duration.ofDays(days)), end, days);
    }

    /**
     * A condition on a DateTime column: within the window.
     *
     * @param column the column (or expression), from the tool's own SQL
     * @return e.g. {@code deployed_at >= toDateTime(…) AND deployed_at <= toDateTime(…)}
     */
    SqlStatement contains(String column) {
        return SqlStatement.of(column + " >= ").dateTime(start).sql(" AND " + column + " <= ").dateTime(end);
    }
}
