package dev.eventagent.tools.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.api.ToolException;
import dev.eventagent.testing.jira.RecordedRequest;
import dev.eventagent.testing.jira.TestingJiraUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** assign_jira_issue through the real client against the testing Jira server. */
class AssignJiraIssueTest extends JiraPluginFixture {

    private static final String PUT_ASSIGNEE = "/rest/api/3/issue/[^/]+/assignee";

    private TestingJiraUser alice;

    @BeforeAll
    void seedUsers() {
        alice = jira.user("alice@company.com", "Alice Example");
        jira.user("malice@company.com", "Malice");
        jira.user("alice@company.com.evil.example", "Alice Lookalike");
        jira.user("twin@company.com", "Twin One");
        jira.user("twin@company.com", "Twin Two");
        jira.user("hidden@company.com", "Hidden Email", true, false);
        jira.user("gone@company.com", "Former Colleague", false, true);
    }

    @Test
    void assignsTheAccountWhoseEmailMatchesExactly() {
        String key = newIssue("Fix the login page");

        Map<String, Object> result = call("assign_jira_issue", Map.of("issue_key", key,
                "assignee_email", "alice@company.com"));

        assertThat(result).containsEntry("changed", true).containsEntry("account_id", alice.accountId())
                .containsEntry("display_name", "Alice Example");
        assertThat(jira.issue(key).orElseThrow().assigneeAccountId()).isEqualTo(alice.accountId());
        List<RecordedRequest> puts = jira.requests("PUT", PUT_ASSIGNEE);
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).body()).isEqualTo("{\"accountId\":\"" + alice.accountId() + "\"}");
        assertThat(jira.requests("GET", "/rest/api/3/user/search").get(0).parameter("query"))
                .contains("alice@company.com");
    }

    @Test
    void aRedeliveredCallAssignsOnce() {
        String key = newIssue("Redelivered assignment");
        int before = jira.assignments();
        Map<String, Object> arguments = Map.of("issue_key", key, "assignee_email", "alice@company.com");

        Map<String, Object> first = call(plugin, "assign_jira_issue", arguments, "event-1:assign");
        Map<String, Object> again = call(plugin, "assign_jira_issue", arguments, "event-1:assign");
        Map<String, Object> afterRestart = call(createPlugin(Map.of()), "assign_jira_issue", arguments,
                "event-1:assign");

        assertThat(first).containsEntry("changed", true);
        assertThat(again).containsEntry("changed", false).containsEntry("account_id", alice.accountId());
        assertThat(afterRestart).containsEntry("changed", false);
        assertThat(jira.assignments() - before).isEqualTo(1);
        assertThat(jira.requests("PUT", PUT_ASSIGNEE)).hasSize(1);
    }

    @Test
    void matchesTheEmailIgnoringCase() {
        String key = newIssue("Case of the e-mail");

        Map<String, Object> result = call("assign_jira_issue", Map.of("issue_key", key,
                "assignee_email", "ALICE@Company.com"));

        assertThat(result).containsEntry("account_id", alice.accountId());
    }

    @Test
    void refusesAnEmailNoAccountHas() {
        String key = newIssue("Nobody");

        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", key,
                "assignee_email", "nobody@company.com")))
                .isInstanceOf(PermanentToolException.class)
                .hasMessageContaining("no Jira account").hasMessageContaining("nobody@company.com");
        assertThat(jira.requests("PUT", PUT_ASSIGNEE)).isEmpty();
    }

    @Test
    void refusesAnEmailTwoAccountsHave() {
        String key = newIssue("Twins");

        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", key,
                "assignee_email", "twin@company.com")))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("2 Jira accounts");
        assertThat(jira.requests("PUT", PUT_ASSIGNEE)).isEmpty();
    }

    @Test
    void saysWhenJiraHidesTheEmail() {
        String key = newIssue("Hidden");

        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", key,
                "assignee_email", "hidden@company.com")))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("hides their e-mail");
    }

    @Test
    void refusesADeactivatedAccount() {
        String key = newIssue("Former colleague");

        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", key,
                "assignee_email", "gone@company.com")))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("deactivated");
    }

    @Test
    void deniesAProjectOutsideTheAllowlistBeforeAnyRequest() {
        String key = newIssue("SECRET", "Not ours", "To Do");

        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", key,
                "assignee_email", "alice@company.com")))
                .isInstanceOf(PolicyDeniedException.class)
                .hasMessageContaining("SECRET").hasMessageContaining("allowed-projects");
        assertThat(jira.requests()).isEmpty();
        assertThat(jira.issue(key).orElseThrow().assigneeAccountId()).isNull();
    }

    @Test
    void aMissingIssueIsPermanent() {
        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", "PROJ-999999",
                "assignee_email", "alice@company.com")))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("does not exist");
        assertThat(jira.requests("PUT", PUT_ASSIGNEE)).isEmpty();
    }

    @Test
    void hostileArgumentsNeverReachAPathOrBreakTheQuery() {
        for (String key : List.of("PROJ-1/../../admin", "PROJ-1?x=1", "proj-1", "PROJ-01", "P-1",
                "PROJ-1\"; DROP", "ΠΡΟ-1")) {
            assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", key,
                    "assignee_email", "alice@company.com")))
                    .as(key).isInstanceOf(ToolException.class)
                    .extracting(e -> ((ToolException) e).category())
                    .isIn(ErrorCategory.INVALID_ARGUMENTS);
        }
        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", "PROJ-1",
                "assignee_email", "\"alice\"@company.com")))
                .isInstanceOf(InvalidArgumentsException.class);
        assertThat(jira.requests()).isEmpty();

        String key = newIssue("Query characters");
        String odd = "a&query=alice+x%40y@company.com";
        assertThatThrownBy(() -> call("assign_jira_issue", Map.of("issue_key", key, "assignee_email", odd)))
                .isInstanceOf(PermanentToolException.class);
        assertThat(jira.requests("GET", "/rest/api/3/user/search").get(0).parameter("query")).contains(odd);
    }
}
