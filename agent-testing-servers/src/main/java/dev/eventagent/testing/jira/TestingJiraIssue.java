package dev.eventagent.testing.jira;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of an issue held by the {@link TestingJiraServer}.
 *
 * @param id the numeric issue id, as text
 * @param key the issue key, e.g. {@code PROJ-1}
 * @param projectKey the project key, e.g. {@code PROJ}
 * @param summary the summary
 * @param status the current status name, e.g. {@code In Progress}
 * @param priority the priority name, e.g. {@code High}
 * @param created when it was created
 * @param assigneeAccountId the assignee's account id, or {@code null} when unassigned
 * @param comments the comments, oldest first
 */
public record TestingJiraIssue(
        String id,
        String key,
        String projectKey,
        String summary,
        String status,
        String priority,
        Instant created,
        String assigneeAccountId,
        List<TestingJiraComment> comments) {

    /** Validates and copies the fields. */
    public TestingJiraIssue {
        requireNonNull(id, "id is null");
        requireNonNull(key, "key is null");
        requireNonNull(projectKey, "projectKey is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(status, "status is null");
        requireNonNull(priority, "priority is null");
        requireNonNull(created, "created is null");
        comments = List.copyOf(requireNonNull(comments, "comments is null"));
    }

    /** @return the assignee's account id, or empty */
    public Optional<String> assignee() {
        return Optional.ofNullable(assigneeAccountId);
    }
}
