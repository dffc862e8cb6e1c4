package dev.eventagent.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a config subtree against its {@code reference.conf}: every value has the reference's
 * type, and every key the user set is one the reference knows (a typo is an error, not a silently
 * ignored setting). An empty object in the reference ({@code {}}) marks an open map whose keys
 * are free. Each problem names the key and the file and line it came from.
 */
public final class ConfigValidator {

    private static final Pattern DURATION = Pattern.compile("\\d+(\\.\\d+)?\\s*(ns|us|ms|s|m|h|d)");

    private ConfigValidator() {
    }

    /**
     * Validates one subtree.
     *
     * @param resolved the resolved config
     * @param reference the merged, unresolved references
     * @param path the subtree, e.g. {@code agent.plugins.neo4j}
     * @return the problems, empty when valid
     */
    public static List<String> validate(Config resolved, Config reference, String path) {
        List<String> problems = new ArrayList<>();
        if (!reference.hasPath(path) || !resolved.hasPath(path)) {
            return problems;
        }
        Config resolvedReference;
        try {
            resolvedReference = reference.resolve();
            resolved.checkValid(resolvedReference, path);
        } catch (ConfigException.ValidationFailed e) {
            for (ConfigException.ValidationProblem problem : e.problems()) {
                problems.add(origin(problem.origin().description()) + problem.path() + ": "
                        + problem.problem());
            }
        } catch (ConfigException e) {
            problems.add(path + ": " + e.getMessage());
        }
        if (problems.isEmpty()) {
            convertible(resolved, reference.resolve(), path, problems);
        }
        unknownKeys(resolved.getValue(path), reference, path, problems);
        return problems;
    }

    /**
     * typesafe-config's checkValid accepts a string wherever the reference has a number, boolean
     * or duration (it might convert); this reads each such value as its reference's type so that
     * {@code max-rounds = lots} fails at start-up, naming the key, not later.
     */
    private static void convertible(Config resolved, Config reference, String path, List<String> problems) {
        for (Map.Entry<String, ConfigValue> entry : reference.getConfig(path).entrySet()) {
            String key = path + "." + entry.getKey();
            if (!resolved.hasPath(key)) {
                continue;
            }
            ConfigValue expected = entry.getValue();
            try {
                if (expected.valueType() == ConfigValueType.NUMBER) {
                    resolved.getNumber(key);
                } else if (expected.valueType() == ConfigValueType.BOOLEAN) {
                    resolved.getBoolean(key);
                } else if (expected.valueType() == ConfigValueType.STRING
                        && DURATION.matcher((String) expected.unwrapped()).matches()) {
                    resolved.getDuration(key);
                }
            } catch (ConfigException e) {
                problems.add(origin(resolved.getValue(key).origin().description()) + key + ": expected "
                        + (expected.valueType() == ConfigValueType.STRING ? "a duration such as 10s"
                                : "a " + expected.valueType().name().toLowerCase(java.util.Locale.ROOT))
                        + " like the default " + expected.render() + ", found " + resolved.getValue(key).render());
            }
        }
    }

    private static void unknownKeys(ConfigValue value, Config reference, String path,
            List<String> problems) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            return;
        }
        if (isOpenMap(reference, path)) {
            return;
        }
        for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) value).entrySet()) {
            String child = path + "." + quote(entry.getKey());
            if (!reference.hasPathOrNull(child)) {
                problems.add(origin(entry.getValue().origin().description()) + "unknown key " + child
                        + " (known keys under " + path + ": " + knownKeys(reference, path) + ")");
            } else {
                unknownKeys(entry.getValue(), reference, child, problems);
            }
        }
    }

    private static boolean isOpenMap(Config reference, String path) {
        try {
            ConfigValue value = reference.getValue(path);
            return value.valueType() == ConfigValueType.OBJECT && ((ConfigObject) value).isEmpty();
        } catch (ConfigException e) {
            return false;
        }
    }

    private static String knownKeys(Config reference, String path) {
        try {
            return String.join(", ", new TreeSet<>(reference.getObject(path).keySet()));
        } catch (ConfigException e) {
            return "none";
        }
    }

    private static String quote(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    private static String origin(String description) {
        return description == null || description.isEmpty() ? "" : description + ": ";
    }
}
