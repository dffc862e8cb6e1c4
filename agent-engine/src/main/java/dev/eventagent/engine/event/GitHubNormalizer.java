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
 * Normalises GitHub webhook bodies (and the envelope and CloudEvents carrying the same fields):
 * {@code push}, {@code pull_request}, {@code issues}, {@code deployment_status} and
 * {@code workflow_run}. The event type on the wire is GitHub's event name (the
 * {@code X-GitHub-Event} header); anything after a dot ({@code pull_request.opened}) is ignored
 * because the body's {@code action} says the same.
 */
public final class GitHubNormalizer implements EventSource {

    /** The source name. */
    public static final String SOURCE = "github";

    /** The header naming a webhook's event. */
    static final String EVENT_HEADER = "X-GitHub-Event";

    /** The header holding a webhook's delivery id (the same on a redelivery from GitHub's settings). */
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";

    private static final List<String> EVENTS =
            List.of("push", "pull_request", "issues", "deployment_status", "workflow_run");

    private final Map<String, String> emailsByLogin;

    /** Creates the normaliser. */
    public GitHubNormalizer() {
        this(Map.of());
    }

    /**
     * Creates the normaliser with the e-mails of GitHub logins, for the pull requests whose
     * author GitHub names by login only ({@code agent.decode.github-emails}).
     *
     * @param emailsByLogin e-mail by login, matched case-insensitively
     */
    public GitHubNormalizer(Map<String, String> emailsByLogin) {
        Map<String, String> lowered = new java.util.HashMap<>();
        emailsByLogin.forEach((login, email) -> lowered.put(login.toLowerCase(Locale.ROOT), email));
        this.emailsByLogin = Map.copyOf(lowered);
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
        return EVENTS.contains(eventName(eventType));
    }

    /** GitHub's webhooks say their event in {@code X-GitHub-Event} and their delivery in {@code X-GitHub-Delivery}. */
    @Override
    public Optional<EventSource.Recognized> recognize(Map<String, String> headers, Map<String, Object> body) {
        String event = headers.get(EVENT_HEADER);
        if (event == null || event.isBlank()) {
            return Optional.empty();
        }
        String delivery = headers.get(DELIVERY_HEADER);
        return Optional.of(EventSource.Recognized.byHeader(event.trim(),
                delivery == null || delivery.isBlank() ? null : delivery, "the " + EVENT_HEADER + " header"));
    }

    @Override
    public Event normalize(EventSource.Payload event) throws MalformedEventException {
        JsonObjectView body = JsonObjectView.root(event.data());
        GitHubRepository repository = GitHubRepository.of(body);
        String name = eventName(event.eventType());
        return switch (name) {
            case "push" -> GitHubPushNormalizer.normalize(event, body, repository);
            case "pull_request" -> pullRequest(event, body, repository);
            case "issues" -> issues(event, body, repository);
            case "deployment_status" -> deploymentStatus(event, body, repository);
            case "workflow_run" -> workflowRun(event, body, repository);
            default -> throw new IllegalArgumentException("unsupported GitHub event " + name);
        };
    }

    /** Keeps the repository as key and project when the body has a readable one. */
    @Override
    public Event passThrough(EventSource.Payload event) {
        GitHubRepository repository;
        try {
            repository = GitHubRepository.of(JsonObjectView.root(event.data()));
        } catch (MalformedEventException e) {
            repository = new GitHubRepository(null, null);
        }
        return new Event(event.id(), SOURCE, event.eventType(), repository.key(event.id()),
                event.defaultTime(), null, repository.name(), Map.of(), event.data());
    }

    private Event pullRequest(EventSource.Payload event, JsonObjectView body, GitHubRepository repository)
            throws MalformedEventException {
        JsonObjectView pr = body.requireObject("pull_request");
        Optional<String> action = body.string("action");
        boolean merged = pr.bool("merged").orElse(false);
        String type = action.isEmpty() ? "pull_request"
                : "closed".equals(action.get()) && merged ? "pull_request.merged"
                : "pull_request." + action.get();
        Optional<Number> number = body.number("number");
        if (number.isEmpty()) {
            number = pr.number("number");
        }
        Optional<Number> additions = pr.number("additions");
        Optional<Number> deletions = pr.number("deletions");
        Optional<String> authorLogin = pr.stringAt("user", "login");
        Optional<String> authorEmail = pr.stringAt("user", "email")
                .or(() -> authorLogin.map(login -> emailsByLogin.get(login.toLowerCase(Locale.ROOT))));
        AttributesBuilder attributes = repository.addTo(new AttributesBuilder())
                .put("pr_number", number)
                .put("action", action)
                .put("merged", merged)
                .put("title", pr.string("title"))
                .put("author_login", authorLogin)
                .put("author_email", authorEmail)
                .put("created_at", pr.isoTimestamp("created_at"))
                .put("merged_at", pr.isoTimestamp("merged_at"))
                .put("lines_changed", linesChanged(additions, deletions))
                .put("hours_open", hoursOpen(pr))
                .put("head_sha", pr.stringAt("head", "sha"))
                .put("head_branch", pr.stringAt("head", "ref"))
                .put("base_branch", pr.stringAt("base", "ref"))
                .put("url", pr.string("html_url"));
        Instant time = pr.instant("updated_at").orElse(event.defaultTime());
        return new Event(event.id(), SOURCE, type, repository.key(event.id()), time,
                authorEmail.orElse(null), repository.name(), attributes.build(), event.data());
    }

    /**
     * How long a closed pull request was open (created to merged, else to closed), in hours with
     * two decimals: its review time.
     */
    private static Optional<Double> hoursOpen(JsonObjectView pr) throws MalformedEventException {
        Optional<Instant> created = pr.instant("created_at");
        Optional<Instant> ended = pr.instant("merged_at");
        if (ended.isEmpty()) {
            ended = pr.instant("closed_at");
        }
        if (created.isEmpty() || ended.isEmpty() || ended.get().isBefore(created.get())) {
            return Optional.empty();
        }
        double hours = java.time.Duration.between(created.get(), ended.get()).toSeconds() / 3600.0;
        return Optional.of(Math.round(hours * 100) / 100.0);
    }

    private static Event issues(EventSource.Payload event, JsonObjectView body, GitHubRepository repository)
            throws MalformedEventException {
        JsonObjectView issue = body.requireObject("issue");
        Optional<String> action = body.string("action");
        List<String> labels = new ArrayList<>();
        Optional<List<JsonObjectView>> labelObjects = issue.objects("labels");
        if (labelObjects.isPresent()) {
            for (JsonObjectView label : labelObjects.get()) {
                label.string("name").ifPresent(labels::add);
            }
        }
        AttributesBuilder attributes = repository.addTo(new AttributesBuilder())
                .put("action", action)
                .put("issue_number", issue.number("number"))
                .put("title", issue.string("title"))
                .put("body", issue.string("body"))
                .putList("labels", labelObjects.isPresent() ? labels : null)
                .put("state", issue.string("state"))
                .put("author_login", issue.stringAt("user", "login"))
                .put("url", issue.string("html_url"));
        Instant time = issue.instant("updated_at").orElse(event.defaultTime());
        return new Event(event.id(), SOURCE, action.map(a -> "issues." + a).orElse("issues"),
                repository.key(event.id()), time, issue.stringAt("user", "email").orElse(null),
                repository.name(), attributes.build(), event.data());
    }

    private static Event deploymentStatus(EventSource.Payload event, JsonObjectView body,
            GitHubRepository repository) throws MalformedEventException {
        JsonObjectView status = body.requireObject("deployment_status");
        Optional<JsonObjectView> deployment = body.object("deployment");
        Optional<String> environment = status.string("environment");
        Optional<Number> deploymentId = Optional.empty();
        Optional<String> sha = Optional.empty();
        Optional<String> ref = Optional.empty();
        if (deployment.isPresent()) {
            deploymentId = deployment.get().number("id");
            sha = deployment.get().string("sha");
            ref = deployment.get().string("ref");
            if (environment.isEmpty()) {
                environment = deployment.get().string("environment");
            }
        }
        Optional<Instant> createdAt = status.instant("created_at");
        AttributesBuilder attributes = repository.addTo(new AttributesBuilder())
                .put("deployment_id", deploymentId)
                .put("environment", environment)
                .put("status", status.string("state"))
                .put("sha", sha)
                .put("ref", ref)
                .put("timestamp", createdAt.map(Instant::toString))
                .put("project", repository.name())
                .put("description", status.string("description"))
                .put("creator_login", status.stringAt("creator", "login"));
        return new Event(event.id(), SOURCE, "deployment_status", repository.key(event.id()),
                createdAt.orElse(event.defaultTime()), null, repository.name(), attributes.build(),
                event.data());
    }

    private static Event workflowRun(EventSource.Payload event, JsonObjectView body, GitHubRepository repository)
            throws MalformedEventException {
        JsonObjectView run = body.requireObject("workflow_run");
        Optional<String> action = body.string("action");
        Optional<String> workflowName = run.string("name");
        if (workflowName.isEmpty()) {
            workflowName = body.stringAt("workflow", "name");
        }
        AttributesBuilder attributes = repository.addTo(new AttributesBuilder())
                .put("action", action)
                .put("run_id", run.number("id"))
                .put("run_number", run.number("run_number"))
                .put("workflow_name", workflowName)
                .put("status", run.string("status"))
                .put("conclusion", run.string("conclusion"))
                .put("head_sha", run.string("head_sha"))
                .put("head_branch", run.string("head_branch"))
                .put("trigger", run.string("event"))
                .put("actor_login", run.stringAt("actor", "login"))
                .put("url", run.string("html_url"));
        Instant time = run.instant("updated_at").orElse(event.defaultTime());
        return new Event(event.id(), SOURCE, action.map(a -> "workflow_run." + a).orElse("workflow_run"),
                repository.key(event.id()), time, null, repository.name(), attributes.build(),
                event.data());
    }

    /** Additions plus deletions, or {@code null} unless the payload has both. */
    private static Long linesChanged(Optional<Number> additions, Optional<Number> deletions) {
        if (additions.isEmpty() || deletions.isEmpty()) {
            return null;
        }
        return additions.get().longValue() + deletions.get().longValue();
    }

    /** GitHub's event name: lower case, without any {@code .action} suffix. */
    private static String eventName(String eventType) {
        String name = eventType.trim().toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
