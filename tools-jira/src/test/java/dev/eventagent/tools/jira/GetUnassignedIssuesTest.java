package dev.eventagent.tools.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.testing.jira.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get_unassigned_issues through the real client against the testing Jira server. */
class GetUnassignedIssuesTest extends JiraPluginFixture {

    private static final String SEARCH = "/rest/api/3/search/jql";

    /** The open, unassigned issues of OPS, newest first. */
    private final List<String> openUnassigned = new ArrayList<>();

    @BeforeAll
    void seedOps() {
        String owner = jira.user("owner@company.com", "Owner").accountId();
        for (int i = 1; i <= 150; i++) {
            String status = i % 10 == 0 ? "Done" : i % 7 == 0 ? "In Progress" : "To Do";
            String key = "OPS-" + i;
            jira.issue(key, "Ops task " + i + " with \"quotes\" & <tags>", status, i % 3 == 0 ? "High" : "Medium");
            if (i % 5 == 0 && i % 10 != 0) {
                jira.setAssignee(key, owner);
            } else if (!status.equals("Done")) {
                openUnassigned.add(0, key);
            }
        }
        jira.issue("PROJ-5000", "The only open issue of PROJ in this test", "In Progress", "Low");
    }

    @Test
    void followsNextPageTokensUpToTheLimit() {
        Map<String, Object> result = call("get_unassigned_issues", Map.of("project_key", "OPS", "limit", 100));

        assertThat(result).containsEntry("count", 100).containsEntry("truncated", true);
        assertThat(keys(result)).containsExactlyElementsOf(openUnassigned.subList(0, 100));
        List<RecordedRequest> searches = jira.requests("POST", SEARCH);
        assertThat(searches).hasSize(2);
        assertThat(searches.get(0).body()).contains(
                "\"jql\":\"project = \\\"OPS\\\" AND assignee IS EMPTY AND statusCategory != Done ORDER BY created DESC\"")
                .doesNotContain("nextPageToken");
        assertThat(searches.get(1).body()).contains("nextPageToken");
    }

    @Test
    void returnsCompactIssues() {
        Map<String, Object> result = call("get_unassigned_issues", Map.of("project_key", "OPS", "limit", 1));

        Map<?, ?> issue = (Map<?, ?>) ((List<?>) result.get("issues")).get(0);
        assertThat(issue.keySet().stream().map(Object::toString).toList())
                .containsExactly("key", "summary", "status", "priority", "created");
        assertThat(issue.get("key")).isEqualTo(openUnassigned.get(0));
        assertThat((String) issue.get("summary")).contains("\"quotes\" & <tags>");
        assertThat((String) issue.get("created")).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(jira.requests("POST", SEARCH)).hasSize(1);
    }

    @Test
    void readsEverythingWhenTheLimitIsNotReached() {
        var smallPages = createPlugin(Map.of("search-page-size", 7));

        Map<String, Object> ops = call(smallPages, "get_unassigned_issues", Map.of("project_key", "OPS", "limit", 100),
                "read-1");
        Map<String, Object> proj = call(smallPages, "get_unassigned_issues", Map.of("project_key", "PROJ"), "read-2");

        assertThat(ops).containsEntry("count", 100).containsEntry("truncated", true);
        assertThat(jira.requests("POST", SEARCH)).hasSize(15 + 1);
        assertThat(keys(proj)).contains("PROJ-5000");
        assertThat(proj).containsEntry("truncated", false);
    }

    @Test
    void anExactlyFullLastPageIsNotTruncated() {
        jira.project("EXACT", "Exactly three");
        for (int i = 1; i <= 3; i++) {
            jira.issue("EXACT-" + i, "Issue " + i);
        }
        var exact = createPlugin(Map.of("allowed-projects", List.of(), "search-page-size", 3));

        Map<String, Object> result = call(exact, "get_unassigned_issues", Map.of("project_key", "EXACT", "limit", 3),
                "read-3");

        assertThat(keys(result)).containsExactly("EXACT-3", "EXACT-2", "EXACT-1");
        assertThat(result).containsEntry("truncated", false);
    }

    @Test
    void rejectsProjectKeysThatCouldChangeTheQuery() {
        for (String key : List.of("OPS\" OR project = \"SECRET", "ops", "OPS ORDER BY", "O", "OPS)", "ÖPS",
                "OPS\nAND")) {
            assertThatThrownBy(() -> call("get_unassigned_issues", Map.of("project_key", key)))
                    .as(key).isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("project key");
        }
        assertThat(jira.requests()).isEmpty();
    }

    @Test
    void deniesAProjectOutsideTheAllowlist() {
        assertThatThrownBy(() -> call("get_unassigned_issues", Map.of("project_key", "SECRET")))
                .isInstanceOf(PolicyDeniedException.class).hasMessageContaining("SECRET");
        assertThat(jira.requests()).isEmpty();
    }

    @Test
    void anUnknownProjectCarriesJirasMessage() {
        var all = createPlugin(Map.of("allowed-projects", List.of()));

        assertThatThrownBy(() -> call(all, "get_unassigned_issues", Map.of("project_key", "NOPE"), "read-4"))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("The value 'NOPE' does not exist for the field 'project'");
    }

    private static List<String> keys(Map<String, Object> result) {
        return ((List<?>) result.get("issues")).stream().map(issue -> (String) ((Map<?, ?>) issue).get("key")).toList();
    }
}
