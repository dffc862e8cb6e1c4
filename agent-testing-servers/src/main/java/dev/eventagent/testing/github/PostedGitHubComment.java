package dev.eventagent.testing.github;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A comment the {@link TestingGitHubServer} holds: what would have been posted.
 *
 * @param id the comment id
 * @param repository {@code owner/name}
 * @param issueNumber the issue or pull request number
 * @param body the comment body as posted
 * @param url the comment's {@code html_url}
 * @param createdAt when it was posted
 */
public record PostedGitHubComment(long id, String repository, int issueNumber, String body, String url,
        Instant createdAt) {

    /** Validates the fields. */
    public PostedGitHubComment {
        requireNonNull(repository, "repository is null");
        requireNonNull(body, "body is null");
        requireNonNull(url, "url is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
