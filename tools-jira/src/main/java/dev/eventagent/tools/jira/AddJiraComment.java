package dev.eventagent.tools.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventagent.api.EffectKind;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code add_jira_comment}: posts plain text as an Atlassian Document Format comment, marked with
 * a comment property ({@value #MARK_PROPERTY}) holding the call's idempotency key. Before posting
 * it looks for that mark among the issue's most recent comments, so a call repeated after a crash
 * (Jira answered, the engine's ledger had not recorded it yet) returns the existing comment
 * instead of posting a second one.
 */
final class AddJiraComment {

    /** The comment property that marks a comment with the call that posted it. */
    static final String MARK_PROPERTY = "dev.eventagent.idempotency";

    static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder("add_jira_comment")
            .description("Adds a comment to a Jira issue. Use this when people following an issue should read"
                    + " something on it: why it was assigned, a linked incident, a deployment that shipped it."
                    + " The comment is plain text: blank lines separate paragraphs, no markup is interpreted"
                    + " (no wiki syntax, no @mentions). At most 32767 characters. Returns {\"issue_key\","
                    + "\"comment_id\",\"characters\",\"changed\"} (changed is false when this same call had"
                    + " already posted it).")
            .argumentsSchema("""
                    {"type": "object",
                     "properties": {
                      "issue_key": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,9}$",
                        "description": "The Jira issue key: project key, dash, number, e.g. PROJ-123."},
                      "comment": {"type": "string", "minLength": 1, "maxLength": 32767,
                        "description": "The comment text. Plain text; separate paragraphs with a blank line."}
                     },
                     "required": ["issue_key", "comment"],
                     "additionalProperties": false}
                    """)
            .effect(EffectKind.EXTERNAL).idempotent(false).risk(Risk.MEDIUM).build();

    private final JiraRestClient client;
    private final JiraArguments arguments;
    private final JiraSettings settings;
    private final ObjectMapper mapper;

    AddJiraComment(JiraRestClient client, JiraArguments arguments, JiraSettings settings, ObjectMapper mapper) {
        this.client = requireNonNull(client, "client is null");
        this.arguments = requireNonNull(arguments, "arguments is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    JiraTool tool() {
        return new JiraTool(DESCRIPTOR, this::comment);
    }

    private Map<String, Object> comment(ToolCall call) {
        String key = arguments.issueKey(call);
        String text = AdfDocument.normalise(JiraArguments.text(call, "comment", settings.maxCommentChars()));
        if (text.isBlank()) {
            throw new InvalidArgumentsException("argument 'comment' of " + call.toolName()
                    + " has no visible text (only control characters or whitespace)");
        }
        Optional<String> posted = alreadyPosted(key, call);
        String commentId;
        if (posted.isPresent()) {
            commentId = posted.get();
        } else {
            ObjectNode mark = mapper.createObjectNode().put("idempotency_key", call.idempotencyKey())
                    .put("event_id", call.eventId());
            commentId = client.addComment(key, AdfDocument.of(mapper, text), MARK_PROPERTY, mark, call.deadline());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("issue_key", key);
        result.put("comment_id", commentId);
        result.put("characters", text.length());
        result.put("changed", posted.isEmpty());
        return result;
    }

    private Optional<String> alreadyPosted(String key, ToolCall call) {
        if (settings.commentDuplicateScan() == 0) {
            return Optional.empty();
        }
        List<String> recent = client.recentCommentIds(key, settings.commentDuplicateScan(), call.deadline());
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        for (JiraRestClient.Comment comment : client.commentsWithProperties(recent, call.deadline())) {
            JsonNode mark = comment.properties().get(MARK_PROPERTY);
            if (mark != null && call.idempotencyKey().equals(mark.path("idempotency_key").asText(null))) {
                return Optional.of(comment.id());
            }
        }
        return Optional.empty();
    }
}
