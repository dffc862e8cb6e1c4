package dev.eventagent.engine.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a route's {@code args} block into arguments. A string that is a JsonPath
 * ({@code "$.event.project"}) takes the value at that path, of any type; a string with
 * {@code {{$.path}}} placeholders is interpolated; objects and lists are walked; anything else is
 * a literal. A path with no value leaves its argument out and is reported as unresolved, so the
 * tool's schema decides whether that is acceptable.
 */
final class ArgumentTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\$[^}]*?)\\s*}}");

    private final Map<String, Object> template;

    private ArgumentTemplate(Map<String, Object> template) {
        this.template = template;
    }

    static ArgumentTemplate parse(Map<String, Object> args, String where) {
        validate(args, where);
        return new ArgumentTemplate(args);
    }

    /**
     * Every JsonPath the template reads: path-valued strings and {@code {{…}}} placeholders.
     *
     * @return the paths, in the order they appear
     */
    List<String> paths() {
        List<String> paths = new ArrayList<>();
        collectPaths(template, paths);
        return paths;
    }

    private static void collectPaths(Object value, List<String> paths) {
        if (value instanceof String text) {
            if (JsonPaths.isPath(text)) {
                paths.add(text);
            }
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                paths.add(matcher.group(1));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectPaths(v, paths));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectPaths(v, paths));
        }
    }

    /**
     * The rendered arguments and the paths that had no value.
     *
     * @param arguments the arguments
     * @param unresolved the paths without a value
     */
    record Rendered(Map<String, Object> arguments, List<String> unresolved) {
    }

    Rendered render(Map<String, Object> document) {
        List<String> unresolved = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) renderValue(template, document, unresolved);
        return new Rendered(arguments, unresolved);
    }

    private static Object renderValue(Object value, Map<String, Object> document, List<String> unresolved) {
        if (value instanceof String text) {
            if (JsonPaths.isPath(text)) {
                Optional<Object> found = JsonPaths.read(document, text);
                if (found.isEmpty()) {
                    unresolved.add(text);
                }
                return found.orElse(null);
            }
            return interpolate(text, document, unresolved);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object rendered = renderValue(entry.getValue(), document, unresolved);
                if (rendered != null) {
                    out.put(entry.getKey().toString(), rendered);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                Object rendered = renderValue(element, document, unresolved);
                if (rendered != null) {
                    out.add(rendered);
                }
            }
            return out;
        }
        return value;
    }

    private static String interpolate(String text, Map<String, Object> document, List<String> unresolved) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        matcher.reset();
        while (matcher.find()) {
            Optional<Object> found = JsonPaths.read(document, matcher.group(1));
            if (found.isEmpty()) {
                unresolved.add(matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(found.map(String::valueOf).orElse("")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static void validate(Object value, String where) {
        if (value instanceof String text) {
            if (JsonPaths.isPath(text)) {
                JsonPaths.compile(text, where);
            }
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                JsonPaths.compile(matcher.group(1), where);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> validate(v, where));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> validate(v, where));
        }
    }
}
