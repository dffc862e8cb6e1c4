package dev.eventagent.tools.jira;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.api.ToolCall;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and checks a call's arguments, repeating the schema's patterns for callers that did not
 * validate (the patterns are what keep keys safe in URL paths and JQL), and enforces the project
 * allowlist.
 */
final class JiraArguments {

    /** An issue key: a project key, a dash, a number without leading zeros. */
    static final Pattern ISSUE_KEY = Pattern.compile("([A-Z][A-Z0-9_]{1,9})-[1-9][0-9]{0,9}");
    /** The longest e-mail address. */
    static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"<>(),;:\\\\\\[\\]]+@[^\\s@\"<>(),;:\\\\\\[\\]]+\\.[^\\s@\"<>(),;:\\\\\\[\\]]+");

    private final JiraSettings settings;

    JiraArguments(JiraSettings settings) {
        this.settings = settings;
    }

    /**
     * The issue key, checked against the pattern and the project allowlist.
     *
     * @param call the call
     * @return the key
     */
    String issueKey(ToolCall call) {
        String key = call.requireString("issue_key").trim();
        var matcher = ISSUE_KEY.matcher(key);
        if (!matcher.matches()) {
            throw new InvalidArgumentsException("argument 'issue_key' of " + call.toolName() + " must be a Jira issue"
                    + " key like PROJ-123 (" + ISSUE_KEY.pattern() + "), got " + quote(key));
        }
        allow(call, matcher.group(1));
        return key;
    }

    /**
     * The project key, checked against the pattern and the allowlist.
     *
     * @param call the call
     * @return the key
     */
    String projectKey(ToolCall call) {
        String key = call.requireString("project_key").trim();
        if (!JiraSettings.PROJECT_KEY.matcher(key).matches()) {
            throw new InvalidArgumentsException("argument 'project_key' of " + call.toolName() + " must be a Jira"
                    + " project key like PROJ (" + JiraSettings.PROJECT_KEY.pattern() + "), got " + quote(key));
        }
        allow(call, key);
        return key;
    }

    /**
     * An e-mail address, trimmed.
     *
     * @param call the call
     * @param name the argument
     * @return the address
     */
    static String email(ToolCall call, String name) {
        String email = call.requireString(name).trim();
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " must be an e-mail address like dev@company.com, got " + quote(email));
        }
        return email;
    }

    /**
     * A required, non-blank text.
     *
     * @param call the call
     * @param name the argument
     * @param maxLength the most characters
     * @return the text as given
     */
    static String text(ToolCall call, String name, int maxLength) {
        String text = call.requireString(name);
        if (text.isBlank()) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName() + " is blank");
        }
        if (text.length() > maxLength) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName() + " has "
                    + text.length() + " characters; at most " + maxLength + " are accepted: shorten it");
        }
        return text;
    }

    /**
     * An integer with a default and bounds.
     *
     * @param call the call
     * @param name the argument
     * @param fallback the value when absent
     * @param min the least value
     * @param max the greatest value
     * @return the value
     */
    static int integer(ToolCall call, String name, int fallback, int min, int max) {
        Optional<Number> value = call.number(name);
        if (value.isEmpty()) {
            return fallback;
        }
        double number = value.get().doubleValue();
        if (number != Math.rint(number) || number < min || number > max) {
            throw new InvalidArgumentsException("argument '" + name + "' of " + call.toolName()
                    + " must be an integer from " + min + " to " + max);
        }
        return (int) number;
    }

    /** A value for a message: quoted, control characters escaped, at most 80 characters. */
    static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder quoted = new StringBuilder("'");
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('\'').toString();
    }

    private void allow(ToolCall call, String projectKey) {
        if (!settings.allows(projectKey)) {
            throw new PolicyDeniedException(call.toolName() + " may not touch Jira project " + projectKey
                    + ": agent.plugins.jira.allowed-projects allows only " + settings.allowedProjects());
        }
    }
}
