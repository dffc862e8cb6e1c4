package dev.eventagent.tools.neo4j;

import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.args;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.query;
import static dev.eventagent.tools.neo4j.Neo4jToolsFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** add_contribution_relationship: the two bugs of the seed, and counting under concurrency. */
class ContributionTest {

    private static final String TOOL = "add_contribution_relationship";
    private static Neo4jToolsFixture tools;

    @BeforeAll
    static void open() throws Exception {
        tools = Neo4jToolsFixture.open();
    }

    @AfterAll
    static void close() {
        tools.close();
    }

    @Test
    void createsTheDeveloperAndProjectWhenNeitherExistsYet() {
        String email = unique("newcomer") + "@example.com";
        String project = unique("acme/new-service");

        Map<String, Object> result = tools.call(TOOL, contribution(email, project, 2, 1, 0));

        assertThat(result).containsEntry("applied", true).containsEntry("commits", 2L)
                .containsEntry("prs", 1L).containsEntry("reviews", 0L);
        assertThat(query("""
                MATCH (d:Developer {email: $email})-[c:CONTRIBUTES_TO]->(p:Project {project_id: $project})
                RETURN c.commits AS commits, c.prs AS prs, c.reviews AS reviews
                """, "email", email, "project", project))
                .containsExactly(Map.of("commits", 2L, "prs", 1L, "reviews", 0L));
    }

    @Test
    void addsEachEventOnceHoweverOftenItIsDelivered() {
        String email = unique("dev") + "@example.com";
        String project = unique("project");
        String first = unique("event") + ":store:contribution[0]";
        String second = unique("event") + ":store:contribution[0]";

        tools.call(TOOL, contribution(email, project, 3, 1, 2), first);
        tools.call(TOOL, contribution(email, project, 1, 0, 0), second);
        Map<String, Object> redelivered = tools.call(TOOL, contribution(email, project, 3, 1, 2), first);
        tools.call(TOOL, contribution(email, project, 1, 0, 0), second);

        assertThat(redelivered).containsEntry("applied", false).containsEntry("commits", 4L)
                .containsEntry("prs", 1L).containsEntry("reviews", 2L);
        assertThat(counters(email, project)).isEqualTo(List.of(4L, 1L, 2L));
        assertThat(query("MATCH (e:AppliedEffect {key: $key}) RETURN e.tool AS tool, e.event_id AS event",
                "key", first)).containsExactly(Map.of("tool", TOOL, "event", first.split(":")[0]));
    }

    @Test
    void countsAbsentMetricsAsZero() {
        String email = unique("dev") + "@example.com";
        String project = unique("project");

        tools.call(TOOL, args("developer_email", email, "project_id", project, "metrics", args("reviews", 5)));

        assertThat(counters(email, project)).isEqualTo(List.of(0L, 0L, 5L));
    }

    @Test
    void concurrentEventsAllCountAndConcurrentRedeliveriesCountOnce() throws Exception {
        String email = unique("busy") + "@example.com";
        String project = unique("project");
        String sharedKey = unique("event") + ":store:contribution[0]";
        int distinctEvents = 16;
        int redeliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Object>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < distinctEvents; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tools.call(TOOL, contribution(email, project, 1, 0, 0));
                }));
            }
            List<Future<Map<String, Object>>> sameEvent = new ArrayList<>();
            for (int i = 0; i < redeliveries; i++) {
                sameEvent.add(pool.submit(() -> {
                    start.await();
                    return tools.call(TOOL, contribution(email, project, 0, 1, 0), sharedKey);
                }));
            }
            start.countDown();
            for (Future<Map<String, Object>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).containsEntry("applied", true);
            }
            long applied = 0;
            for (Future<Map<String, Object>> result : sameEvent) {
                applied += Boolean.TRUE.equals(result.get(60, TimeUnit.SECONDS).get("applied")) ? 1 : 0;
            }
            assertThat(applied).as("deliveries of one event that counted").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(counters(email, project)).isEqualTo(List.of((long) distinctEvents, 1L, 0L));
        assertThat(query("""
                MATCH (:Developer {email: $email})-[c:CONTRIBUTES_TO]->(:Project {project_id: $project})
                RETURN count(c) AS relationships
                """, "email", email, "project", project)).containsExactly(Map.of("relationships", 1L));
        assertThat(query("MATCH (d:Developer {email: $email}) RETURN count(d) AS developers", "email", email))
                .containsExactly(Map.of("developers", 1L));
    }

    private static Map<String, Object> contribution(String email, String project, int commits, int prs, int reviews) {
        return args("developer_email", email, "project_id", project,
                "metrics", args("commits", commits, "prs", prs, "reviews", reviews));
    }

    private static List<Long> counters(String email, String project) {
        Map<String, Object> row = query("""
                MATCH (:Developer {email: $email})-[c:CONTRIBUTES_TO]->(:Project {project_id: $project})
                RETURN c.commits AS commits, c.prs AS prs, c.reviews AS reviews
                """, "email", email, "project", project).get(0);
        return List.of((Long) row.get("commits"), (Long) row.get("prs"), (Long) row.get("reviews"));
    }
}
