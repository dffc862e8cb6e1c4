package dev.eventagent.tools.jira;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code assign_jira_issue}: resolves an e-mail to exactly one Jira account (user search, exact
 * e-mail match) and assigns the issue to it, unless it is already assigned to that account.
 */
final class AssignJiraIssue {

    /** How many users a search by e-mail may return before the match is read. */
    private static final int USER_SEARCH_LIMIT = 20;

    static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder("assign_jira_issue")
            .description("Assigns a Jira issue to the person with the given e-mail address (resolved to their Jira"
                    + " account by an exact e-mail match). Use this when an issue should be owned by a specific"
                    + " developer, e.g. after choosing the best match for a new issue. Repeating it is harmless:"
                    + " when the issue is already assigned to that person nothing changes ({\"changed\":false})."
                    + " Fails when no Jira account, or more than one, has that e-mail. Returns {\"issue_key\","
                    + "\"assignee_email\",\"account_id\",\"display_name\",\"changed\"}.")
            .argumentsSchema("""
                    {"type": "object",
                     "properties": {
                      "issue_key": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,9}$",
                        "description": "The Jira issue key: project key, dash, number, e.g. PROJ-123."},
                      "assignee_email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 254,
                        "description": "The e-mail address of the person to assign, e.g. alice@company.com."}
                     },
                     "required": ["issue_key", "assignee_email"],
                     "additionalProperties": false}
                    """)
            .effect(EffectKind.EXTERNAL).idempotent(true).risk(Risk.HIGH).build();

    private final JiraRestClient client;
    private final JiraArguments arguments;

    AssignJiraIssue(JiraRestClient client, JiraArguments arguments) {
        this.client = requireNonNull(client, "client is null");
        this.arguments = requireNonNull(arguments, "arguments is null");
    }

    JiraTool tool() {
        return new JiraTool(DESCRIPTOR, this::assign);
    }

    private Map<String, Object> assign(ToolCall call) {
        String key = arguments.issueKey(call);
        String email = JiraArguments.email(call, "assignee_email");
        JiraRestClient.User user = resolve(email, call);
        JiraRestClient.Issue issue = client.issue(key, call.deadline());
        boolean changed = !Objects.equals(user.accountId(), issue.assigneeAccountId());
        if (changed) {
            client.assign(key, user.accountId(), call.deadline());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("issue_key", key);
        result.put("assignee_email", email);
        result.put("account_id", user.accountId());
        result.put("display_name", user.displayName());
        result.put("changed", changed);
        return result;
    }

    private JiraRestClient.User resolve(String email, ToolCall call) {
        List<JiraRestClient.User> found = client.searchUsers(email, USER_SEARCH_LIMIT, call.deadline());
        List<JiraRestClient.User> exact = found.stream()
                .filter(user -> user.email() != null && user.email().equalsIgnoreCase(email))
                .toList();
        long accounts = exact.stream().map(JiraRestClient.User::accountId).distinct().count();
        if (accounts > 1) {
            throw new PermanentToolException("cannot assign: " + accounts + " Jira accounts have the e-mail "
                    + JiraArguments.quote(email) + " (" + String.join(", ", exact.stream()
                    .map(JiraRestClient.User::accountId).distinct().toList()) + "); resolve the duplicate accounts"
                    + " in Jira or assign by hand", null);
        }
        if (accounts == 0) {
            long hidden = found.stream().filter(user -> user.email() == null).count();
            throw new PermanentToolException("cannot assign: no Jira account at " + client.site()
                    + " has the e-mail " + JiraArguments.quote(email)
                    + (hidden == 0 ? "" : "; " + hidden + " account(s) matched the search but Jira hides their"
                            + " e-mail (profile visibility), so none can be matched exactly: let the agent's"
                            + " account see e-mail addresses, or assign by hand"), null);
        }
        JiraRestClient.User user = exact.get(0);
        if (!user.active()) {
            throw new PermanentToolException("cannot assign: the Jira account with the e-mail "
                    + JiraArguments.quote(email) + " (" + user.accountId() + ") is deactivated", null);
        }
        return user;
    }
}
