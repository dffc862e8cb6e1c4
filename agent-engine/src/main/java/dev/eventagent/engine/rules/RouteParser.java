package dev.eventagent.engine.rules;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import dev.eventagent.engine.config.StartupException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code agent.rules.routes}; every mistake is reported with the route and its file and line. */
final class RouteParser {

    private static final Set<String> ROUTE_KEYS = Set.of("name", "description", "when", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "calls");
    private static final Set<String> CALL_KEYS = Set.of("id", "tool", "for-each", "when", "args");

    private RouteParser() {
    }

    static List<Route> parse(ConfigList routes) {
        List<Route> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigValue value : routes) {
            String origin = value.origin().description();
            try {
                Route route = route(value.unwrapped(), origin);
                if (!names.add(route.name())) {
                    throw new IllegalArgumentException(origin + ": a route named '" + route.name() + "' already exists");
                }
                parsed.add(route);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException(problems);
        }
        return parsed;
    }

    private static Route route(Object value, String origin) {
        Map<String, Object> map = object(value, origin + ": a route");
        String name = string(map, "name", origin + ": a route");
        String where = origin + ": route '" + name + "'";
        checkKeys(map, ROUTE_KEYS, where);
        Condition when = map.containsKey("when")
                ? Condition.parse(object(map.get("when"), where + " when"), where)
                : Condition.always();
        List<Route.Step> steps = new ArrayList<>();
        Set<String> stepIds = new HashSet<>();
        for (Object step : list(map.get("steps"), where + " steps")) {
            Route.Step parsed = step(step, where);
            if (!stepIds.add(parsed.id())) {
                throw new IllegalArgumentException(where + ": two steps have the id '" + parsed.id() + "'");
            }
            steps.add(parsed);
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(where + ": has no steps");
        }
        String description = map.containsKey("description") ? String.valueOf(map.get("description")) : "";
        return new Route(name, description, when, List.copyOf(steps), origin);
    }

    private static Route.Step step(Object value, String where) {
        Map<String, Object> map = object(value, where + " step");
        String id = string(map, "id", where + " step");
        String stepWhere = where + " step '" + id + "'";
        checkKeys(map, STEP_KEYS, stepWhere);
        List<Route.CallSpec> calls = new ArrayList<>();
        Set<String> callIds = new HashSet<>();
        for (Object call : list(map.get("calls"), stepWhere + " calls")) {
            Route.CallSpec parsed = call(call, stepWhere);
            if (!callIds.add(parsed.id())) {
                throw new IllegalArgumentException(stepWhere + ": two calls have the id '" + parsed.id() + "'");
            }
            calls.add(parsed);
        }
        return new Route.Step(id, List.copyOf(calls));
    }

    private static Route.CallSpec call(Object value, String where) {
        Map<String, Object> map = object(value, where + " call");
        String tool = string(map, "tool", where + " call");
        String id = map.containsKey("id") ? String.valueOf(map.get("id")) : tool;
        String callWhere = where + " call '" + id + "'";
        checkKeys(map, CALL_KEYS, callWhere);
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(callWhere + ": call ids may use letters, digits, '_' and '-' only");
        }
        String forEach = null;
        if (map.containsKey("for-each")) {
            forEach = String.valueOf(map.get("for-each"));
            if (!JsonPaths.isPath(forEach)) {
                throw new IllegalArgumentException(callWhere + ": for-each must be a JsonPath such as "
                        + "\"$.event.attributes.commits\", not '" + forEach + "'");
            }
            JsonPaths.compile(forEach, callWhere);
        }
        Condition when = map.containsKey("when")
                ? Condition.parse(object(map.get("when"), callWhere + " when"), callWhere)
                : Condition.always();
        Map<String, Object> args = map.containsKey("args") ? object(map.get("args"), callWhere + " args") : Map.of();
        return new Route.CallSpec(id, tool, forEach, when, ArgumentTemplate.parse(args, callWhere));
    }

    private static void checkKeys(Map<String, Object> map, Set<String> allowed, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; expected one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " must be a list");
        }
        return list;
    }

    private static String string(Map<String, Object> map, String key, String what) {
        Object value = map.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(what + " needs a '" + key + "'");
        }
        return text;
    }
}
