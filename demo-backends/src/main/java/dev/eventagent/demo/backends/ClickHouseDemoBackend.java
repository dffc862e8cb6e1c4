package dev.eventagent.demo.backends;

import dev.eventagent.api.LocalBackend;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ClickHouse for the clickhouse plugin: the server at {@code CLICKHOUSE_URL} when that is set,
 * else the machine's {@code clickhouse-server} started as a child process on 127.0.0.1; without
 * either the plugin is left out.
 */
public final class ClickHouseDemoBackend implements LocalBackend.Provider {

    @Override
    public String plugin() {
        return "clickhouse";
    }

    @Override
    public LocalBackend start(Path directory) throws LocalBackend.Unavailable {
        String configured = System.getenv("CLICKHOUSE_URL");
        if (configured != null && !configured.isBlank()) {
            return new Backend("the ClickHouse server at CLICKHOUSE_URL (" + configured + ")", configured, Map.of(),
                    null);
        }
        if (TestingClickHouseServer.serverCommand().isEmpty()) {
            throw new LocalBackend.Unavailable("no clickhouse-server on this machine; add it with: "
                    + "sudo apt-get install clickhouse-server (or set CLICKHOUSE_URL to a running server)");
        }
        TestingClickHouseServer server = TestingClickHouseServer.start();
        return new Backend("clickhouse-server (child process) at " + server.httpUrl(), server.httpUrl(),
                Map.of("url", server.httpUrl()), server);
    }

    private static final class Backend implements LocalBackend {

        private final String description;
        private final String url;
        private final Map<String, Object> settings;
        private final TestingClickHouseServer server;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Backend(String description, String url, Map<String, Object> settings, TestingClickHouseServer server) {
            this.description = description;
            this.url = url.endsWith("/") ? url : url + "/";
            this.settings = settings;
            this.server = server;
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public Map<String, Object> settings() {
            return settings;
        }

        @Override
        public List<String> report() throws IOException, InterruptedException {
            StringBuilder rows = new StringBuilder("rows:");
            tableRows().forEach((table, count) -> rows.append(' ').append(table).append('=').append(count));
            return List.of(rows.toString());
        }

        @Override
        public Map<String, Map<String, Long>> counts() throws IOException, InterruptedException {
            return Map.of("clickhouse", Map.of("rows", tableRows().values().stream().mapToLong(Long::longValue).sum()));
        }

        /** Rows per table of the plugin's database (after deduplication, for the Replacing tables). */
        private Map<String, Long> tableRows() throws IOException, InterruptedException {
            Map<String, Long> rows = new TreeMap<>();
            for (String line : query("SELECT name, engine FROM system.tables WHERE database = currentDatabase() "
                    + "ORDER BY name FORMAT TabSeparated")) {
                String[] columns = line.split("\t", 2);
                String table = "`" + columns[0].replace("\\", "\\\\").replace("`", "\\`") + "`";
                String finalSuffix = columns.length > 1 && columns[1].startsWith("Replacing") ? " FINAL" : "";
                List<String> count = query("SELECT count() FROM " + table + finalSuffix + " FORMAT TabSeparated");
                rows.put(columns[0], count.isEmpty() ? 0 : Long.parseLong(count.get(0).strip()));
            }
            return rows;
        }

        private List<String> query(String sql) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "?query="
                    + URLEncoder.encode(sql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET();
            String password = System.getenv("CLICKHOUSE_PASSWORD");
            if (server == null && password != null && !password.isEmpty()) {
                request.header("X-ClickHouse-Key", password);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("ClickHouse answered " + response.statusCode() + ": " + response.body().strip());
            }
            List<String> lines = new ArrayList<>();
            response.body().lines().filter(line -> !line.isEmpty()).forEach(lines::add);
            return lines;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
