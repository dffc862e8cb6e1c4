package dev.eventagent.tools.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small typed client for the Jira Cloud REST v3 endpoints the tools use. Issue keys reach
 * paths only after {@link JiraArguments} checked them against a strict pattern; everything else
 * travels as encoded query parameters or JSON bodies.
 */
final class JiraRestClient {

    /** A Jira user as user search shows it; {@code email} is null when Jira hides it. */
    record User(String accountId, String email, String displayName, boolean active) {
    }

    /** The fields of an issue the tools read. */
    record Issue(String key, String projectKey, String summary, String status, String priority, String created,
            String assigneeAccountId) {
    }

    /** A transition available from an issue's current status. */
    record Transition(String id, String name, String toStatus) {
    }

    /** A comment with its entity properties (key to value). */
    record Comment(String id, Map<String, JsonNode> properties) {
    }

    /** One page of a JQL search. */
    record SearchPage(List<Issue> issues, String nextPageToken, boolean last) {
    }

    private static final String API = "/rest/api/3";

    private final JiraTransport transport;
    private final ObjectMapper mapper;

    JiraRestClient(JiraTransport transport, ObjectMapper mapper) {
        this.transport = requireNonNull(transport, "transport is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** @return the site, for messages */
    String site() {
        return transport.site();
    }

    /** The account the credentials belong to: {@code GET /myself}. */
    User myself(Duration timeout) {
        return user(transport.send("GET", API + "/myself", Map.of(), null, timeout, "reading /myself"));
    }

    /** Users matching a query (e-mail or name): {@code GET /user/search}. */
    List<User> searchUsers(String query, int maxResults, Instant deadline) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", query);
        parameters.put("maxResults", String.valueOf(maxResults));
        JsonNode answer = transport.send("GET", API + "/user/search", parameters, null, deadline,
                "searching users by e-mail");
        List<User> users = new ArrayList<>();
        answer.forEach(node -> users.add(user(node)));
        return users;
    }

    /** An issue's summary, status, priority, project and assignee: {@code GET /issue/{key}}. */
    Issue issue(String key, Instant deadline) {
        JsonNode answer = transport.send("GET", API + "/issue/" + key,
                Map.of("fields", "summary,status,priority,created,project,assignee"), null, deadline,
                "reading issue " + key);
        return issue(answer);
    }

    /** Sets the assignee: {@code PUT /issue/{key}/assignee}. */
    void assign(String key, String accountId, Instant deadline) {
        transport.send("PUT", API + "/issue/" + key + "/assignee", Map.of(), Map.of("accountId", accountId), deadline,
                "assigning " + key);
    }

    /** The ids of the most recent comments, newest first: {@code GET /issue/{key}/comment}. */
    List<String> recentCommentIds(String key, int max, Instant deadline) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("orderBy", "-created");
        parameters.put("maxResults", String.valueOf(max));
        JsonNode answer = transport.send("GET", API + "/issue/" + key + "/comment", parameters, null, deadline,
                "listing the comments of " + key);
        List<String> ids = new ArrayList<>();
        answer.path("comments").forEach(comment -> ids.add(comment.path("id").asText()));
        return ids;
    }

    /** Comments with their properties: {@code POST /comment/list?expand=properties}. */
    List<Comment> commentsWithProperties(List<String> ids, Instant deadline) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode list = body.putArray("ids");
        ids.stream().filter(id -> id.matches("[0-9]{1,18}")).forEach(id -> list.add(Long.parseLong(id)));
        JsonNode answer = transport.send("POST", API + "/comment/list", Map.of("expand", "properties"), body, deadline,
                "reading comment properties");
        List<Comment> comments = new ArrayList<>();
        for (JsonNode comment : answer.path("values")) {
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            comment.path("properties").forEach(p -> properties.put(p.path("key").asText(), p.path("value")));
            comments.add(new Comment(comment.path("id").asText(), properties));
        }
        return comments;
    }

    /** Adds a comment with one property: {@code POST /issue/{key}/comment}. Returns its id. */
    String addComment(String key, JsonNode adfBody, String propertyKey, JsonNode propertyValue, Instant deadline) {
        ObjectNode body = mapper.createObjectNode();
        body.set("body", adfBody);
        body.putArray("properties").addObject().put("key", propertyKey).set("value", propertyValue);
        JsonNode answer = transport.send("POST", API + "/issue/" + key + "/comment", Map.of(), body, deadline,
                "commenting on " + key);
        return answer.path("id").asText();
    }

    /** The transitions available now: {@code GET /issue/{key}/transitions}. */
    List<Transition> transitions(String key, Instant deadline) {
        JsonNode answer = transport.send("GET", API + "/issue/" + key + "/transitions", Map.of(), null, deadline,
                "listing the transitions of " + key);
        List<Transition> transitions = new ArrayList<>();
        for (JsonNode node : answer.path("transitions")) {
            if (node.path("isAvailable").asBoolean(true)) {
                transitions.add(new Transition(node.path("id").asText(), node.path("name").asText(),
                        node.path("to").path("name").asText()));
            }
        }
        return transitions;
    }

    /** Performs a transition: {@code POST /issue/{key}/transitions}. */
    void transition(String key, String transitionId, Instant deadline) {
        transport.send("POST", API + "/issue/" + key + "/transitions", Map.of(),
                Map.of("transition", Map.of("id", transitionId)), deadline, "transitioning " + key);
    }

    /** One page of the enhanced JQL search: {@code POST /search/jql}. */
    SearchPage search(String jql, List<String> fields, int maxResults, String nextPageToken, Instant deadline) {
        ObjectNode body = mapper.createObjectNode().put("jql", jql).put("maxResults", maxResults);
        ArrayNode fieldList = body.putArray("fields");
        fields.forEach(fieldList::add);
        if (nextPageToken != null) {
            body.put("nextPageToken", nextPageToken);
        }
        JsonNode answer = transport.send("POST", API + "/search/jql", Map.of(), body, deadline, "searching issues");
        List<Issue> issues = new ArrayList<>();
        answer.path("issues").forEach(node -> issues.add(issue(node)));
        String next = answer.hasNonNull("nextPageToken") ? answer.path("nextPageToken").asText() : null;
        return new SearchPage(issues, next, answer.path("isLast").asBoolean(next == null));
    }

    private static User user(JsonNode node) {
        return new User(node.path("accountId").asText(),
                node.hasNonNull("emailAddress") ? node.path("emailAddress").asText() : null,
                node.path("displayName").asText(""), node.path("active").asBoolean(true));
    }

    private static Issue issue(JsonNode node) {
        JsonNode fields = node.path("fields");
        return new Issue(node.path("key").asText(),
                fields.path("project").path("key").asText(""),
                fields.path("summary").asText(""),
                fields.path("status").path("name").asText(""),
                text(fields.path("priority").path("name")).orElse(null),
                text(fields.path("created")).orElse(null),
                text(fields.path("assignee").path("accountId")).orElse(null));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }
}
