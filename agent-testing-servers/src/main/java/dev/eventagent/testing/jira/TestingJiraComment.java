package dev.eventagent.testing.jira;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A comment stored by the {@link TestingJiraServer}.
 *
 * @param id the comment id
 * @param authorAccountId who wrote it (the account the credentials belong to)
 * @param bodyJson the body as received: an Atlassian Document Format document, as JSON text
 * @param text the body's plain text ({@link AdfText#plainText}): paragraphs joined by a blank
 *     line, hard breaks as new lines
 * @param properties the comment's entity properties, key to JSON text of the value
 * @param created when it was added
 */
public record TestingJiraComment(
        String id,
        String authorAccountId,
        String bodyJson,
        String text,
        Map<String, String> properties,
        Instant created) {

    /** Validates and copies the fields. */
    public TestingJiraComment {
        requireNonNull(id, "id is null");
        requireNonNull(authorAccountId, "authorAccountId is null");
        requireNonNull(bodyJson, "bodyJson is null");
        requireNonNull(text, "text is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
        requireNonNull(created, "created is null");
    }
}
