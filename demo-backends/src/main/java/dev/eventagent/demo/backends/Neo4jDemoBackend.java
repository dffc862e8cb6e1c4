package dev.eventagent.demo.backends;

import dev.eventagent.api.LocalBackend;
import dev.eventagent.testing.neo4j.TestingNeo4jServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An embedded Neo4j 5.26 (Neo4j's embedded database) with Bolt on 127.0.0.1 for the neo4j plugin. */
public final class Neo4jDemoBackend implements LocalBackend.Provider {

    @Override
    public String plugin() {
        return "neo4j";
    }

    @Override
    public LocalBackend start(Path directory) {
        TestingNeo4jServer server = TestingNeo4jServer.start();
        return new LocalBackend() {
            @Override
            public String describe() {
                return "embedded Neo4j " + server.version() + " at " + server.boltUri();
            }

            @Override
            public Map<String, Object> settings() {
                return Map.of("uri", server.boltUri().toString(), "username", "neo4j", "password", "");
            }

            @Override
            public List<String> report() {
                List<String> lines = new ArrayList<>();
                StringBuilder nodes = new StringBuilder("nodes:");
                for (Map<String, Object> row : server.query("MATCH (n) WHERE NOT n:AppliedEffect UNWIND labels(n) AS label "
                        + "RETURN label, count(*) AS n ORDER BY label", Map.of())) {
                    nodes.append(' ').append(row.get("label")).append('=').append(row.get("n"));
                }
                StringBuilder relationships = new StringBuilder("relationships:");
                for (Map<String, Object> row : server.query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n "
                        + "ORDER BY type", Map.of())) {
                    relationships.append(' ').append(row.get("type")).append('=').append(row.get("n"));
                }
                lines.add(nodes.toString());
                lines.add(relationships.toString());
                for (Map<String, Object> row : server.query("MATCH (d:Developer)-[c:CONTRIBUTES_TO]->(p:Project) "
                        + "RETURN d.email AS email, p.project_id AS project, c.commits AS commits, c.prs AS prs "
                        + "ORDER BY email, project LIMIT 10", Map.of())) {
                    lines.add("contribution " + row.get("email") + " -> " + row.get("project") + ": commits="
                            + row.get("commits") + " prs=" + row.get("prs"));
                }
                return lines;
            }

            @Override
            public Map<String, Map<String, Long>> counts() {
                long nodes = count("MATCH (n) WHERE NOT n:AppliedEffect RETURN count(n) AS n");
                long relationships = count("MATCH ()-[r]->() RETURN count(r) AS n");
                return Map.of("neo4j", Map.of("nodes", nodes, "relationships", relationships));
            }

            private long count(String cypher) {
                return ((Number) server.query(cypher, Map.of()).get(0).get("n")).longValue();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
