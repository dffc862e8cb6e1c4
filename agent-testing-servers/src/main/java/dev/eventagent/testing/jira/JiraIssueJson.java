package dev.eventagent.testing.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Renders the store's values in Jira Cloud REST v3 shapes. */
final class JiraIssueJson {

    private final JiraStore store;
    private final ObjectMapper mapper;
    private final String baseUrl;
    private final DateTimeFormatter time;

    JiraIssueJson(JiraStore store, ObjectMapper mapper, String baseUrl, DateTimeFormatter time) {
        this.store = store;
        this.mapper = mapper;
        this.baseUrl = baseUrl;
        this.time = time;
    }

    /** A user; the e-mail only when visible (or always for {@code /myself}). */
    ObjectNode user(TestingJiraUser user, boolean self) {
        ObjectNode node = mapper.createObjectNode()
                .put("self", baseUrl + "/rest/api/3/user?accountId=" + user.accountId())
                .put("accountId", user.accountId())
                .put("accountType", "atlassian");
        if (self || user.emailVisible()) {
            node.put("emailAddress", user.email());
        }
        return node.put("displayName", user.displayName()).put("active", user.active()).put("timeZone", "Etc/UTC");
    }

    /** A status with its category. */
    ObjectNode status(String name) {
        ObjectNode status = mapper.createObjectNode()
                .put("self", baseUrl + "/rest/api/3/status/" + store.statusId(name))
                .put("name", name).put("id", store.statusId(name));
        status.putObject("statusCategory").put("key", store.categoryKey(name)).put("name", store.categoryName(name));
        return status;
    }

    /**
     * An issue.
     *
     * @param issue the issue
     * @param fields the fields to render, or {@code null} for all
     */
    ObjectNode issue(TestingJiraIssue issue, List<String> fields) {
        ObjectNode node = mapper.createObjectNode().put("id", issue.id()).put("key", issue.key())
                .put("self", baseUrl + "/rest/api/3/issue/" + issue.id());
        ObjectNode values = node.putObject("fields");
        if (wants(fields, "summary")) {
            values.put("summary", issue.summary());
        }
        if (wants(fields, "status")) {
            values.set("status", status(issue.status()));
        }
        if (wants(fields, "priority")) {
            values.putObject("priority").put("name", issue.priority());
        }
        if (wants(fields, "created")) {
            values.put("created", time.format(issue.created()));
        }
        if (wants(fields, "project")) {
            values.putObject("project").put("key", issue.projectKey())
                    .put("name", store.projectName(issue.projectKey()).orElse(issue.projectKey()));
        }
        if (wants(fields, "assignee")) {
            values.set("assignee", issue.assignee().flatMap(store::user)
                    .<JsonNode>map(user -> user(user, false)).orElse(mapper.nullNode()));
        }
        return node;
    }

    /** A comment, with its properties when asked. */
    ObjectNode comment(TestingJiraComment comment, String issueKey, boolean properties) {
        ObjectNode node = mapper.createObjectNode()
                .put("self", baseUrl + "/rest/api/3/issue/" + (issueKey == null ? "-" : issueKey) + "/comment/"
                        + comment.id())
                .put("id", comment.id());
        node.set("author", user(store.user(comment.authorAccountId()).orElseThrow(), false));
        try {
            node.set("body", mapper.readTree(comment.bodyJson()));
            node.put("created", time.format(comment.created())).put("updated", time.format(comment.created()))
                    .put("jsdPublic", true);
            if (properties) {
                ArrayNode list = node.putArray("properties");
                for (Map.Entry<String, String> property : comment.properties().entrySet()) {
                    list.addObject().put("key", property.getKey()).set("value", mapper.readTree(property.getValue()));
                }
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    private static boolean wants(List<String> fields, String field) {
        return fields == null || fields.isEmpty() || fields.contains(field) || fields.contains("*all");
    }
}
