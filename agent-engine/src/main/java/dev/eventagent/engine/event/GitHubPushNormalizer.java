package dev.eventagent.engine.event;

import dev.eventagent.api.Event;
import dev.eventagent.api.EventSource;
import dev.eventagent.api.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code push} part of {@link GitHubNormalizer}. Reads both the real webhook body (commits
 * with {@code id}, {@code added}/{@code removed}/{@code modified}, no line stats) and the seed
 * envelope (commits with {@code sha}, {@code files}, {@code stats}) into the same attributes.
 */
final class GitHubPushNormalizer {

    private static final String BRANCH_REF = "refs/heads/";

    private GitHubPushNormalizer() {
    }

    /**
     * Normalises a push.
     *
     * @param event the detected event
     * @param body its body
     * @param repository its repository
     * @return the event of type {@code push}
     * @throws MalformedEventException when a field has the wrong type
     */
    static Event normalize(EventSource.Payload event, JsonObjectView body, GitHubRepository repository)
            throws MalformedEventException {
        Optional<List<JsonObjectView>> commitViews = body.objects("commits");
        List<Map<String, Object>> commits = commitViews.isPresent() ? new ArrayList<>() : null;
        Optional<String> lastAuthorEmail = Optional.empty();
        Optional<Instant> lastTimestamp = Optional.empty();
        for (JsonObjectView commit : commitViews.orElse(List.of())) {
            lastAuthorEmail = commit.stringAt("author", "email");
            lastTimestamp = commit.instant("timestamp");
        }
        Optional<String> ref = body.string("ref");
        Optional<String> branch = body.string("branch");
        if (branch.isEmpty() && ref.isPresent() && ref.get().startsWith(BRANCH_REF)) {
            branch = Optional.of(ref.get().substring(BRANCH_REF.length()));
        }
        Optional<JsonObjectView> head = body.object("head_commit");
        Optional<String> headSha = head.isPresent() ? head.get().string("id") : Optional.empty();
        if (headSha.isEmpty()) {
            headSha = body.string("after");
        }
        Optional<String> pusherEmail = body.stringAt("pusher", "email");
        Optional<Instant> time = head.isPresent() ? head.get().instant("timestamp") : Optional.empty();
        if (time.isEmpty()) {
            time = lastTimestamp;
        }
        Instant eventTime = time.orElse(event.defaultTime());
        for (JsonObjectView commit : commitViews.orElse(List.of())) {
            commits.add(commit(commit, eventTime));
        }

        AttributesBuilder attributes = repository.addTo(new AttributesBuilder())
                .put("ref", ref)
                .put("branch", branch)
                .put("head_sha", headSha)
                .put("pusher_email", pusherEmail)
                .putList("commits", commits);

        Optional<String> actor = pusherEmail;
        if (actor.isEmpty() && head.isPresent()) {
            actor = head.get().stringAt("author", "email");
        }
        if (actor.isEmpty()) {
            actor = lastAuthorEmail;
        }
        return new Event(event.id(), GitHubNormalizer.SOURCE, "push", repository.key(event.id()),
                eventTime, actor.orElse(null), repository.name(),
                attributes.build(), event.data());
    }

    /** A commit's attributes; one without a timestamp (the seed's envelope) gets the push's time. */
    private static Map<String, Object> commit(JsonObjectView commit, Instant pushTime) throws MalformedEventException {
        Optional<String> sha = commit.string("sha");
        if (sha.isEmpty()) {
            sha = commit.string("id");
        }
        AttributesBuilder attributes = new AttributesBuilder()
                .put("sha", sha)
                .put("message", commit.string("message"))
                .put("author_email", commit.stringAt("author", "email"))
                .put("author_name", commit.stringAt("author", "name"))
                .put("timestamp", Optional.of(commit.isoTimestamp("timestamp").orElse(pushTime.toString())));
        List<String> files = files(commit);
        if (files != null) {
            attributes.putList("files", files).put("files_changed", files.size());
        }
        Optional<JsonObjectView> stats = commit.object("stats");
        if (stats.isPresent()) {
            attributes.put("lines_added", stats.get().number("additions"))
                    .put("lines_deleted", stats.get().number("deletions"));
        }
        return attributes.put("url", commit.string("url")).build();
    }

    /** The paths a commit touched, or {@code null} when the payload does not say. */
    private static List<String> files(JsonObjectView commit) throws MalformedEventException {
        Optional<List<String>> added = commit.strings("added");
        Optional<List<String>> removed = commit.strings("removed");
        Optional<List<String>> modified = commit.strings("modified");
        if (added.isPresent() || removed.isPresent() || modified.isPresent()) {
            Set<String> paths = new LinkedHashSet<>();
            added.ifPresent(paths::addAll);
            removed.ifPresent(paths::addAll);
            modified.ifPresent(paths::addAll);
            return List.copyOf(paths);
        }
        return commit.strings("files").orElse(null);
    }
}
