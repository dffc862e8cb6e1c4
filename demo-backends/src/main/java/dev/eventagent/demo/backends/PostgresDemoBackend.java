package dev.eventagent.demo.backends;

import dev.eventagent.api.LocalBackend;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An embedded PostgreSQL 15 (zonky binaries) on 127.0.0.1 for the postgres plugin. */
public final class PostgresDemoBackend implements LocalBackend.Provider {

    @Override
    public String plugin() {
        return "postgres";
    }

    @Override
    public LocalBackend start(Path directory) {
        TestingPostgresServer server = TestingPostgresServer.start();
        String database = server.createDatabase("demo");
        return new LocalBackend() {
            @Override
            public String describe() {
                return "embedded PostgreSQL 15 at " + server.jdbcUrl(database);
            }

            @Override
            public Map<String, Object> settings() {
                return Map.of("jdbc-url", server.jdbcUrl(database), "username", TestingPostgresServer.USER,
                        "password", "");
            }

            @Override
            public List<String> report() {
                List<String> lines = new ArrayList<>();
                StringBuilder rows = new StringBuilder("rows:");
                tableRows().forEach((name, count) -> rows.append(' ').append(name).append('=').append(count));
                lines.add(rows.toString());
                if (server.query(database, "SELECT to_regclass('public.task_assignments') IS NOT NULL AS present")
                        .get(0).get("present") != Boolean.TRUE) {
                    return lines;
                }
                for (Map<String, Object> row : server.query(database, "SELECT issue_key, assignee_email, reason "
                        + "FROM task_assignments ORDER BY assigned_at LIMIT 10")) {
                    lines.add("assignment " + row.get("issue_key") + " -> " + row.get("assignee_email") + " ("
                            + row.get("reason") + ")");
                }
                return lines;
            }

            @Override
            public Map<String, Map<String, Long>> counts() {
                return Map.of("postgres", Map.of("rows", tableRows().values().stream().mapToLong(Long::longValue).sum()));
            }

            /** Rows per table of the public schema. */
            private Map<String, Long> tableRows() {
                Map<String, Long> rows = new TreeMap<>();
                for (Map<String, Object> table : server.query(database, "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                    String name = String.valueOf(table.get("table_name"));
                    Object count = server.query(database, "SELECT count(*) AS n FROM \"" + name.replace("\"", "\"\"")
                            + "\"").get(0).get("n");
                    rows.put(name, ((Number) count).longValue());
                }
                return rows;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
