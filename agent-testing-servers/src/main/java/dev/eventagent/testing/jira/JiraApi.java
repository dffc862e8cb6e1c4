package dev.eventagent.testing.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jira Cloud REST v3 endpoints of the {@link TestingJiraServer}, over a {@link JiraStore}.
 * Shapes follow Jira Cloud: error bodies are {@code {"errorMessages":[…],"errors":{…}}}.
 */
final class JiraApi {

    /** An answer: status, JSON body (or none for 204). */
    record Answer(int status, JsonNode body) {
    }

    /** The most comment characters Jira Cloud accepts. */
    static final int MAX_COMMENT_CHARS = 32_767;

    private static final Pattern ISSUE = Pattern.compile("/rest/api/3/issue/([^/]+)(/assignee|/comment|/transitions)?");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final JiraStore store;
    private final ObjectMapper mapper;
    private final JiraIssueJson issueJson;

    JiraApi(JiraStore store, ObjectMapper mapper, String baseUrl) {
        this.store = requireNonNull(store, "store is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.issueJson = new JiraIssueJson(store, mapper, requireNonNull(baseUrl, "baseUrl is null"), TIME);
    }

    Answer handle(String method, String path, Map<String, String> query, String body) {
        try {
            if (path.equals("/rest/api/3/myself") && method.equals("GET")) {
                return ok(issueJson.user(store.agent(), true));
            }
            if (path.equals("/rest/api/3/user/search") && method.equals("GET")) {
                return searchUsers(query);
            }
            if (path.equals("/rest/api/3/search/jql") && (method.equals("GET") || method.equals("POST"))) {
                return search(method.equals("GET") ? searchFromQuery(query) : mapper.readTree(body));
            }
            if (path.equals("/rest/api/3/comment/list") && method.equals("POST")) {
                return commentList(mapper.readTree(body), query);
            }
            Matcher issue = ISSUE.matcher(path);
            if (issue.matches()) {
                String key = issue.group(1);
                if (store.issue(key).isEmpty()) {
                    return error(404, "Issue does not exist or you do not have permission to see it.");
                }
                String sub = issue.group(2) == null ? "" : issue.group(2);
                switch (sub + " " + method) {
                    case " GET": return ok(issueJson.issue(store.issue(key).orElseThrow(), null));
                    case "/assignee PUT": return assign(key, mapper.readTree(body));
                    case "/comment GET": return comments(key, query);
                    case "/comment POST": return addComment(key, mapper.readTree(body));
                    case "/transitions GET": return transitions(key);
                    case "/transitions POST": return transition(key, mapper.readTree(body));
                    default: return error(405, "Method " + method + " is not allowed on " + path);
                }
            }
            return error(404, "No endpoint " + method + " " + path + " in the testing Jira server.");
        } catch (JsonProcessingException e) {
            return error(400, "Unexpected character in the request body: " + e.getOriginalMessage());
        }
    }

    private Answer searchUsers(Map<String, String> query) {
        String needle = query.getOrDefault("query", "");
        int max = Math.min(intParam(query, "maxResults", 50), 1000);
        ArrayNode users = mapper.createArrayNode();
        store.searchUsers(needle).stream().limit(max).forEach(user -> users.add(issueJson.user(user, false)));
        return ok(users);
    }

    private Answer assign(String key, JsonNode body) {
        JsonNode accountId = body.path("accountId");
        if (accountId.isMissingNode() || accountId.isNull()) {
            store.setAssignee(key, null, true);
            return new Answer(204, null);
        }
        Optional<TestingJiraUser> user = store.user(accountId.asText());
        if (user.isEmpty() || !user.get().active()) {
            return fieldError(400, "assignee", "User '" + accountId.asText() + "' cannot be assigned issues.");
        }
        store.setAssignee(key, user.get().accountId(), true);
        return new Answer(204, null);
    }

    private Answer comments(String key, Map<String, String> query) {
        List<TestingJiraComment> all = new ArrayList<>(store.issue(key).orElseThrow().comments());
        if (query.getOrDefault("orderBy", "created").equals("-created")) {
            java.util.Collections.reverse(all);
        }
        int startAt = intParam(query, "startAt", 0);
        int max = Math.min(intParam(query, "maxResults", 100), 100);
        ObjectNode page = mapper.createObjectNode().put("startAt", startAt).put("maxResults", max)
                .put("total", all.size());
        ArrayNode comments = page.putArray("comments");
        all.stream().skip(startAt).limit(max).forEach(c -> comments.add(issueJson.comment(c, key, false)));
        return ok(page);
    }

    private Answer commentList(JsonNode body, Map<String, String> query) {
        boolean properties = query.getOrDefault("expand", "").contains("properties");
        ObjectNode page = mapper.createObjectNode().put("startAt", 0).put("maxResults", 1000);
        ArrayNode values = mapper.createArrayNode();
        for (JsonNode id : body.path("ids")) {
            store.comment(id.asText()).ifPresent(c -> values.add(issueJson.comment(c, null, properties)));
        }
        page.put("total", values.size()).put("isLast", true).set("values", values);
        return ok(page);
    }

    private Answer addComment(String key, JsonNode body) throws JsonProcessingException {
        JsonNode document = body.path("body");
        List<String> problems = AdfText.problems(document);
        if (!problems.isEmpty()) {
            return fieldError(400, "comment", "Comment body is not valid! " + String.join("; ", problems));
        }
        String text = AdfText.plainText(document);
        if (text.isBlank()) {
            return fieldError(400, "comment", "Comment body can not be empty!");
        }
        if (text.length() > MAX_COMMENT_CHARS) {
            return fieldError(400, "comment",
                    "The entered text is too long. It exceeds the allowed limit of 32,767 characters.");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (JsonNode property : body.path("properties")) {
            properties.put(property.path("key").asText(), mapper.writeValueAsString(property.path("value")));
        }
        TestingJiraComment comment = store.addComment(key, mapper.writeValueAsString(document), text, properties);
        return new Answer(201, issueJson.comment(comment, key, false));
    }

    private Answer transitions(String key) {
        ObjectNode answer = mapper.createObjectNode().put("expand", "transitions");
        ArrayNode list = answer.putArray("transitions");
        for (JiraStore.Transition transition : store.transitionsOf(key)) {
            ObjectNode node = list.addObject().put("id", transition.id()).put("name", transition.name())
                    .put("hasScreen", false).put("isGlobal", false).put("isInitial", false)
                    .put("isAvailable", true).put("isConditional", false).put("isLooped", false);
            node.set("to", issueJson.status(transition.to()));
        }
        return ok(answer);
    }

    private Answer transition(String key, JsonNode body) {
        String id = body.path("transition").path("id").asText("");
        if (id.isEmpty()) {
            return error(400, "Missing transition id.");
        }
        return store.applyTransition(key, id).isPresent() ? new Answer(204, null)
                : error(400, "Transition id '" + id + "' is not valid for this issue.");
    }

    private JsonNode searchFromQuery(Map<String, String> query) {
        ObjectNode request = mapper.createObjectNode().put("jql", query.getOrDefault("jql", ""));
        if (query.containsKey("maxResults")) {
            request.put("maxResults", intParam(query, "maxResults", 50));
        }
        if (query.containsKey("nextPageToken")) {
            request.put("nextPageToken", query.get("nextPageToken"));
        }
        ArrayNode fields = request.putArray("fields");
        for (String field : query.getOrDefault("fields", "").split(",")) {
            if (!field.isBlank()) {
                fields.add(field.trim());
            }
        }
        return request;
    }

    private Answer search(JsonNode request) {
        String jql = request.path("jql").asText("");
        JqlFilter filter;
        try {
            filter = JqlFilter.parse(jql, store::categoryName);
        } catch (JqlFilter.JqlException e) {
            return error(400, e.getMessage());
        }
        Optional<String> project = filter.project();
        if (project.isPresent() && store.projectName(project.get()).isEmpty()) {
            return error(400, "The value '" + project.get() + "' does not exist for the field 'project'.");
        }
        int max = Math.max(1, Math.min(request.path("maxResults").asInt(50), 100));
        int offset = 0;
        if (request.hasNonNull("nextPageToken")) {
            Optional<Integer> decoded = decodeToken(request.path("nextPageToken").asText(), jql);
            if (decoded.isEmpty()) {
                return error(400, "The provided next page token is invalid or expired.");
            }
            offset = decoded.get();
        }
        List<TestingJiraIssue> matching = store.issues().stream().filter(filter.predicate())
                .sorted(filter.order()).toList();
        List<String> fields = new ArrayList<>();
        request.path("fields").forEach(field -> fields.add(field.asText()));
        ObjectNode answer = mapper.createObjectNode();
        ArrayNode issues = answer.putArray("issues");
        matching.stream().skip(offset).limit(max).forEach(issue -> issues.add(issueJson.issue(issue, fields)));
        int next = offset + max;
        if (next < matching.size()) {
            answer.put("nextPageToken", encodeToken(next, jql));
        }
        answer.put("isLast", next >= matching.size());
        return ok(answer);
    }

    private static String encodeToken(int offset, String jql) {
        String raw = offset + ":" + Integer.toHexString(jql.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Integer> decodeToken(String token, String jql) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 2 && parts[1].equals(Integer.toHexString(jql.hashCode()))) {
                return Optional.of(Integer.parseInt(parts[0]));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int intParam(Map<String, String> query, String name, int fallback) {
        try {
            return query.containsKey(name) ? Integer.parseInt(query.get(name)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    /**
     * A Jira error body with one message.
     *
     * @param status the HTTP status
     * @param message the message
     * @return the answer
     */
    Answer error(int status, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.putArray("errorMessages").add(message);
        body.putObject("errors");
        return new Answer(status, body);
    }

    private Answer fieldError(int status, String field, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.putArray("errorMessages");
        body.putObject("errors").put(field, message);
        return new Answer(status, body);
    }
}
