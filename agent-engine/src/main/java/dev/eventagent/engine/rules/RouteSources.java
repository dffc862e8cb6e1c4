package dev.eventagent.engine.rules;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.eventagent.engine.config.StartupException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the routes come from: every enabled plugin's contribution,
 * {@code agent.plugins.<name>.routes} in its reference.conf, merged by key (route, step, call) in
 * plugin-name order, and the operator's {@code agent.rules.routes} over all of them. A plugin
 * switched off with {@code agent.plugins.<name>.enabled = false} contributes nothing, so a trimmed
 * distribution holds exactly its plugins' share of every route.
 */
public final class RouteSources {

    /** Who an operator's own routes are attributed to. */
    static final String OPERATOR = "agent.rules.routes";

    private final ConfigObject merged;
    private final Map<String, Set<String>> contributors;
    private final List<String> warnings;

    private RouteSources(ConfigObject merged, Map<String, Set<String>> contributors, List<String> warnings) {
        this.merged = merged;
        this.contributors = contributors;
        this.warnings = warnings;
    }

    /**
     * Collects the routes of a resolved config.
     *
     * @param config the resolved config
     * @return the sources
     * @throws StartupException when a contribution is not an object
     */
    public static RouteSources of(Config config) {
        Map<String, ConfigObject> contributions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (config.hasPath("agent.plugins")) {
            for (String plugin : new TreeSet<>(config.getObject("agent.plugins").keySet())) {
                String path = "agent.plugins." + quote(plugin);
                if (!config.hasPath(path + ".routes")
                        || config.hasPath(path + ".enabled") && !config.getBoolean(path + ".enabled")) {
                    continue;
                }
                ConfigValue routes = config.getValue(path + ".routes");
                if (routes.valueType() != ConfigValueType.OBJECT) {
                    problems.add(RouteParser.origin(routes) + path + ".routes must be an object of routes by name");
                    continue;
                }
                contributions.put(plugin, (ConfigObject) routes);
            }
        }
        ConfigValue own = config.hasPath(OPERATOR) ? config.getValue(OPERATOR) : ConfigFactory.empty().root();
        if (own.valueType() != ConfigValueType.OBJECT) {
            problems.add(RouteParser.origin(own) + OPERATOR + " must be an object of routes by name, e.g. "
                    + "agent.rules.routes { my-route { when { … }, steps { … } } } (see docs/rules.md)");
        }
        if (!problems.isEmpty()) {
            throw new StartupException(problems);
        }
        ConfigObject merged = (ConfigObject) own;
        Map<String, Set<String>> contributors = new LinkedHashMap<>();
        attribute(OPERATOR, merged, contributors);
        for (Map.Entry<String, ConfigObject> contribution : contributions.entrySet()) {
            merged = merged.withFallback(contribution.getValue());
            attribute(contribution.getKey(), contribution.getValue(), contributors);
        }
        return new RouteSources(merged, contributors, disagreements(contributions));
    }

    /**
     * The merged routes, keyed by name.
     *
     * @return the routes
     */
    ConfigObject merged() {
        return merged;
    }

    /**
     * Who contributed a call: plugin names, or {@value #OPERATOR}.
     *
     * @param route the route
     * @param step the step
     * @param call the call
     * @return the contributors, possibly empty
     */
    Set<String> contributors(String route, String step, String call) {
        return contributors.getOrDefault(route + "/" + step + "/" + call, Set.of());
    }

    /**
     * Where two plugins disagree on a route's condition or order, or a step's order (the first
     * plugin by name wins; the operator's setting wins over both).
     *
     * @return one line each
     */
    List<String> warnings() {
        return warnings;
    }

    private static void attribute(String who, ConfigObject routes, Map<String, Set<String>> contributors) {
        for (Map.Entry<String, ConfigValue> route : routes.entrySet()) {
            for (Map.Entry<String, ConfigObject> step : children(route.getValue(), "steps").entrySet()) {
                for (String call : children(step.getValue(), "calls").keySet()) {
                    contributors.computeIfAbsent(route.getKey() + "/" + step.getKey() + "/" + call,
                            k -> new LinkedHashSet<>()).add(who);
                }
            }
        }
    }

    private static List<String> disagreements(Map<String, ConfigObject> contributions) {
        List<String> warnings = new ArrayList<>();
        Map<String, Map.Entry<String, ConfigValue>> seen = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigObject> contribution : contributions.entrySet()) {
            String plugin = contribution.getKey();
            for (Map.Entry<String, ConfigValue> route : contribution.getValue().entrySet()) {
                compare(seen, warnings, plugin, "route " + route.getKey() + " when", field(route.getValue(), "when"));
                compare(seen, warnings, plugin, "route " + route.getKey() + " order", field(route.getValue(), "order"));
                for (Map.Entry<String, ConfigObject> step : children(route.getValue(), "steps").entrySet()) {
                    compare(seen, warnings, plugin, "route " + route.getKey() + " step " + step.getKey() + " order",
                            step.getValue().get("order"));
                }
            }
        }
        return List.copyOf(warnings);
    }

    private static void compare(Map<String, Map.Entry<String, ConfigValue>> seen, List<String> warnings,
            String plugin, String what, ConfigValue value) {
        if (value == null) {
            return;
        }
        Map.Entry<String, ConfigValue> first = seen.putIfAbsent(what, Map.entry(plugin, value));
        if (first != null && !first.getValue().unwrapped().equals(value.unwrapped())) {
            warnings.add(what + ": plugin " + first.getKey() + " gives " + RouteParser.show(first.getValue())
                    + ", plugin " + plugin + " gives " + RouteParser.show(value) + "; " + first.getKey()
                    + "'s is used (set it in agent.rules.routes to decide)");
        }
    }

    private static ConfigValue field(ConfigValue value, String key) {
        return value instanceof ConfigObject object ? object.get(key) : null;
    }

    private static Map<String, ConfigObject> children(ConfigValue value, String key) {
        Map<String, ConfigObject> children = new LinkedHashMap<>();
        if (field(value, key) instanceof ConfigObject object) {
            object.forEach((name, child) -> {
                if (child instanceof ConfigObject childObject) {
                    children.put(name, childObject);
                }
            });
        }
        return children;
    }

    private static String quote(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }
}
