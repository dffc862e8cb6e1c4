package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** record_task_assignment and get_assignment_history against PostgreSQL. */
class AssignmentToolsTest {

    private static PostgresPluginFixture postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresPluginFixture.create("assignments");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aRedeliveredAssignmentIsRecordedOnce() {
        Map<String, Object> arguments = Map.of("issue_key", "PLAT-1", "assignee_email", "amy@example.com",
                "reason", "closest developer profile to the issue text (vector similarity)");
        Map<String, Object> first = postgres.call("record_task_assignment", "jira-42/assign/record", arguments);
        Map<String, Object> again = postgres.call("record_task_assignment", "jira-42/assign/record", arguments);

        assertThat(first).containsEntry("issue_key", "PLAT-1").containsEntry("assignee_email", "amy@example.com")
                .containsEntry("replayed", false);
        assertThat(again).containsEntry("replayed", true)
                .containsEntry("assignment_id", first.get("assignment_id"))
                .containsEntry("assigned_at", first.get("assigned_at"));
        assertThat(postgres.query("SELECT count(*) AS n FROM task_assignments WHERE issue_key = 'PLAT-1'"))
                .extracting(row -> row.get("n")).containsExactly(1L);
    }

    @Test
    void listsHistoryNewestFirstFilteredByDeveloperAndIssue() {
        postgres.call("record_task_assignment", Map.of("issue_key", "WEB-1", "assignee_email", "bob@example.com",
                "reason", "first"));
        postgres.call("record_task_assignment", Map.of("issue_key", "WEB-2", "assignee_email", "bob@example.com",
                "reason", "second"));
        postgres.call("record_task_assignment", Map.of("issue_key", "WEB-2", "assignee_email", "cyd@example.com",
                "reason", "reassigned"));

        assertThat(history(Map.of("email", "BOB@example.com"))).extracting(a -> a.get("issue_key"))
                .containsExactly("WEB-2", "WEB-1");
        assertThat(history(Map.of("issue_key", "WEB-2"))).extracting(a -> a.get("assignee_email"))
                .containsExactly("cyd@example.com", "bob@example.com");
        assertThat(history(Map.of("issue_key", "WEB-2", "email", "bob@example.com")))
                .extracting(a -> a.get("reason")).containsExactly("second");
        assertThat(history(Map.of("limit", 2))).hasSize(2);
        assertThat(history(Map.of("issue_key", "NOPE-1"))).isEmpty();
    }

    @Test
    void cutsLongReasonsInTheHistoryButStoresThemWhole() {
        String reason = "🙂 'long' reason; ".repeat(550);
        postgres.call("record_task_assignment", Map.of("issue_key", "LONG-1", "assignee_email", "amy@example.com",
                "reason", reason));
        List<Map<String, Object>> history = history(Map.of("issue_key", "LONG-1"));
        assertThat(history).singleElement().satisfies(assignment -> {
            assertThat(assignment).containsEntry("reason_truncated", true);
            String excerpt = (String) assignment.get("reason");
            assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(AssignmentTools.REASON_EXCERPT);
            assertThat(reason).startsWith(excerpt);
        });
        assertThat(postgres.query("SELECT reason FROM task_assignments WHERE issue_key = 'LONG-1'"))
                .extracting(row -> row.get("reason")).containsExactly(reason);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> arguments) {
        Map<String, Object> result = postgres.call("get_assignment_history", arguments);
        List<Map<String, Object>> assignments = (List<Map<String, Object>>) result.get("assignments");
        assertThat(result).containsEntry("count", assignments.size());
        return assignments;
    }
}
