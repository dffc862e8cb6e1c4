package dev.eventagent.engine.event;

import static dev.eventagent.engine.event.EventFixtures.DELIVERY;
import static dev.eventagent.engine.event.EventFixtures.RECEIVED;
import static dev.eventagent.engine.event.EventFixtures.failure;
import static dev.eventagent.engine.event.EventFixtures.fixture;
import static dev.eventagent.engine.event.EventFixtures.github;
import static dev.eventagent.engine.event.EventFixtures.record;
import static dev.eventagent.engine.event.EventFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Event;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GitHubNormalizerTest {

    private final EventDecoder decoder = new EventDecoder(DecoderSettings.defaults());

    @Test
    void realPushWebhook() throws DecodeException {
        Event event = decoder.decode(github("github-push.json", "push"));

        assertThat(event.id()).isEqualTo("github:" + DELIVERY);
        assertThat(event.source()).isEqualTo("github");
        assertThat(event.type()).isEqualTo("push");
        assertThat(event.eventClass()).isEqualTo("github.push");
        assertThat(event.key()).isEqualTo("acme/api-gateway");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-14T16:40:02Z"));
        assertThat(event.actorEmail()).isEqualTo("alice@company.com");
        assertThat(event.project()).isEqualTo("api-gateway");
        assertThat(event.attributes()).containsExactly(
                Map.entry("repository", "api-gateway"),
                Map.entry("repository_full_name", "acme/api-gateway"),
                Map.entry("ref", "refs/heads/main"),
                Map.entry("branch", "main"),
                Map.entry("head_sha", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"),
                Map.entry("pusher_email", "alice@company.com"),
                Map.entry("commits", List.of(
                        Map.of("sha", "b3a9d0c4e1f2a3b4c5d6e7f8091a2b3c4d5e6f70",
                                "message", "Add OAuth2 authentication",
                                "author_email", "alice@company.com",
                                "author_name", "Alice Johnson",
                                "timestamp", "2024-05-14T16:12:31Z",
                                "files", List.of("auth/oauth.py", "tests/test_auth.py"),
                                "files_changed", 2,
                                "url", "https://github.com/acme/api-gateway/commit/b3a9d0c4e1f2a3b4c5d6e7f8091a2b3c4d5e6f70"),
                        Map.of("sha", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
                                "message", "Fix token refresh race\n\nRefresh tokens under a lock so two "
                                        + "requests cannot both rotate them.",
                                "author_email", "bob@company.com",
                                "author_name", "Bob Smith",
                                "timestamp", "2024-05-14T16:40:02Z",
                                "files", List.of("auth/legacy.py", "auth/oauth.py", "auth/session.py"),
                                "files_changed", 3,
                                "url", "https://github.com/acme/api-gateway/commit/0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"))));
        assertThat(event.payload()).containsKeys("ref", "before", "after", "pusher", "sender", "head_commit");
    }

    @Test
    void seedPushEnvelope() throws DecodeException {
        Event event = decoder.decode(fixture("seed-github-push.json", Map.of()));

        assertThat(event.id()).matches("github:[0-9a-f]{32}");
        assertThat(event.type()).isEqualTo("push");
        assertThat(event.key()).isEqualTo("api-gateway");
        assertThat(event.time()).isEqualTo(RECEIVED);
        assertThat(event.actorEmail()).isEqualTo("alice@company.com");
        assertThat(event.project()).isEqualTo("api-gateway");
        assertThat(event.attributes()).containsExactly(
                Map.entry("repository", "api-gateway"),
                Map.entry("commits", List.of(Map.of(
                        "sha", "abc123",
                        "message", "Add OAuth2 authentication",
                        "author_email", "alice@company.com",
                        "author_name", "Alice Johnson",
                        "files", List.of("auth/oauth.py", "tests/test_auth.py"),
                        "files_changed", 2,
                        "lines_added", 150,
                        "lines_deleted", 20,
                        "timestamp", RECEIVED.toString()))));
        assertThat(event.payload()).containsEntry("source", "github").containsEntry("event_type", "push");
    }

    @Test
    void seedAndRealPushUseTheSameAttributeNames() throws DecodeException {
        Event seed = decoder.decode(fixture("seed-github-push.json", Map.of()));
        Event real = decoder.decode(github("github-push.json", "push"));

        assertThat(real.attributes().keySet()).containsAll(seed.attributes().keySet());
        Set<String> seedCommit = commitKeys(seed);
        Set<String> realCommit = commitKeys(real);
        assertThat(seedCommit).contains("sha", "message", "author_email", "author_name", "files", "files_changed");
        assertThat(realCommit).contains("sha", "message", "author_email", "author_name", "files", "files_changed");
        // line stats only where the payload has them: the seed has stats, GitHub's push webhook has none
        Set<String> seedOnly = new HashSet<>(seedCommit);
        seedOnly.removeAll(realCommit);
        assertThat(seedOnly).containsExactlyInAnyOrder("lines_added", "lines_deleted");
        assertThat(realCommit).doesNotContain("lines_added", "lines_deleted");
    }

    @Test
    void pullRequestOpened() throws DecodeException {
        Event event = decoder.decode(github("github-pull-request-opened.json", "pull_request"));

        assertThat(event.type()).isEqualTo("pull_request.opened");
        assertThat(event.key()).isEqualTo("acme/api-gateway");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-15T08:00:00Z"));
        assertThat(event.actorEmail()).isNull();
        assertThat(event.project()).isEqualTo("api-gateway");
        assertThat(event.attributes()).containsExactly(
                Map.entry("repository", "api-gateway"),
                Map.entry("repository_full_name", "acme/api-gateway"),
                Map.entry("pr_number", 42),
                Map.entry("action", "opened"),
                Map.entry("merged", false),
                Map.entry("title", "Add rate limiting to the gateway"),
                Map.entry("author_login", "bob-s"),
                Map.entry("created_at", "2024-05-15T08:00:00Z"),
                Map.entry("lines_changed", 252L),
                Map.entry("head_sha", "4f2e1d0c9b8a79685746352413021f0e1d2c3b4a"),
                Map.entry("head_branch", "feature/rate-limit"),
                Map.entry("base_branch", "main"),
                Map.entry("url", "https://github.com/acme/api-gateway/pull/42"));
    }

    @Test
    void pullRequestClosedAndMergedIsMerged() throws DecodeException {
        Event event = decoder.decode(github("github-pull-request-merged.json", "pull_request"));

        assertThat(event.type()).isEqualTo("pull_request.merged");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-16T14:31:07Z"));
        assertThat(event.attributes())
                .containsEntry("action", "closed")
                .containsEntry("merged", true)
                .containsEntry("merged_at", "2024-05-16T14:31:06Z")
                .containsEntry("created_at", "2024-05-15T08:00:00Z")
                .containsEntry("pr_number", 42)
                .containsEntry("lines_changed", 252L)
                .containsEntry("hours_open", 30.52)
                .doesNotContainKey("author_email");
    }

    @Test
    void pullRequestAuthorEmailFromTheConfiguredLogins() throws DecodeException {
        EventDecoder withLogins = new EventDecoder(DecoderSettings.fromConfig(com.typesafe.config.ConfigFactory
                .parseString("agent.decode.github-emails { \"BOB-S\" = \"bob@company.com\" }")));

        Event event = withLogins.decode(github("github-pull-request-merged.json", "pull_request"));

        assertThat(event.attributes()).containsEntry("author_login", "bob-s")
                .containsEntry("author_email", "bob@company.com");
        assertThat(event.actorEmail()).isEqualTo("bob@company.com");
    }

    @Test
    void pullRequestClosedWithoutMergeStaysClosed() throws DecodeException {
        String closed = text("github-pull-request-merged.json").replace("\"merged\": true", "\"merged\": false");

        Event event = decoder.decode(record(closed, Map.of("X-GitHub-Event", "pull_request")));

        assertThat(event.type()).isEqualTo("pull_request.closed");
        assertThat(event.attributes()).containsEntry("merged", false);
    }

    @Test
    void pullRequestAuthorEmailWhenPresent() throws DecodeException {
        String withEmail = text("github-pull-request-opened.json")
                .replaceFirst("\"login\": \"bob-s\",", "\"login\": \"bob-s\", \"email\": \"bob@company.com\",");

        Event event = decoder.decode(record(withEmail, Map.of("X-GitHub-Event", "pull_request")));

        assertThat(event.attributes()).containsEntry("author_email", "bob@company.com");
        assertThat(event.actorEmail()).isEqualTo("bob@company.com");
    }

    @Test
    void issuesOpened() throws DecodeException {
        Event event = decoder.decode(github("github-issues-opened.json", "issues"));

        assertThat(event.type()).isEqualTo("issues.opened");
        assertThat(event.key()).isEqualTo("acme/api-gateway");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-15T09:30:00Z"));
        assertThat(event.attributes()).containsExactly(
                Map.entry("repository", "api-gateway"),
                Map.entry("repository_full_name", "acme/api-gateway"),
                Map.entry("action", "opened"),
                Map.entry("issue_number", 87),
                Map.entry("title", "Gateway returns 502 on uploads over 10 MB"),
                Map.entry("body", "Steps to reproduce:\n1. `curl -F file=@big.bin https://gw.company.com/upload`\n"
                        + "2. Observe `502 Bad Gateway` after ~30s"),
                Map.entry("labels", List.of("bug", "priority:high")),
                Map.entry("state", "open"),
                Map.entry("author_login", "carol-d"),
                Map.entry("url", "https://github.com/acme/api-gateway/issues/87"));
    }

    @Test
    void deploymentStatus() throws DecodeException {
        Event event = decoder.decode(github("github-deployment-status.json", "deployment_status"));

        assertThat(event.type()).isEqualTo("deployment_status");
        assertThat(event.key()).isEqualTo("acme/api-gateway");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-16T15:02:44Z"));
        assertThat(event.attributes()).containsExactly(
                Map.entry("repository", "api-gateway"),
                Map.entry("repository_full_name", "acme/api-gateway"),
                Map.entry("deployment_id", 987654321),
                Map.entry("environment", "production"),
                Map.entry("status", "success"),
                Map.entry("sha", "9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a392817065"),
                Map.entry("ref", "main"),
                Map.entry("timestamp", "2024-05-16T15:02:44Z"),
                Map.entry("project", "api-gateway"),
                Map.entry("description", "Deployment finished successfully."),
                Map.entry("creator_login", "alice-j"));
    }

    @Test
    void workflowRunCompleted() throws DecodeException {
        Event event = decoder.decode(github("github-workflow-run-completed.json", "workflow_run"));

        assertThat(event.type()).isEqualTo("workflow_run.completed");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-15T11:20:44Z"));
        assertThat(event.attributes()).containsExactly(
                Map.entry("repository", "api-gateway"),
                Map.entry("repository_full_name", "acme/api-gateway"),
                Map.entry("action", "completed"),
                Map.entry("run_id", 9123456789L),
                Map.entry("run_number", 311),
                Map.entry("workflow_name", "CI"),
                Map.entry("status", "completed"),
                Map.entry("conclusion", "failure"),
                Map.entry("head_sha", "4f2e1d0c9b8a79685746352413021f0e1d2c3b4a"),
                Map.entry("head_branch", "feature/rate-limit"),
                Map.entry("trigger", "pull_request"),
                Map.entry("actor_login", "bob-s"),
                Map.entry("url", "https://github.com/acme/api-gateway/actions/runs/9123456789"));
    }

    @Test
    void commitsThatAreNotAnArrayAreTheWrongShape() {
        String json = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api-gateway\","
                + "\"commits\":\"abc123 Add OAuth2\"}";

        DecodeException e = failure(decoder, record(json, Map.of()));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e).hasMessage("wrong shape at $.commits: expected an array, found a string ('abc123 Add OAuth2')");
    }

    @Test
    void anAuthorThatIsANumberIsTheWrongShape() {
        String json = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":\"api-gateway\","
                + "\"commits\":[{\"sha\":\"a\"},{\"sha\":\"b\",\"author\":42}]}";

        DecodeException e = failure(decoder, record(json, Map.of()));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e).hasMessage("wrong shape at $.commits[1].author: expected an object, found a number (42)");
    }

    @Test
    void aRepositoryThatIsANumberIsTheWrongShape() {
        String json = "{\"source\":\"github\",\"event_type\":\"push\",\"repository\":7,\"commits\":[]}";

        assertThat(failure(decoder, record(json, Map.of())))
                .hasMessage("wrong shape at $.repository: expected an object or a string, found a number (7)");
    }

    @Test
    void aPullRequestEventWithoutPullRequestIsTheWrongShape() {
        DecodeException e = failure(decoder,
                record("{\"action\":\"opened\"}", Map.of("X-GitHub-Event", "pull_request")));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e).hasMessage("wrong shape at $.pull_request: expected an object, found nothing");
    }

    @Test
    void unknownGitHubEventTypeIsRejectedOrPassedThrough() throws DecodeException {
        RawRecord star = record("{\"action\":\"created\",\"repository\":{\"name\":\"api-gateway\","
                + "\"full_name\":\"acme/api-gateway\"}}", Map.of("X-GitHub-Event", "star"));

        DecodeException e = failure(decoder, star);
        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_TYPE);
        assertThat(e.getMessage())
                .contains("event type 'star' (from the X-GitHub-Event header)")
                .contains("[push, pull_request, issues, deployment_status, workflow_run]")
                .contains("agent.decode.accept-unknown-types");

        Event event = new EventDecoder(new DecoderSettings(1024 * 1024, true)).decode(star);
        assertThat(event.type()).isEqualTo("star");
        assertThat(event.attributes()).isEmpty();
        assertThat(event.key()).isEqualTo("acme/api-gateway");
        assertThat(event.project()).isEqualTo("api-gateway");
        assertThat(event.time()).isEqualTo(RECEIVED);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> commitKeys(Event event) {
        List<Map<String, Object>> commits = (List<Map<String, Object>>) event.attributes().get("commits");
        return commits.get(0).keySet();
    }
}
