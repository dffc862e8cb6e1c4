package dev.eventagent.tools.jira;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code update_jira_status}: moves an issue by the transition whose name, or whose target
 * status, matches the requested status (case-insensitively); does nothing when the issue is
 * already in that status; lists the available transitions when none matches.
 */
final class UpdateJiraStatus {

    /** How many recent calls' target statuses are remembered for repeats that named a transition. */
    private static final int REMEMBERED_CALLS = 1000;

    static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder("update_jira_status")
            .description("Moves a Jira issue to another status through its workflow, e.g. To Do, In Progress,"
                    + " Done. Use this when work on an issue started, finished or was reopened. Give the target"
                    + " status name (or a transition name such as Start Progress); matching ignores case."
                    + " When the issue is already in that status nothing changes ({\"changed\":false}). When the"
                    + " workflow offers no such transition from the current status, the error lists the"
                    + " available ones. Returns {\"issue_key\",\"from\",\"to\",\"transition\",\"changed\"}.")
            .argumentsSchema("""
                    {"type": "object",
                     "properties": {
                      "issue_key": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,9}$",
                        "description": "The Jira issue key: project key, dash, number, e.g. PROJ-123."},
                      "status": {"type": "string", "minLength": 1, "maxLength": 100,
                        "description": "The target status or transition name, e.g. To Do, In Progress, Done."}
                     },
                     "required": ["issue_key", "status"],
                     "additionalProperties": false}
                    """)
            .effect(EffectKind.EXTERNAL).idempotent(true).risk(Risk.HIGH).build();

    private final JiraRestClient client;
    private final JiraArguments arguments;
    private final Map<String, String> targetsByCall = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED_CALLS;
                }
            });

    UpdateJiraStatus(JiraRestClient client, JiraArguments arguments) {
        this.client = requireNonNull(client, "client is null");
        this.arguments = requireNonNull(arguments, "arguments is null");
    }

    JiraTool tool() {
        return new JiraTool(DESCRIPTOR, this::update);
    }

    private Map<String, Object> update(ToolCall call) {
        String key = arguments.issueKey(call);
        String wanted = JiraArguments.text(call, "status", 100).trim().replaceAll("\\s+", " ");
        String current = client.issue(key, call.deadline()).status();
        String remembered = targetsByCall.get(call.idempotencyKey());
        if (same(current, wanted) || (remembered != null && same(current, remembered))) {
            return result(key, current, current, null, false);
        }
        List<JiraRestClient.Transition> transitions = client.transitions(key, call.deadline());
        Optional<JiraRestClient.Transition> chosen = transitions.stream().filter(t -> same(t.name(), wanted))
                .findFirst()
                .or(() -> transitions.stream().filter(t -> same(t.toStatus(), wanted)).findFirst());
        if (chosen.isEmpty()) {
            String available = transitions.isEmpty() ? "none (the workflow or the account's permissions allow no"
                    + " change from here)" : transitions.stream()
                    .map(t -> JiraArguments.quote(t.name()) + " (to " + JiraArguments.quote(t.toStatus()) + ")")
                    .collect(Collectors.joining(", "));
            throw new InvalidArgumentsException("Jira issue " + key + " is in status " + JiraArguments.quote(current)
                    + " and has no transition or target status named " + JiraArguments.quote(wanted)
                    + "; available transitions: " + available + ". Use one of these names or target statuses.");
        }
        JiraRestClient.Transition transition = chosen.get();
        client.transition(key, transition.id(), call.deadline());
        targetsByCall.put(call.idempotencyKey(), transition.toStatus());
        return result(key, current, transition.toStatus(), transition.name(), true);
    }

    private static boolean same(String a, String b) {
        return a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }

    private static Map<String, Object> result(String key, String from, String to, String transition, boolean changed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("issue_key", key);
        result.put("from", from);
        result.put("to", to);
        result.put("transition", transition);
        result.put("changed", changed);
        return result;
    }
}
