package dev.eventagent.engine.policy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Limits on argument values, from {@code agent.policy.arguments}, enforced for every planner:
 * <pre>
 * arguments {
 *   mail_tool { to { email-domains = [company.com] } }
 *   chat_tool { channel { pattern = "^(#eng-.*|[a-z.]+@company\\.com)$" } }
 *   tracker_tool { issue_key { pattern = "^(PROJ|OPS)-[0-9]+$" } }
 *   transition_tool { status { one-of = ["To Do", "In Progress", "Done"] } }
 * }
 * </pre>
 * A list argument must satisfy the rule in every element.
 */
final class ArgumentConstraints {

    private record Rule(List<String> oneOf, Pattern pattern, List<String> emailDomains) {
    }

    private final Map<String, Map<String, Rule>> rules;

    private ArgumentConstraints(Map<String, Map<String, Rule>> rules) {
        this.rules = rules;
    }

    static ArgumentConstraints of(Config arguments, List<String> problems) {
        Map<String, Map<String, Rule>> rules = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> tool : arguments.root().entrySet()) {
            if (!(tool.getValue() instanceof ConfigObject toolObject)) {
                problems.add(tool.getValue().origin().description() + ": agent.policy.arguments." + tool.getKey()
                        + " must be an object of argument rules");
                continue;
            }
            Map<String, Rule> byArgument = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigValue> argument : toolObject.entrySet()) {
                String where = argument.getValue().origin().description() + ": agent.policy.arguments." + tool.getKey()
                        + "." + argument.getKey();
                if (!(argument.getValue() instanceof ConfigObject ruleObject)) {
                    problems.add(where + " must be an object with one-of, pattern or email-domains");
                    continue;
                }
                Config rule = ruleObject.toConfig();
                for (String key : ruleObject.keySet()) {
                    if (!List.of("one-of", "pattern", "email-domains").contains(key)) {
                        problems.add(where + ": unknown rule '" + key + "' (one-of, pattern, email-domains)");
                    }
                }
                Pattern pattern = null;
                if (rule.hasPath("pattern")) {
                    try {
                        pattern = Pattern.compile(rule.getString("pattern"));
                    } catch (PatternSyntaxException e) {
                        problems.add(where + ".pattern is not a regular expression: " + e.getDescription());
                    }
                }
                byArgument.put(argument.getKey(), new Rule(
                        rule.hasPath("one-of") ? rule.getStringList("one-of") : null, pattern,
                        rule.hasPath("email-domains") ? rule.getStringList("email-domains").stream()
                                .map(d -> d.toLowerCase(Locale.ROOT)).toList() : null));
            }
            rules.put(tool.getKey(), byArgument);
        }
        return new ArgumentConstraints(rules);
    }

    Optional<String> violation(String tool, Map<String, Object> arguments) {
        Map<String, Rule> byArgument = rules.get(tool);
        if (byArgument == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, Rule> entry : byArgument.entrySet()) {
            Object value = arguments.get(entry.getKey());
            if (value == null) {
                continue;
            }
            List<Object> values = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
            for (Object element : values) {
                Optional<String> why = check(entry.getValue(), String.valueOf(element));
                if (why.isPresent()) {
                    return Optional.of("argument " + entry.getKey() + " of " + tool + " " + why.get()
                            + " (agent.policy.arguments." + tool + "." + entry.getKey() + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(Rule rule, String value) {
        if (rule.oneOf() != null && !rule.oneOf().contains(value)) {
            return Optional.of("'" + cut(value) + "' is not one of " + rule.oneOf());
        }
        if (rule.pattern() != null && !rule.pattern().matcher(value).matches()) {
            return Optional.of("'" + cut(value) + "' does not match " + rule.pattern().pattern());
        }
        if (rule.emailDomains() != null) {
            int at = value.lastIndexOf('@');
            String domain = at < 0 ? "" : value.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!rule.emailDomains().contains(domain)) {
                return Optional.of("'" + cut(value) + "' is outside the allowed e-mail domains " + rule.emailDomains());
            }
        }
        return Optional.empty();
    }

    private static String cut(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
