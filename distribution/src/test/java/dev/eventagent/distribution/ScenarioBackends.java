package dev.eventagent.distribution;

import dev.eventagent.testing.clickhouse.ClickHouseEngine;
import dev.eventagent.testing.clickhouse.TestingClickHouseServer;
import dev.eventagent.testing.github.TestingGitHubServer;
import dev.eventagent.testing.jira.TestingJiraServer;
import dev.eventagent.testing.kafka.EmbeddedKafkaBroker;
import dev.eventagent.testing.llm.ScriptedModelServer;
import dev.eventagent.testing.mail.TestingMailServer;
import dev.eventagent.testing.neo4j.TestingNeo4jServer;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import dev.eventagent.testing.slack.TestingSlackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every real component of the scenarios, started once: a KRaft broker, Neo4j, PostgreSQL,
 * ClickHouse (each engine the runs ask for, started on first use), and the local servers speaking
 * Pinecone's, Slack's, GitHub's, Jira's and an OpenAI-compatible model's wire protocols, plus an
 * SMTP server. Each run (a planner mode on a ClickHouse engine) gets stores of its own: a
 * database, an index, a topic; the SaaS stand-ins are reset.
 */
final class ScenarioBackends implements AutoCloseable {

    final EmbeddedKafkaBroker kafka;
    final TestingNeo4jServer neo4j;
    final TestingPostgresServer postgres;
    private final Map<ClickHouseEngine, TestingClickHouseServer> clickhouseServers = new EnumMap<>(ClickHouseEngine.class);
    /** The ClickHouse of the current run. */
    TestingClickHouseServer clickhouse;
    final TestingPineconeServer pinecone;
    final TestingSlackServer slack;
    final TestingGitHubServer github;
    final TestingMailServer mail;
    final ScriptedModelServer model;
    TestingJiraServer jira;
    String postgresDatabase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ScenarioBackends(Path kafkaDir) {
        kafka = EmbeddedKafkaBroker.start(kafkaDir);
        neo4j = TestingNeo4jServer.start();
        postgres = TestingPostgresServer.start();
        pinecone = new TestingPineconeServer();
        slack = TestingSlackServer.start();
        github = TestingGitHubServer.start();
        mail = TestingMailServer.start();
        model = ScriptedModelServer.start();
    }

    /**
     * Fresh stores for one run, and the plugin settings that point at them.
     *
     * @param run the run's name, e.g. {@code rules-chdb} (lower case, digits and hyphens)
     * @param engine the ClickHouse engine of the run: started now unless an earlier run started it;
     *     a missing engine fails the run in CI and skips it elsewhere
     * @return settings under {@code agent.plugins}
     */
    Map<String, Object> freshStores(String run, ClickHouseEngine engine) {
        clickhouse = clickhouseServers.computeIfAbsent(engine, TestingClickHouseServer::start);
        neo4j.clear();
        slack.reset();
        slack.acceptEveryUser(true);
        github.reset();
        mail.reset();
        model.reset();
        if (jira != null) {
            jira.close();
        }
        jira = TestingJiraServer.start();
        jira.seedSampleData();
        clickhouseQuery("DROP DATABASE IF EXISTS " + database(run));

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("neo4j.uri", neo4j.boltUri().toString());
        settings.put("neo4j.password", "");
        postgresDatabase = postgres.createDatabase(database(run));
        settings.put("postgres.jdbc-url", postgres.jdbcUrl(postgresDatabase));
        settings.put("postgres.username", TestingPostgresServer.USER);
        settings.put("postgres.password", "");
        settings.put("clickhouse.url", clickhouse.httpUrl());
        settings.put("clickhouse.database", database(run));
        settings.put("clickhouse.batch.max-delay", "20ms");
        pinecone.pluginSettings().forEach((key, value) -> settings.put("pinecone." + key, value));
        settings.put("pinecone.index", "scenario-" + run);
        slack.pluginSettings().forEach((key, value) -> settings.put("notify." + key, value));
        github.pluginSettings().forEach((key, value) -> settings.put("notify." + key, value));
        mail.pluginSettings().forEach((key, value) -> settings.put("notify." + key, value));
        jira.pluginSettings().forEach((key, value) -> settings.put("jira." + key, value));
        return settings;
    }

    static String database(String run) {
        return "scenario_" + run.replace('-', '_');
    }

    /**
     * One number from ClickHouse.
     *
     * @param sql a query answering one value
     * @return the value
     */
    long clickhouseCount(String sql) {
        return Long.parseLong(clickhouseQuery(sql + " FORMAT TabSeparated").strip());
    }

    String clickhouseQuery(String sql) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clickhouse.httpUrl() + "/?query="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse: " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The contribution counters of a developer to a project, or an empty map. */
    Map<String, Object> contribution(String email, String project) {
        List<Map<String, Object>> rows = neo4j.query("MATCH (:Developer {email: $email})-[c:CONTRIBUTES_TO]->"
                + "(:Project {project_id: $project}) RETURN c.commits AS commits, c.prs AS prs", Map.of("email", email,
                        "project", project));
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    @Override
    public void close() {
        List<AutoCloseable> closeables = new ArrayList<>(Arrays.asList(model, mail, github, slack, jira, pinecone));
        closeables.addAll(clickhouseServers.values());
        closeables.addAll(Arrays.asList(postgres, neo4j, kafka));
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + closeable + ": " + e);
            }
        }
    }
}
