package dev.eventagent.tools.clickhouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times and figures as the plugin writes and reports them. */
final class ClickHouseTime {

    /** How a DateTime('UTC') column reads text, in every ClickHouse version. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ClickHouseTime() {
    }

    /**
     * The text a {@code DateTime('UTC')} column reads.
     *
     * @param instant the instant (truncated to seconds)
     * @return e.g. {@code 2024-05-01 12:00:00}
     */
    static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /**
     * An ISO-8601 instant from epoch seconds.
     *
     * @param epochSeconds the seconds
     * @return e.g. {@code 2024-05-01T12:00:00Z}
     */
    static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /**
     * Rounds half up.
     *
     * @param value the value
     * @param decimals how many decimals to keep
     * @return the rounded value
     */
    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Seconds as hours, rounded to two decimals.
     *
     * @param seconds the seconds (may have a half, from a median)
     * @return the hours
     */
    static double hours(double seconds) {
        return round(seconds / Duration.ofHours(1).toSeconds(), 2);
    }
}
