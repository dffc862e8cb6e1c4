package dev.eventagent.testing.jira;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of JQL the testing server understands: clauses joined by {@code AND} —
 * {@code project = KEY} (quoted or not), {@code assignee IS [NOT] EMPTY|NULL},
 * {@code statusCategory = | != <category>}, {@code status = | != <name>} — and an optional
 * {@code ORDER BY created|key [ASC|DESC]}. Anything else is a JQL error (HTTP 400), as Jira
 * answers a query it cannot parse.
 *
 * @param projectKey the project the query names, or {@code null}
 * @param predicate which issues match
 * @param order the order of the results
 */
record JqlFilter(String projectKey, Predicate<TestingJiraIssue> predicate, Comparator<TestingJiraIssue> order) {

    private static final String VALUE = "(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[A-Za-z0-9_]+)";
    private static final Pattern PROJECT = Pattern.compile("(?i)project\\s*=\\s*" + VALUE);
    private static final Pattern ASSIGNEE = Pattern.compile("(?i)assignee\\s+is\\s+(not\\s+)?(empty|null)");
    private static final Pattern CATEGORY = Pattern.compile("(?i)statusCategory\\s*(!=|=)\\s*" + VALUE);
    private static final Pattern STATUS = Pattern.compile("(?i)status\\s*(!=|=)\\s*" + VALUE);
    private static final Pattern ORDER = Pattern.compile("(?i)(.*?)\\s*order\\s+by\\s+(created|key)(?:\\s+(asc|desc))?\\s*");
    private static final Pattern AND = Pattern.compile("(?i)\\s+and\\s+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

    /** A query the server cannot parse; its message is Jira's "Error in the JQL Query". */
    static final class JqlException extends Exception {
        private static final long serialVersionUID = 1L;

        JqlException(String message) {
            super(message);
        }
    }

    /**
     * Parses a query.
     *
     * @param jql the query
     * @param categoryOf the status category name of a status name
     * @return the filter
     * @throws JqlException when the query is outside the subset
     */
    static JqlFilter parse(String jql, java.util.function.Function<String, String> categoryOf) throws JqlException {
        String where = jql.trim();
        Comparator<TestingJiraIssue> order = Comparator.comparing(TestingJiraIssue::created).reversed();
        Matcher orderBy = ORDER.matcher(where);
        if (orderBy.matches()) {
            where = orderBy.group(1);
            boolean ascending = orderBy.group(3) != null && orderBy.group(3).equalsIgnoreCase("asc");
            Comparator<TestingJiraIssue> base = orderBy.group(2).equalsIgnoreCase("key")
                    ? Comparator.comparingLong(issue -> Long.parseLong(issue.key().substring(issue.key().indexOf('-') + 1)))
                    : Comparator.comparing(TestingJiraIssue::created);
            order = ascending ? base : base.reversed();
        }
        String projectKey = null;
        List<Predicate<TestingJiraIssue>> clauses = new ArrayList<>();
        for (String clause : where.isBlank() ? new String[0] : AND.split(where.trim())) {
            Matcher m;
            if ((m = PROJECT.matcher(clause)).matches()) {
                String key = unquote(m.group(1));
                projectKey = key;
                clauses.add(issue -> issue.projectKey().equalsIgnoreCase(key));
            } else if ((m = ASSIGNEE.matcher(clause)).matches()) {
                boolean empty = m.group(1) == null;
                clauses.add(issue -> (issue.assigneeAccountId() == null) == empty);
            } else if ((m = CATEGORY.matcher(clause)).matches()) {
                boolean equal = m.group(1).equals("=");
                String category = unquote(m.group(2));
                clauses.add(issue -> categoryOf.apply(issue.status()).equalsIgnoreCase(category) == equal);
            } else if ((m = STATUS.matcher(clause)).matches()) {
                boolean equal = m.group(1).equals("=");
                String status = unquote(m.group(2));
                clauses.add(issue -> issue.status().equalsIgnoreCase(status) == equal);
            } else {
                throw new JqlException("Error in the JQL Query: the testing server does not understand '"
                        + clause + "'.");
            }
        }
        Predicate<TestingJiraIssue> all = issue -> clauses.stream().allMatch(p -> p.test(issue));
        return new JqlFilter(projectKey, all, order);
    }

    /** @return the project the query names */
    Optional<String> project() {
        return Optional.ofNullable(projectKey).map(key -> key.toUpperCase(Locale.ROOT));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }
}
