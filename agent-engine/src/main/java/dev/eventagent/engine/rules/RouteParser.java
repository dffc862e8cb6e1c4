package dev.eventagent.engine.rules;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.eventagent.engine.config.StartupException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the composed routes, an object keyed by route name:
 * <pre>
 * github-push {
 *   description = "…", order = 100, enabled = true
 *   when { source = github, type = push }
 *   steps {
 *     store { order = 10, calls { commit { tool = …, for-each = …, when { … }, args { … }, required = false } } }
 *   }
 * }
 * </pre>
 * Steps run by {@code order}; the calls of a step are kept by id. Anything switched off with
 * {@code enabled = false} is left out before it is read further, so an operator's switch for a
 * call that no installed plugin contributes is no error. Every mistake names the route, the step,
 * the call and the file and line.
 */
final class RouteParser {

    private static final Set<String> ROUTE_KEYS = Set.of("description", "when", "order", "enabled", "steps");
    private static final Set<String> STEP_KEYS = Set.of("description", "order", "enabled", "calls");
    private static final Set<String> CALL_KEYS = Set.of("description", "tool", "for-each", "when", "args", "required",
            "enabled");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int DEFAULT_ROUTE_ORDER = 100;

    /** {@code $.steps.<step>[.<call>]}, in dot or bracket notation. */
    private static final Pattern STEP_PATH = Pattern.compile(
            "^\\$(?:\\.steps|\\[['\"]steps['\"]])(?:\\.([A-Za-z0-9_-]+)|\\[['\"]([^'\"]+)['\"]])"
                    + "(?:\\.([A-Za-z0-9_-]+)|\\[['\"]([^'\"]+)['\"]])?");

    private RouteParser() {
    }

    /**
     * What was read: the routes that are switched on, and the names and origins of those that are
     * switched off.
     *
     * @param routes the routes, in match order (order, then name)
     * @param switchedOff route name → where {@code enabled = false} was set
     * @param notRun the calls (and whole steps) of enabled routes that cannot run whatever is installed
     */
    record Parsed(List<Route> routes, Map<String, String> switchedOff, List<NotRun> notRun) {
    }

    /**
     * A call (or a whole step, call {@code *}) that is switched off with {@code enabled = false},
     * or that has no tool: the operator set keys of a call that no installed plugin contributes
     * (e.g. {@code required = true} for a call of a plugin this distribution lacks).
     *
     * @param route the route
     * @param step the step
     * @param call the call, or {@code *} for the step
     * @param tool the call's tool, or {@code null} when not given
     * @param required whether the route cannot run without it
     * @param switchedOff true when switched off, false when it has no tool
     * @param where where it was set
     */
    record NotRun(String route, String step, String call, String tool, boolean required, boolean switchedOff,
            String where) {

        /**
         * Why it does not run, for the status and the log.
         *
         * @return the reason
         */
        String why() {
            return switchedOff ? "switched off at " + where
                    : "no installed plugin contributes it (only " + where + " sets it, without a tool)";
        }
    }

    static Parsed parse(ConfigObject routes) {
        List<Route> parsed = new ArrayList<>();
        Map<String, String> off = new TreeMap<>();
        List<NotRun> callsOff = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : new TreeMap<>(routes).entrySet()) {
            String name = entry.getKey();
            String label = "route '" + name + "'";
            try {
                if (!ID.matcher(name).matches()) {
                    throw new IllegalArgumentException(origin(entry.getValue()) + label
                            + ": route names may use letters, digits, '_' and '-' only");
                }
                ConfigObject route = object(entry.getValue(), label);
                if (!enabled(route, label)) {
                    off.put(name, place(route.get("enabled")));
                    continue;
                }
                parsed.add(route(name, route, label, callsOff));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException(problems);
        }
        parsed.sort(Comparator.comparingInt(Route::order).thenComparing(Route::name));
        return new Parsed(List.copyOf(parsed), off, List.copyOf(callsOff));
    }

    private static Route route(String name, ConfigObject map, String label, List<NotRun> callsOff) {
        checkKeys(map, ROUTE_KEYS, label);
        Condition when = map.containsKey("when")
                ? Condition.parse(object(map.get("when"), label + " when").unwrapped(), origin(map.get("when")) + label)
                : Condition.always();
        int order = map.containsKey("order") ? integer(map.get("order"), label + " order") : DEFAULT_ROUTE_ORDER;
        List<Route.Step> steps = new ArrayList<>();
        if (map.containsKey("steps")) {
            for (Map.Entry<String, ConfigValue> step : object(map.get("steps"), label + " steps").entrySet()) {
                String stepLabel = label + " step '" + step.getKey() + "'";
                ConfigObject stepMap = object(step.getValue(), stepLabel);
                if (!enabled(stepMap, stepLabel)) {
                    callsOff.add(new NotRun(name, step.getKey(), "*", null, false, true, place(stepMap.get("enabled"))));
                    continue;
                }
                Route.Step parsed = step(name, step.getKey(), stepMap, stepLabel, callsOff);
                if (parsed != null) {
                    steps.add(parsed);
                }
            }
        }
        steps.sort(Comparator.comparingInt(Route.Step::order).thenComparing(Route.Step::id));
        for (int i = 1; i < steps.size(); i++) {
            Route.Step before = steps.get(i - 1);
            Route.Step step = steps.get(i);
            if (step.order() == before.order()) {
                throw new IllegalArgumentException(label + ": steps '" + before.id() + "' (" + before.origin()
                        + ") and '" + step.id() + "' (" + step.origin() + ") have the same order " + step.order()
                        + "; give each step its own place");
            }
        }
        String description = map.containsKey("description") ? String.valueOf(map.get("description").unwrapped()) : "";
        Route route = new Route(name, description, when, order, List.copyOf(steps), place(map));
        checkReads(route, label);
        return route;
    }

    private static Route.Step step(String route, String id, ConfigObject map, String label,
            List<NotRun> callsOff) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(origin(map) + label + ": step ids may use letters, digits, '_' and '-' only");
        }
        checkKeys(map, STEP_KEYS, label);
        List<Route.CallSpec> calls = new ArrayList<>();
        if (map.containsKey("calls")) {
            for (Map.Entry<String, ConfigValue> call : new TreeMap<>(object(map.get("calls"), label + " calls"))
                    .entrySet()) {
                String callLabel = label + " call '" + call.getKey() + "'";
                ConfigObject callMap = object(call.getValue(), callLabel);
                if (!enabled(callMap, callLabel)) {
                    callsOff.add(new NotRun(route, id, call.getKey(), callMap.get("tool") == null ? null
                            : String.valueOf(callMap.get("tool").unwrapped()), false, true, place(callMap.get("enabled"))));
                    continue;
                }
                if (!callMap.containsKey("tool")) {
                    checkKeys(callMap, CALL_KEYS, callLabel);
                    callsOff.add(new NotRun(route, id, call.getKey(), null,
                            callMap.containsKey("required") && bool(callMap.get("required"), callLabel + " required"),
                            false, place(callMap)));
                    continue;
                }
                calls.add(call(call.getKey(), callMap, callLabel));
            }
        }
        if (!map.containsKey("order")) {
            if (calls.isEmpty()) {
                // Only settings of calls no installed plugin contributes: nothing to place.
                return null;
            }
            throw new IllegalArgumentException(origin(map) + label + ": needs an order (a whole number; a route's "
                    + "steps run from the lowest, e.g. order = 10)");
        }
        int order = integer(map.get("order"), label + " order");
        return new Route.Step(id, order, List.copyOf(calls), place(map));
    }

    private static Route.CallSpec call(String id, ConfigObject map, String label) {
        String where = origin(map) + label;
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": call ids may use letters, digits, '_' and '-' only");
        }
        checkKeys(map, CALL_KEYS, label);
        ConfigValue toolValue = map.get("tool");
        if (toolValue.valueType() != ConfigValueType.STRING || ((String) toolValue.unwrapped()).isBlank()) {
            throw new IllegalArgumentException(origin(toolValue) + label + ": tool must be a tool's name, not "
                    + show(toolValue));
        }
        String tool = (String) toolValue.unwrapped();
        List<String> paths = new ArrayList<>();
        String forEach = null;
        if (map.containsKey("for-each")) {
            forEach = String.valueOf(map.get("for-each").unwrapped());
            if (!JsonPaths.isPath(forEach)) {
                throw new IllegalArgumentException(origin(map.get("for-each")) + label + ": for-each must be a "
                        + "JsonPath such as \"$.event.attributes.commits\", not '" + forEach + "'");
            }
            JsonPaths.compile(forEach, origin(map.get("for-each")) + label);
            paths.add(forEach);
        }
        Condition when = map.containsKey("when")
                ? Condition.parse(object(map.get("when"), label + " when").unwrapped(), origin(map.get("when")) + label)
                : Condition.always();
        paths.addAll(when.paths());
        ArgumentTemplate args = map.containsKey("args")
                ? ArgumentTemplate.parse(object(map.get("args"), label + " args").unwrapped(),
                        origin(map.get("args")) + label)
                : ArgumentTemplate.parse(Map.of(), where);
        paths.addAll(args.paths());
        boolean required = map.containsKey("required") && bool(map.get("required"), label + " required");
        Set<Route.StepReference> reads = new LinkedHashSet<>();
        for (String path : paths) {
            Matcher matcher = STEP_PATH.matcher(path);
            if (matcher.find()) {
                String step = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                String call = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
                reads.add(new Route.StepReference(step, call, path));
            }
        }
        return new Route.CallSpec(id, tool, forEach, when, args, required, Set.copyOf(reads), place(map));
    }

    /** A call can only read the results of steps that ran before its own. */
    private static void checkReads(Route route, String label) {
        for (Route.Step step : route.steps()) {
            for (Route.CallSpec call : step.calls()) {
                for (Route.StepReference read : call.reads()) {
                    route.steps().stream().filter(s -> s.id().equals(read.step())).findFirst()
                            .filter(target -> target.order() >= step.order())
                            .ifPresent(target -> {
                                throw new IllegalArgumentException(call.origin() + ": " + label + " step '" + step.id()
                                        + "' call '" + call.id() + "' reads " + read.path() + ", but step '"
                                        + target.id() + "' (order " + target.order() + ") does not run before step '"
                                        + step.id() + "' (order " + step.order()
                                        + "); a call sees only the results of earlier steps");
                            });
                }
            }
        }
    }

    private static boolean enabled(ConfigObject map, String where) {
        return !map.containsKey("enabled") || bool(map.get("enabled"), where + " enabled");
    }

    private static void checkKeys(ConfigObject map, Set<String> allowed, String label) {
        for (Map.Entry<String, ConfigValue> entry : map.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw new IllegalArgumentException(origin(entry.getValue()) + label + ": unknown key '"
                        + entry.getKey() + "'; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    private static ConfigObject object(ConfigValue value, String what) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new IllegalArgumentException(origin(value) + what + " must be an object, not " + show(value));
        }
        return (ConfigObject) value;
    }

    private static int integer(ConfigValue value, String what) {
        if (value.unwrapped() instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        if (value.unwrapped() instanceof String text && text.strip().matches("-?[0-9]+")) {
            return Integer.parseInt(text.strip());
        }
        throw new IllegalArgumentException(origin(value) + what + " must be a whole number, not " + show(value));
    }

    private static boolean bool(ConfigValue value, String what) {
        Object unwrapped = value.unwrapped();
        if (unwrapped instanceof Boolean flag) {
            return flag;
        }
        if ("true".equals(unwrapped) || "false".equals(unwrapped)) {
            return Boolean.parseBoolean((String) unwrapped);
        }
        throw new IllegalArgumentException(origin(value) + what + " must be true or false, not " + show(value));
    }

    /** A value's file and line, as "file: line", or "(unknown origin)". */
    static String place(ConfigValue value) {
        String origin = origin(value);
        return origin.isEmpty() ? "(unknown origin)" : origin.substring(0, origin.length() - 2);
    }

    /** A value's file and line, as "file: line: ", or "" when it has none. */
    static String origin(ConfigValue value) {
        if (value == null || value.origin() == null) {
            return "";
        }
        String description = value.origin().description();
        if (description == null || description.isEmpty()) {
            return "";
        }
        // A merged object's origin lists every file ("merge of a: 1,b: 2"); the first is the strongest.
        if (description.startsWith("merge of ")) {
            description = description.substring("merge of ".length());
            int comma = description.indexOf(',');
            if (comma > 0) {
                description = description.substring(0, comma);
            }
        }
        return description + ": ";
    }

    /** A value as one line of HOCON, without origin comments. */
    static String show(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise());
    }
}
