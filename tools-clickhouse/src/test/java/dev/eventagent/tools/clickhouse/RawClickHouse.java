package dev.eventagent.tools.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain HTTP access to the testing server, independent of the plugin's client: what tests use to
 * look at the tables the tools wrote.
 */
final class RawClickHouse {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    RawClickHouse(String url) {
        this.url = url;
    }

    /** Runs a query and returns its rows. */
    List<JsonNode> rows(String sql) {
        String body = run(sql + "\nFORMAT JSONEachRow");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                try {
                    rows.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON: " + line, e);
                }
            }
        }
        return rows;
    }

    /** Runs a statement and returns the response body; fails on an HTTP error. */
    String run(String sql) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse said " + response.statusCode() + ": " + response.body()
                        + "\nfor: " + sql);
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The number of rows in a table as reads see them (FINAL: one per logical row). */
    long logicalRows(String database, String table) {
        return rows("SELECT count() AS n FROM `" + database + "`.`" + table + "` FINAL").get(0).path("n").asLong();
    }
}
