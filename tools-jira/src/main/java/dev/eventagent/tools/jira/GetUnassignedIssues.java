package dev.eventagent.tools.jira;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code get_unassigned_issues}: the newest open, unassigned issues of a project, through the
 * enhanced JQL search with {@code nextPageToken} pagination.
 *
 * <p>JQL has no bind parameters, so the project key is put into the query text; it is safe only
 * because it must match {@link JiraSettings#PROJECT_KEY} (upper-case letters, digits and
 * underscores), which leaves no room for quotes, operators or spaces.
 */
final class GetUnassignedIssues {

    /** The most issues one call returns. */
    static final int MAX_LIMIT = 100;
    /** The longest summary returned; longer ones are cut. */
    static final int MAX_SUMMARY = 255;
    private static final List<String> FIELDS = List.of("summary", "status", "priority", "created");

    static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder("get_unassigned_issues")
            .description("Lists the newest open issues of a Jira project that nobody is assigned to (status not"
                    + " Done), newest first. Use this when you need to find work to hand out or check a"
                    + " project's backlog of unowned issues. Returns {\"project_key\",\"issues\":[{\"key\","
                    + "\"summary\",\"status\",\"priority\",\"created\"}],\"count\",\"truncated\"}; truncated is"
                    + " true when more issues exist beyond limit.")
            .argumentsSchema("""
                    {"type": "object",
                     "properties": {
                      "project_key": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]{1,9}$",
                        "description": "The Jira project key, e.g. PROJ (upper-case letters, digits, underscores)."},
                      "limit": {"type": "integer", "minimum": 1, "maximum": %d, "default": 20,
                        "description": "The most issues to return (default 20)."}
                     },
                     "required": ["project_key"],
                     "additionalProperties": false}
                    """.formatted(MAX_LIMIT))
            .effect(EffectKind.READ).idempotent(true).risk(Risk.LOW).build();

    private final JiraRestClient client;
    private final JiraArguments arguments;
    private final JiraSettings settings;

    GetUnassignedIssues(JiraRestClient client, JiraArguments arguments, JiraSettings settings) {
        this.client = requireNonNull(client, "client is null");
        this.arguments = requireNonNull(arguments, "arguments is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    JiraTool tool() {
        return new JiraTool(DESCRIPTOR, this::list);
    }

    /**
     * The JQL for a project key that matched {@link JiraSettings#PROJECT_KEY}.
     *
     * @param projectKey the checked key
     * @return the query
     */
    static String jql(String projectKey) {
        if (!JiraSettings.PROJECT_KEY.matcher(projectKey).matches()) {
            throw new IllegalArgumentException("unchecked project key");
        }
        return "project = \"" + projectKey + "\" AND assignee IS EMPTY AND statusCategory != Done"
                + " ORDER BY created DESC";
    }

    private Map<String, Object> list(ToolCall call) {
        String projectKey = arguments.projectKey(call);
        int limit = JiraArguments.integer(call, "limit", 20, 1, MAX_LIMIT);
        String jql = jql(projectKey);
        List<Map<String, Object>> issues = new ArrayList<>();
        String token = null;
        boolean more = true;
        while (more && issues.size() < limit) {
            JiraRestClient.SearchPage page = client.search(jql, FIELDS,
                    Math.min(settings.searchPageSize(), limit - issues.size()), token, call.deadline());
            boolean dropped = false;
            for (JiraRestClient.Issue issue : page.issues()) {
                if (issues.size() < limit) {
                    issues.add(compact(issue));
                } else {
                    dropped = true;
                }
            }
            token = page.nextPageToken();
            more = dropped || (!page.last() && token != null && !page.issues().isEmpty());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project_key", projectKey);
        result.put("issues", issues);
        result.put("count", issues.size());
        result.put("truncated", more);
        return result;
    }

    private static Map<String, Object> compact(JiraRestClient.Issue issue) {
        Map<String, Object> compact = new LinkedHashMap<>();
        compact.put("key", issue.key());
        compact.put("summary", issue.summary().length() > MAX_SUMMARY
                ? issue.summary().substring(0, MAX_SUMMARY - 1) + "…" : issue.summary());
        compact.put("status", issue.status());
        compact.put("priority", issue.priority());
        compact.put("created", issue.created());
        return compact;
    }
}
