package dev.eventagent.testing.jira;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory data of the {@link TestingJiraServer}: projects, users, issues with their
 * comments, and one workflow shared by all projects. Thread-safe (every method synchronises).
 */
final class JiraStore {

    /** A transition of the workflow. */
    record Transition(String id, String name, String to) {
    }

    private static final class IssueState {
        final String id;
        final String key;
        final String projectKey;
        final String summary;
        final String priority;
        final Instant created;
        String status;
        String assignee;
        final List<TestingJiraComment> comments = new ArrayList<>();

        IssueState(String id, String key, String projectKey, String summary, String priority, Instant created,
                String status) {
            this.id = id;
            this.key = key;
            this.projectKey = projectKey;
            this.summary = summary;
            this.priority = priority;
            this.created = created;
            this.status = status;
        }

        TestingJiraIssue snapshot() {
            return new TestingJiraIssue(id, key, projectKey, summary, status, priority, created, assignee, comments);
        }
    }

    private static final Instant EPOCH = Instant.parse("2024-05-01T09:00:00Z");

    private final Map<String, String> projects = new LinkedHashMap<>();
    private final Map<String, TestingJiraUser> users = new LinkedHashMap<>();
    private final Map<String, IssueState> issues = new LinkedHashMap<>();
    private final Map<String, String> statusCategories = new LinkedHashMap<>();
    private final Map<String, List<Transition>> transitions = new LinkedHashMap<>();
    private final TestingJiraUser agent;
    private long nextIssueId = 10_000;
    private long nextCommentId = 20_000;
    private int assignments;
    private int commentsAdded;
    private int transitionsMade;

    JiraStore(TestingJiraUser agent) {
        this.agent = requireNonNull(agent, "agent is null");
        users.put(agent.accountId(), agent);
        status("To Do", "new");
        status("In Progress", "indeterminate");
        status("Done", "done");
        transition("To Do", "11", "Start Progress", "In Progress");
        transition("To Do", "31", "Done", "Done");
        transition("In Progress", "21", "Stop Progress", "To Do");
        transition("In Progress", "31", "Done", "Done");
        transition("Done", "41", "Reopen", "To Do");
    }

    synchronized TestingJiraUser agent() {
        return agent;
    }

    synchronized void status(String name, String categoryKey) {
        statusCategories.put(requireNonNull(name, "name is null"), requireNonNull(categoryKey, "categoryKey is null"));
    }

    synchronized void transition(String from, String id, String name, String to) {
        if (!statusCategories.containsKey(from) || !statusCategories.containsKey(to)) {
            throw new IllegalArgumentException("unknown status in transition " + from + " -> " + to);
        }
        transitions.computeIfAbsent(from, s -> new ArrayList<>()).add(new Transition(id, name, to));
    }

    synchronized String categoryKey(String status) {
        return statusCategories.getOrDefault(status, "undefined");
    }

    /** The category's display name, as JQL's statusCategory and the REST shapes use it. */
    synchronized String categoryName(String status) {
        return switch (categoryKey(status)) {
            case "new" -> "To Do";
            case "indeterminate" -> "In Progress";
            case "done" -> "Done";
            default -> "No Category";
        };
    }

    synchronized String statusId(String status) {
        return String.valueOf(new ArrayList<>(statusCategories.keySet()).indexOf(status) + 1);
    }

    synchronized void project(String key, String name) {
        projects.put(requireNonNull(key, "key is null"), requireNonNull(name, "name is null"));
    }

    synchronized Optional<String> projectName(String key) {
        return Optional.ofNullable(projects.get(key));
    }

    synchronized TestingJiraUser user(TestingJiraUser user) {
        users.put(user.accountId(), user);
        return user;
    }

    synchronized Optional<TestingJiraUser> user(String accountId) {
        return Optional.ofNullable(users.get(accountId));
    }

    synchronized List<TestingJiraUser> searchUsers(String query) {
        String needle = query.toLowerCase(Locale.ROOT);
        List<TestingJiraUser> found = new ArrayList<>();
        for (TestingJiraUser user : users.values()) {
            if (!needle.isEmpty() && (user.email().toLowerCase(Locale.ROOT).contains(needle)
                    || user.displayName().toLowerCase(Locale.ROOT).contains(needle))) {
                found.add(user);
            }
        }
        return found;
    }

    synchronized TestingJiraIssue issue(String key, String summary, String status, String priority) {
        int dash = key.indexOf('-');
        if (dash < 1) {
            throw new IllegalArgumentException("issue key '" + key + "' is not PROJECT-NUMBER");
        }
        if (!statusCategories.containsKey(status)) {
            throw new IllegalArgumentException("unknown status '" + status + "'; known: " + statusCategories.keySet());
        }
        String projectKey = key.substring(0, dash);
        projects.putIfAbsent(projectKey, projectKey);
        Instant created = EPOCH.plus(Duration.ofMinutes(issues.size()));
        IssueState state = new IssueState(String.valueOf(nextIssueId++), key, projectKey, summary, priority, created,
                status);
        issues.put(key, state);
        return state.snapshot();
    }

    synchronized Optional<TestingJiraIssue> issue(String key) {
        return Optional.ofNullable(issues.get(key)).map(IssueState::snapshot);
    }

    synchronized List<TestingJiraIssue> issues() {
        return issues.values().stream().map(IssueState::snapshot).toList();
    }

    synchronized void setAssignee(String key, String accountId, boolean countAsEffect) {
        state(key).assignee = accountId;
        if (countAsEffect) {
            assignments++;
        }
    }

    synchronized void setStatus(String key, String status) {
        if (!statusCategories.containsKey(status)) {
            throw new IllegalArgumentException("unknown status '" + status + "'");
        }
        state(key).status = status;
    }

    synchronized List<Transition> transitionsOf(String key) {
        return List.copyOf(transitions.getOrDefault(state(key).status, List.of()));
    }

    synchronized Optional<Transition> applyTransition(String key, String transitionId) {
        IssueState state = state(key);
        for (Transition transition : transitions.getOrDefault(state.status, List.of())) {
            if (transition.id().equals(transitionId)) {
                state.status = transition.to();
                transitionsMade++;
                return Optional.of(transition);
            }
        }
        return Optional.empty();
    }

    synchronized TestingJiraComment addComment(String key, String bodyJson, String text, Map<String, String> properties) {
        IssueState state = state(key);
        TestingJiraComment comment = new TestingJiraComment(String.valueOf(nextCommentId++), agent.accountId(),
                bodyJson, text, properties, EPOCH.plus(Duration.ofSeconds(nextCommentId)));
        state.comments.add(comment);
        commentsAdded++;
        return comment;
    }

    synchronized Optional<TestingJiraComment> comment(String id) {
        for (IssueState state : issues.values()) {
            for (TestingJiraComment comment : state.comments) {
                if (comment.id().equals(id)) {
                    return Optional.of(comment);
                }
            }
        }
        return Optional.empty();
    }

    synchronized int assignments() {
        return assignments;
    }

    synchronized int commentsAdded() {
        return commentsAdded;
    }

    synchronized int transitionsMade() {
        return transitionsMade;
    }

    private IssueState state(String key) {
        IssueState state = issues.get(key);
        if (state == null) {
            throw new IllegalArgumentException("no issue " + key);
        }
        return state;
    }
}
