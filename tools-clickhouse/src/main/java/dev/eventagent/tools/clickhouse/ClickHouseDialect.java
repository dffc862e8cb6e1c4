package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server at hand supports, told apart once by its version (and its settings):
 * <ul>
 *   <li>server-side query parameters ({@code {name:Type}} placeholders and {@code param_<name>}
 *       values over HTTP) came with ClickHouse 19.11 ("support for prepared statements",
 *       ClickHouse#5331, release 19.11.3.11 of 2019-07-18); 18.16 refuses {@code param_x} as an
 *       unknown setting, so values are written as escaped literals there;</li>
 *   <li>the {@code async_insert} setting exists on servers that have asynchronous inserts (on by
 *       default since 26.2); the plugin's inserts turn it off where it exists, so an insert returns
 *       only when its rows are in the table, whatever the server's profile says.</li>
 * </ul>
 *
 * @param version the server's version, e.g. {@code 26.7.2.1}
 * @param queryParameters whether values travel as server-side query parameters
 * @param asyncInsertSetting whether the server has the {@code async_insert} setting
 */
record ClickHouseDialect(String version, boolean queryParameters, boolean asyncInsertSetting) {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    ClickHouseDialect {
        requireNonNull(version, "version is null");
    }

    /**
     * The dialect of a server.
     *
     * @param version what {@code SELECT version()} answered
     * @param asyncInsertSetting whether {@code system.settings} lists {@code async_insert}
     * @return the dialect; a version that cannot be read gets the literals that every server takes
     */
    static ClickHouseDialect of(String version, boolean asyncInsertSetting) {
        Matcher matcher = MAJOR_MINOR.matcher(version.trim());
        boolean parameters = false;
        if (matcher.find()) {
            int major = Integer.parseInt(matcher.group(1));
            int minor = Integer.parseInt(matcher.group(2));
            parameters = major > 19 || (major == 19 && minor >= 11);
        }
        return new ClickHouseDialect(version.trim(), parameters, asyncInsertSetting);
    }

    /**
     * How values reach this server, for health and logs.
     *
     * @return e.g. {@code server-side query parameters}
     */
    String valuesAs() {
        return queryParameters ? "server-side query parameters" : "escaped literals (no query parameters before 19.11)";
    }
}
