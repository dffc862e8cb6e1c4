package dev.eventagent.testing.neo4j;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A real Neo4j 5.26 server embedded in this JVM (Neo4j's embedded API, {@code org.neo4j:neo4j},
 * without the test harness and its test libraries): Bolt only, on
 * {@code 127.0.0.1} and a random free port, no HTTP, authentication off, a small page cache, in a
 * temporary folder deleted on {@link #close()}.
 *
 * <p>Tests reach it over Bolt with the real driver ({@link #boltUri()}) and check what landed
 * with {@link #query(String, Map)}, which runs on the embedded database directly, so assertions
 * do not go through the code under test.
 *
 * <p>The Bolt server's Netty shutdown quiet period
 * ({@code internal.dbms.bolt.netty_server_shutdown_quiet_period}, 5 s by default) and the waits
 * for Bolt threads and connections are set to zero, so closing takes about a second.
 *
 * <p>Needs {@code org.neo4j:neo4j} on the classpath: it is an optional dependency of
 * agent-testing-servers, which a module using this class declares itself.
 */
public final class TestingNeo4jServer implements AutoCloseable {

    private static TestingNeo4jServer shared;

    private final DatabaseManagementService service;
    private final GraphDatabaseService database;
    private final URI boltUri;
    private final Path home;

    private TestingNeo4jServer(DatabaseManagementService service, URI boltUri, Path home) {
        this.service = service;
        this.database = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        this.boltUri = boltUri;
        this.home = home;
    }

    /**
     * Starts a server of its own; the caller closes it.
     *
     * @return the running server
     */
    public static TestingNeo4jServer start() {
        Path home;
        try {
            home = Files.createTempDirectory("testing-neo4j-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the testing Neo4j server", e);
        }
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 32L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .build();
        try {
            GraphDatabaseAPI system = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            HostnamePort bolt = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            return new TestingNeo4jServer(service, URI.create("bolt://" + bolt.getHost() + ":" + bolt.getPort()), home);
        } catch (RuntimeException e) {
            service.shutdown();
            deleteRecursively(home);
            throw e;
        }
    }

    /**
     * The server shared by every test of this JVM (one Surefire fork per module): started on
     * first use and closed when the JVM exits. Tests sharing it keep their data apart (unique
     * ids) or call {@link #clear()}.
     *
     * @return the shared running server
     */
    public static synchronized TestingNeo4jServer shared() {
        if (shared == null) {
            TestingNeo4jServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "testing-neo4j-shutdown"));
            shared = server;
        }
        return shared;
    }

    /**
     * Where the Bolt connector listens.
     *
     * @return e.g. {@code bolt://127.0.0.1:40123}
     */
    public URI boltUri() {
        return boltUri;
    }

    /**
     * The server's version, as {@code dbms.components()} reports it.
     *
     * @return e.g. {@code 5.26.18}
     */
    public String version() {
        return String.valueOf(query("CALL dbms.components() YIELD versions RETURN versions[0] AS version", Map.of())
                .get(0).get("version"));
    }

    /**
     * Runs Cypher on the embedded database in its own transaction, bypassing Bolt.
     *
     * @param cypher the statement
     * @param parameters its parameters
     * @return the rows, each column as plain Java values: nodes and relationships become their
     *     property maps, lists and maps are copied, everything else is as the embedded API gives it
     */
    public List<Map<String, Object>> query(String cypher, Map<String, Object> parameters) {
        requireNonNull(cypher, "cypher is null");
        requireNonNull(parameters, "parameters is null");
        return database.executeTransactionally(cypher, parameters, TestingNeo4jServer::rows);
    }

    /** Deletes every node and relationship (constraints and indexes stay). */
    public void clear() {
        query("MATCH (n) DETACH DELETE n", Map.of());
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() {
        try {
            service.shutdown();
        } finally {
            deleteRecursively(home);
        }
    }

    private static List<Map<String, Object>> rows(Result result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.hasNext()) {
            Map<String, Object> row = new LinkedHashMap<>();
            result.next().forEach((column, value) -> row.put(column, plain(value)));
            rows.add(row);
        }
        return rows;
    }

    private static Object plain(Object value) {
        if (value instanceof Entity entity) {
            return new LinkedHashMap<>(entity.getAllProperties());
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(plain(element)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put(String.valueOf(key), plain(element)));
            return copy;
        }
        return value;
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a leftover temporary file does not fail a test run
                }
            });
        } catch (IOException e) {
            // best effort, as above
        }
    }
}
