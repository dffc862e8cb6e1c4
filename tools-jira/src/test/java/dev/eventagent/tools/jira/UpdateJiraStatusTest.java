package dev.eventagent.tools.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PolicyDeniedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** update_jira_status through the real client against the testing Jira server. */
class UpdateJiraStatusTest extends JiraPluginFixture {

    private static final String TRANSITIONS = "/rest/api/3/issue/[^/]+/transitions";

    @Test
    void movesByTheTargetStatusNameIgnoringCase() {
        String key = newIssue("Start it");

        Map<String, Object> result = call("update_jira_status", Map.of("issue_key", key, "status", "in  PROGRESS"));

        assertThat(result).containsEntry("changed", true).containsEntry("from", "To Do")
                .containsEntry("to", "In Progress").containsEntry("transition", "Start Progress");
        assertThat(jira.issue(key).orElseThrow().status()).isEqualTo("In Progress");
        assertThat(jira.requests("POST", TRANSITIONS).get(0).body()).isEqualTo("{\"transition\":{\"id\":\"11\"}}");
    }

    @Test
    void movesByTheTransitionName() {
        String key = newIssue("PROJ", "Stop it", "In Progress");

        Map<String, Object> result = call("update_jira_status", Map.of("issue_key", key, "status", "stop progress"));

        assertThat(result).containsEntry("to", "To Do").containsEntry("transition", "Stop Progress");
        assertThat(jira.issue(key).orElseThrow().status()).isEqualTo("To Do");
    }

    @Test
    void doesNothingWhenTheIssueIsAlreadyThere() {
        String key = newIssue("PROJ", "Finished", "Done");

        Map<String, Object> result = call("update_jira_status", Map.of("issue_key", key, "status", "done"));

        assertThat(result).containsEntry("changed", false).containsEntry("to", "Done");
        assertThat(jira.requests("GET", TRANSITIONS)).isEmpty();
        assertThat(jira.requests("POST", TRANSITIONS)).isEmpty();
    }

    @Test
    void aRedeliveredCallTransitionsOnce() {
        String byStatus = newIssue("Redelivered by status");
        String byTransition = newIssue("Redelivered by transition name");
        int before = jira.transitionsMade();

        for (int delivery = 0; delivery < 3; delivery++) {
            call(plugin, "update_jira_status", Map.of("issue_key", byStatus, "status", "Done"), "event-3:done");
            call(plugin, "update_jira_status", Map.of("issue_key", byTransition, "status", "Start Progress"),
                    "event-4:start");
        }

        assertThat(jira.transitionsMade() - before).isEqualTo(2);
        assertThat(jira.requests("POST", TRANSITIONS)).hasSize(2);
        assertThat(jira.issue(byStatus).orElseThrow().status()).isEqualTo("Done");
        assertThat(jira.issue(byTransition).orElseThrow().status()).isEqualTo("In Progress");
    }

    @Test
    void anUnavailableTransitionListsTheAvailableOnes() {
        String key = newIssue("PROJ", "Closed", "Done");

        assertThatThrownBy(() -> call("update_jira_status", Map.of("issue_key", key, "status", "In Progress")))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining(key).hasMessageContaining("status 'Done'")
                .hasMessageContaining("named 'In Progress'")
                .hasMessageContaining("available transitions: 'Reopen' (to 'To Do')");
        assertThat(jira.requests("POST", TRANSITIONS)).isEmpty();
        assertThat(jira.issue(key).orElseThrow().status()).isEqualTo("Done");
    }

    @Test
    void listsEveryAvailableTransitionOfACustomStatus() {
        jira.status("Blocked", "indeterminate");
        jira.transition("Blocked", "61", "Unblock", "In Progress");
        jira.transition("Blocked", "62", "Give up", "Done");
        String key = newIssue("PROJ", "Waiting on a vendor", "Blocked");

        assertThatThrownBy(() -> call("update_jira_status", Map.of("issue_key", key, "status", "To Do")))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("'Unblock' (to 'In Progress'), 'Give up' (to 'Done')");
    }

    @Test
    void hostileStatusNamesAreOnlyCompared() {
        String key = newIssue("Hostile status");

        for (String status : new String[] {"Done\"; DROP TABLE x; --", "{\"id\":\"31\"}", "31", "🚀", "x".repeat(100)}) {
            assertThatThrownBy(() -> call("update_jira_status", Map.of("issue_key", key, "status", status)))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("available transitions");
        }
        assertThat(jira.requests("POST", TRANSITIONS)).isEmpty();
        assertThat(jira.issue(key).orElseThrow().status()).isEqualTo("To Do");
    }

    @Test
    void deniesAProjectOutsideTheAllowlist() {
        String key = newIssue("SECRET", "Not ours", "To Do");

        assertThatThrownBy(() -> call("update_jira_status", Map.of("issue_key", key, "status", "Done")))
                .isInstanceOf(PolicyDeniedException.class);
        assertThat(jira.requests()).isEmpty();
    }
}
