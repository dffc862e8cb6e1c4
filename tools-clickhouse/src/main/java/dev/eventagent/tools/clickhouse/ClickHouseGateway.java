package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.ToolException;
import java.io.ByteArrayInputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's one connection to ClickHouse: a pooled client-v2 HTTP client, used only with
 * JSONEachRow (in for inserts, out for queries, both written into the statement) and
 * portable SQL. Failures come out as {@link ToolException}s of the right category
 * ({@link ClickHouseFailures}); the client itself never retries (the engine does).
 *
 * <p>Every statement names its database ({@code `db`.`table`}), and no request sends
 * {@code X-ClickHouse-Database}: current servers honour that header and refuse a database that
 * does not exist yet (Code 81), which is what {@code CREATE DATABASE} and the version probe must
 * not depend on. The server's {@link ClickHouseDialect} (query parameters or literals) is read
 * once, on first use, and again by every health probe.
 *
 * <p>Nothing is sent before the first use, so the plugin starts while the server is down. With
 * bootstrap on, the first query or insert creates the schema first; until that succeeds, every
 * use tries again (and fails as its cause: transient while the server is unreachable).
 */
final class ClickHouseGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseGateway.class);
    private static final String PROBE = "SELECT version() AS version, toUInt8(count()) AS async_insert "
            + "FROM system.settings WHERE name = 'async_insert'";

    private final Client client;
    private final String url;
    private final String database;
    private final ClickHouseSchema schema;
    private volatile boolean schemaReady;
    private volatile ClickHouseDialect dialect;

    private ClickHouseGateway(Client client, String url, String database, ClickHouseSchema schema) {
        this.client = client;
        this.url = url;
        this.database = database;
        this.schema = schema;
        this.schemaReady = schema == null;
    }

    /**
     * Builds the client. Does not contact the server.
     *
     * @param settings the plugin settings; with {@code bootstrap} on, the schema is created on
     *     first use
     * @return the gateway
     */
    static ClickHouseGateway open(ClickHouseSettings settings) {
        requireNonNull(settings, "settings is null");
        Client client = new Client.Builder()
                .addEndpoint(settings.url())
                .setUsername(settings.username())
                .setPassword(settings.password())
                .setDefaultDatabase("") // no X-ClickHouse-Database header: statements name their database
                .compressServerResponse(settings.compression())
                .compressClientRequest(settings.compression())
                .useHttpCompression(false)
                .enableConnectionPool(true)
                .setMaxConnections(settings.maxConnections())
                .setConnectTimeout(settings.connectTimeout().toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(settings.socketTimeout().toMillis(), ChronoUnit.MILLIS)
                .setMaxRetries(0)
                .build();
        return new ClickHouseGateway(client, settings.url(), settings.database(),
                settings.bootstrap() ? new ClickHouseSchema(settings.database(), settings.tables()) : null);
    }

    /**
     * The server's address, for messages.
     *
     * @return the URL
     */
    String url() {
        return url;
    }

    /**
     * The database the tables live in.
     *
     * @return the database name
     */
    String database() {
        return database;
    }

    /**
     * Runs a statement that returns no rows (DDL).
     *
     * @param action what it does, for messages
     * @param sql the statement
     */
    void execute(String action, String sql) {
        CommandResponse response = null;
        try {
            response = client.execute(sql).get();
        } catch (Exception e) {
            throw ClickHouseFailures.classify(action, url, e);
        } finally {
            closeQuietly(response);
        }
    }

    /**
     * Runs a query and reads its rows; its values go as query parameters or literals, as the
     * server's {@link #dialect()} allows.
     *
     * @param action what it asks, for messages
     * @param statement a SELECT without a FORMAT clause; {@code FORMAT JSONEachRow} is appended
     * @return one JSON object per row
     */
    List<JsonNode> select(String action, SqlStatement statement) {
        ensureSchema();
        SqlStatement.Rendered rendered = statement.render(dialect().queryParameters());
        return query(action, rendered.sql(), rendered.parameters());
    }

    private List<JsonNode> query(String action, String sql, Map<String, Object> parameters) {
        QueryResponse response = null;
        try {
            response = client.query(sql + "\nFORMAT JSONEachRow", parameters.isEmpty() ? null : parameters,
                    new QuerySettings()).get();
            return JsonEachRow.decode(response.getInputStream());
        } catch (Exception e) {
            throw ClickHouseFailures.classify(action, url, e);
        } finally {
            closeQuietly(response);
        }
    }

    /**
     * Inserts rows in one request.
     *
     * @param table the table, unqualified (it is in {@link #database()})
     * @param jsonEachRow the rows, one JSON object per line
     */
    void insert(String table, byte[] jsonEachRow) {
        ensureSchema();
        InsertSettings settings = new InsertSettings();
        if (dialect().asyncInsertSetting()) {
            settings.serverSetting("async_insert", "0"); // stored when the insert returns, whatever the profile says
        }
        InsertResponse response = null;
        try {
            // completes when the server has written the rows
            response = client.insert(SqlLiterals.table(database, table), new ByteArrayInputStream(jsonEachRow),
                    ClickHouseFormat.JSONEachRow, settings).get();
        } catch (Exception e) {
            throw ClickHouseFailures.classify("insert into " + database + "." + table, url, e);
        } finally {
            closeQuietly(response);
        }
    }

    /**
     * The server's version, e.g. {@code 18.16.1}, asked now.
     *
     * @return the version
     */
    String serverVersion() {
        return probe().version();
    }

    /**
     * What the server supports, asked once and remembered (a health probe asks again).
     *
     * @return the dialect
     */
    ClickHouseDialect dialect() {
        ClickHouseDialect known = dialect;
        return known != null ? known : probe();
    }

    /**
     * Asks the server for its version and settings, and remembers the answer.
     *
     * @return the dialect
     */
    ClickHouseDialect probe() {
        List<JsonNode> rows = query("read the server version", PROBE, Map.of());
        ClickHouseDialect probed = ClickHouseDialect.of(rows.isEmpty() ? "unknown" : rows.get(0).path("version")
                .asText("unknown"), !rows.isEmpty() && JsonEachRow.longValue(rows.get(0), "async_insert") > 0);
        ClickHouseDialect before = dialect;
        if (before == null || !before.equals(probed)) {
            LOG.info("ClickHouse at {} is version {}: values are sent as {}{}", url, probed.version(), probed.valuesAs(),
                    probed.asyncInsertSetting() ? "; inserts are synchronous (async_insert = 0)" : "");
        }
        dialect = probed;
        return probed;
    }

    /**
     * Whether the schema is known to be in place (always true with bootstrap off).
     *
     * @return true once bootstrap succeeded
     */
    boolean schemaReady() {
        return schemaReady;
    }

    /** Creates the schema unless that has succeeded before; concurrent first uses wait for one try. */
    private void ensureSchema() {
        if (schemaReady) {
            return;
        }
        synchronized (this) {
            if (!schemaReady) {
                schema.bootstrap(this);
                schemaReady = true;
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Releases a response's connection; a failure to do so changes nothing for the caller. */
    private static void closeQuietly(AutoCloseable response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the request itself succeeded or has already failed
        }
    }
}
