package dev.eventagent.engine.event;

import dev.eventagent.api.Event;
import dev.eventagent.api.EventSource;
import dev.eventagent.api.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Normalises Jira Cloud webhook bodies ({@code webhookEvent}, {@code timestamp}, {@code user},
 * {@code issue.fields}, {@code changelog}, {@code comment}) and the envelope's flat issue
 * ({@code issue.summary}, {@code issue.issue_type}, {@code issue.project}, …) into the same
 * attributes. The type is the webhook event without its {@code jira:} prefix.
 */
public final class JiraNormalizer implements EventSource {

    /** The source name. */
    public static final String SOURCE = "jira";

    /** The custom field Jira Cloud's team-managed and most company-managed projects keep story points in. */
    public static final String STORY_POINTS_FIELD = "customfield_10016";

    private static final String PREFIX = "jira:";

    /** The header holding a webhook's delivery id. */
    static final String DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier";

    private static final List<String> EVENTS = List.of(
            "issue_created", "issue_updated", "issue_deleted",
            "comment_created", "comment_updated", "comment_deleted",
            "worklog_created", "worklog_updated", "worklog_deleted");

    /** Creates the normaliser. */
    public JiraNormalizer() {
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public List<String> eventTypes() {
        return EVENTS;
    }

    @Override
    public boolean supports(String eventType) {
        return EVENTS.contains(type(eventType));
    }

    /** Jira's webhooks say their event in the body's {@code webhookEvent}; the delivery id is a header. */
    @Override
    public Optional<EventSource.Recognized> recognize(Map<String, String> headers, Map<String, Object> body) {
        if (!(body.get("webhookEvent") instanceof String webhookEvent)) {
            return Optional.empty();
        }
        String delivery = headers.get(DELIVERY_HEADER);
        return Optional.of(EventSource.Recognized.byBody(webhookEvent.trim(),
                delivery == null || delivery.isBlank() ? null : delivery, "the body's webhookEvent field (Jira)"));
    }

    @Override
    public Event normalize(EventSource.Payload event) throws MalformedEventException {
        JsonObjectView body = JsonObjectView.root(event.data());
        AttributesBuilder attributes = new AttributesBuilder();
        Optional<JsonObjectView> issue = body.object("issue");
        Optional<String> issueKey = Optional.empty();
        Optional<String> projectKey = Optional.empty();
        if (issue.isPresent()) {
            issueKey = issue.get().string("key");
            attributes.put("issue_key", issueKey);
            Optional<JsonObjectView> fields = issue.get().object("fields");
            projectKey = fields.isPresent()
                    ? webhookIssue(fields.get(), attributes)
                    : envelopeIssue(issue.get(), attributes);
        }
        changelog(body, attributes);
        comment(body, attributes);

        Optional<String> actor = body.stringAt("user", "emailAddress");
        if (actor.isEmpty()) {
            actor = body.stringAt("user", "email");
        }
        Instant time = body.instantOrEpochMillis("timestamp").orElse(event.defaultTime());
        return new Event(event.id(), SOURCE, type(event.eventType()), issueKey.orElse(event.id()),
                time, actor.orElse(null), projectKey.orElse(null), attributes.build(), event.data());
    }

    /** Uses the issue key as key when the body has one. */
    @Override
    public Event passThrough(EventSource.Payload event) {
        String key = event.id();
        String project = null;
        if (event.data().get("issue") instanceof Map<?, ?> issue) {
            if (issue.get("key") instanceof String issueKey) {
                key = issueKey;
            }
            if (issue.get("fields") instanceof Map<?, ?> fields
                    && fields.get("project") instanceof Map<?, ?> projectObject
                    && projectObject.get("key") instanceof String projectKey) {
                project = projectKey;
            }
        }
        return new Event(event.id(), SOURCE, type(event.eventType()), key, event.defaultTime(),
                null, project, Map.of(), event.data());
    }

    /** Reads Jira Cloud's {@code issue.fields}; returns the project key. */
    private static Optional<String> webhookIssue(JsonObjectView fields, AttributesBuilder attributes)
            throws MalformedEventException {
        Optional<String> projectKey = fields.stringAt("project", "key");
        attributes.put("summary", fields.string("summary"))
                .put("description", richText(fields, "description"))
                .put("issue_type", fields.stringAt("issuetype", "name"))
                .put("priority", fields.stringAt("priority", "name"))
                .put("story_points", fields.raw(STORY_POINTS_FIELD) instanceof Number n ? n : null)
                .put("project_key", projectKey)
                .put("status", fields.stringAt("status", "name"))
                .put("labels", fields.strings("labels"))
                .put("assignee_email", fields.stringAt("assignee", "emailAddress"))
                .put("reporter_email", fields.stringAt("reporter", "emailAddress"));
        return projectKey;
    }

    /** Reads the envelope's flat issue; returns the project key. */
    private static Optional<String> envelopeIssue(JsonObjectView issue, AttributesBuilder attributes)
            throws MalformedEventException {
        Optional<String> projectKey = nameOrString(issue, "project", "key");
        attributes.put("summary", issue.string("summary"))
                .put("description", richText(issue, "description"))
                .put("issue_type", nameOrString(issue, "issue_type", "name"))
                .put("priority", nameOrString(issue, "priority", "name"))
                .put("story_points", issue.raw("story_points") instanceof Number n ? n : null)
                .put("project_key", projectKey)
                .put("status", nameOrString(issue, "status", "name"))
                .put("labels", issue.strings("labels"))
                .put("assignee_email", email(issue, "assignee"))
                .put("reporter_email", email(issue, "reporter"));
        return projectKey;
    }

    private static void changelog(JsonObjectView body, AttributesBuilder attributes) throws MalformedEventException {
        Optional<JsonObjectView> changelog = body.object("changelog");
        if (changelog.isEmpty()) {
            return;
        }
        List<String> changed = new ArrayList<>();
        for (JsonObjectView item : changelog.get().objects("items").orElse(List.of())) {
            Optional<String> field = item.string("field");
            Optional<String> fieldId = item.string("fieldId");
            field.ifPresent(changed::add);
            if ("status".equalsIgnoreCase(fieldId.or(() -> field).orElse(""))) {
                attributes.put("status_from", item.string("fromString"))
                        .put("status_to", item.string("toString"));
            }
        }
        attributes.putList("changed_fields", changed);
    }

    private static void comment(JsonObjectView body, AttributesBuilder attributes) throws MalformedEventException {
        Optional<JsonObjectView> comment = body.object("comment");
        if (comment.isPresent()) {
            attributes.put("comment_id", comment.get().identifier("id"))
                    .put("comment_body", richText(comment.get(), "body"))
                    .put("comment_author_email", comment.get().stringAt("author", "emailAddress"));
        }
    }

    /** Plain text, or an Atlassian Document Format object flattened to plain text. */
    private static Optional<String> richText(JsonObjectView object, String name) throws MalformedEventException {
        Object value = object.raw(name);
        if (value instanceof Map<?, ?>) {
            return Optional.of(AtlassianDocumentText.toPlainText(object.requireObject(name)));
        }
        if (value != null && !(value instanceof String)) {
            throw JsonObjectView.wrongShape(object.pathOf(name),
                    "a string or an Atlassian Document Format object", value);
        }
        return object.string(name);
    }

    /** A string, or the named field of an object (e.g. {@code priority} or {@code priority.name}). */
    private static Optional<String> nameOrString(JsonObjectView object, String name, String field)
            throws MalformedEventException {
        if (object.raw(name) instanceof Map<?, ?>) {
            return object.requireObject(name).string(field);
        }
        return object.string(name);
    }

    /** {@code <role>_email}, or {@code <role>.email} / {@code <role>.emailAddress}. */
    private static Optional<String> email(JsonObjectView issue, String role) throws MalformedEventException {
        Optional<String> email = issue.string(role + "_email");
        if (email.isEmpty()) {
            email = issue.stringAt(role, "emailAddress");
        }
        if (email.isEmpty()) {
            email = issue.stringAt(role, "email");
        }
        return email;
    }

    /** The type without the {@code jira:} prefix, lower case. */
    private static String type(String eventType) {
        String type = eventType.trim().toLowerCase(Locale.ROOT);
        return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
    }
}
