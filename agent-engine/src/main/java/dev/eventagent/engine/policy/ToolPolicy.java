package dev.eventagent.engine.policy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.eventagent.api.Risk;
import dev.eventagent.engine.config.StartupException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's tool policy, from {@code agent.policy}: which tools may run for which event class
 * and which risk needs approval. Checked for every call before it runs, whoever planned it.
 */
public final class ToolPolicy {

    private final Map<String, List<String>> classes;
    private final Optional<Risk> approvalAt;
    private final ArgumentConstraints constraints;

    private ToolPolicy(Map<String, List<String>> classes, Optional<Risk> approvalAt, ArgumentConstraints constraints) {
        this.classes = classes;
        this.approvalAt = approvalAt;
        this.constraints = constraints;
    }

    /**
     * Reads the policy.
     *
     * @param policy the {@code agent.policy} subtree
     * @return the policy
     */
    public static ToolPolicy of(Config policy) {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : policy.getObject("classes").entrySet()) {
            Object value = entry.getValue().unwrapped();
            if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                problems.add(entry.getValue().origin().description() + ": agent.policy.classes.\"" + entry.getKey()
                        + "\" must be a list of tool names");
                continue;
            }
            classes.put(entry.getKey(), list.stream().map(String.class::cast).toList());
        }
        String level = policy.getString("require-approval-at").toUpperCase(Locale.ROOT);
        Optional<Risk> approval = Optional.empty();
        if (!"NONE".equals(level)) {
            try {
                approval = Optional.of(Risk.valueOf(level));
            } catch (IllegalArgumentException e) {
                problems.add(policy.getValue("require-approval-at").origin().description()
                        + ": agent.policy.require-approval-at must be NONE, LOW, MEDIUM or HIGH, not " + level);
            }
        }
        ArgumentConstraints constraints = ArgumentConstraints.of(policy.getConfig("arguments"), problems);
        if (!problems.isEmpty()) {
            throw new StartupException(problems);
        }
        return new ToolPolicy(classes, approval, constraints);
    }

    /**
     * The allowlist that governs an event class: the entry for the exact class, else for its
     * source ({@code github.*}), else {@code *}.
     *
     * @param eventClass the class, e.g. {@code github.push}
     * @return the allowed tools, or empty when no entry governs the class
     */
    public Optional<List<String>> allowlist(String eventClass) {
        if (classes.containsKey(eventClass)) {
            return Optional.of(classes.get(eventClass));
        }
        int dot = eventClass.indexOf('.');
        String sourceWildcard = (dot < 0 ? eventClass : eventClass.substring(0, dot)) + ".*";
        if (classes.containsKey(sourceWildcard)) {
            return Optional.of(classes.get(sourceWildcard));
        }
        return Optional.ofNullable(classes.get("*"));
    }

    /**
     * Why a tool may not run for an event class.
     *
     * @param eventClass the class
     * @param tool the tool
     * @return the reason, or empty when allowed
     */
    public Optional<String> denial(String eventClass, String tool) {
        Optional<List<String>> allowed = allowlist(eventClass);
        if (allowed.isPresent() && !allowed.get().contains(tool)) {
            return Optional.of("tool " + tool + " is not allowed for events of class " + eventClass
                    + " (agent.policy.classes allows " + allowed.get() + ")");
        }
        return Optional.empty();
    }

    /**
     * Why a call's arguments are outside what {@code agent.policy.arguments} allows.
     *
     * @param tool the tool
     * @param arguments the arguments
     * @return the reason, or empty when allowed
     */
    public Optional<String> argumentViolation(String tool, Map<String, Object> arguments) {
        return constraints.violation(tool, arguments);
    }

    /**
     * Whether a tool of this risk waits for approval instead of running.
     *
     * @param risk the tool's risk
     * @return true when approval is required
     */
    public boolean needsApproval(Risk risk) {
        return approvalAt.isPresent() && risk.compareTo(approvalAt.get()) >= 0;
    }
}
