package dev.eventagent.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code when} block: every entry must hold. Keys are event fields ({@code source},
 * {@code type}, {@code class}, {@code project}, {@code key}, {@code actor_email}) or JsonPaths
 * into the document ({@code "$.event.attributes.priority"}). Values are a scalar (equals), a list
 * (one of), or an object with {@code exists}, {@code matches} (a regex), {@code not} (a scalar
 * or list), and the numeric comparisons {@code gt}, {@code gte}, {@code lt}, {@code lte} (which
 * do not hold for a missing or non-numeric value).
 */
final class Condition {

    private static final List<String> EVENT_FIELDS = List.of("source", "type", "class", "project", "key",
            "actor_email", "id");

    private static final List<String> COMPARISONS = List.of("gt", "gte", "lt", "lte");
    private static final List<String> OPERATORS = List.of("exists", "matches", "not", "gt", "gte", "lt", "lte");

    private record Clause(String path, String display, Object expected) {
    }

    private final List<Clause> clauses;

    private Condition(List<Clause> clauses) {
        this.clauses = clauses;
    }

    static Condition always() {
        return new Condition(List.of());
    }

    static Condition parse(Map<String, Object> when, String where) {
        List<Clause> clauses = new ArrayList<>();
        for (Map.Entry<String, Object> entry : when.entrySet()) {
            String key = entry.getKey();
            String path;
            if (JsonPaths.isPath(key)) {
                JsonPaths.compile(key, where);
                path = key;
            } else if (EVENT_FIELDS.contains(key)) {
                path = "$.event." + key;
            } else {
                throw new IllegalArgumentException(where + ": unknown condition key '" + key
                        + "'; use one of " + EVENT_FIELDS + " or a JsonPath such as \"$.event.attributes.x\"");
            }
            Object expected = entry.getValue();
            if (expected instanceof Map<?, ?> operators) {
                for (Map.Entry<?, ?> operator : operators.entrySet()) {
                    Object op = operator.getKey();
                    if (!OPERATORS.contains(op)) {
                        throw new IllegalArgumentException(where + ": condition on '" + key
                                + "' has unknown operator '" + op + "'; use one of " + OPERATORS);
                    }
                    if (COMPARISONS.contains(op) && number(operator.getValue()).isEmpty()) {
                        throw new IllegalArgumentException(where + ": condition on '" + key + "': " + op
                                + " needs a number, not '" + operator.getValue() + "'");
                    }
                }
                if (operators.get("matches") instanceof String regex) {
                    expected = Map.of("matches", Pattern.compile(regex));
                }
            }
            clauses.add(new Clause(path, key, expected));
        }
        return new Condition(List.copyOf(clauses));
    }

    /**
     * The JsonPaths the condition reads (event fields as {@code $.event.<field>}).
     *
     * @return the paths
     */
    List<String> paths() {
        return clauses.stream().map(Clause::path).toList();
    }

    boolean test(Map<String, Object> document) {
        return test(document, false);
    }

    /**
     * Evaluates the condition.
     *
     * @param document the document
     * @param assumeStepResults whether clauses on earlier results ({@code $.steps…}) count as
     *     holding, for a dry run where nothing ran
     * @return whether every clause holds
     */
    boolean test(Map<String, Object> document, boolean assumeStepResults) {
        for (Clause clause : clauses) {
            if (assumeStepResults && clause.path().startsWith("$.steps")) {
                continue;
            }
            Optional<Object> actual = JsonPaths.read(document, clause.path());
            if (!holds(clause.expected(), actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Object expected, Optional<Object> actual) {
        if (expected instanceof Map<?, ?> operators) {
            Object exists = operators.get("exists");
            if (exists != null && Boolean.parseBoolean(exists.toString()) != actual.isPresent()) {
                return false;
            }
            Object matches = operators.get("matches");
            if (matches instanceof Pattern pattern
                    && (actual.isEmpty() || !pattern.matcher(actual.get().toString()).find())) {
                return false;
            }
            for (String comparison : COMPARISONS) {
                Object bound = operators.get(comparison);
                if (bound != null && !compares(comparison, bound, actual)) {
                    return false;
                }
            }
            Object not = operators.get("not");
            return not == null || !holds(not, actual);
        }
        if (expected instanceof List<?> options) {
            return options.stream().anyMatch(option -> holds(option, actual));
        }
        if (actual.isEmpty()) {
            return expected == null;
        }
        return Objects.equals(String.valueOf(expected), String.valueOf(actual.get()));
    }

    private static boolean compares(String comparison, Object bound, Optional<Object> actual) {
        Optional<Double> value = actual.flatMap(Condition::number);
        Optional<Double> limit = number(bound);
        if (value.isEmpty() || limit.isEmpty()) {
            return false;
        }
        int order = Double.compare(value.get(), limit.get());
        return switch (comparison) {
            case "gt" -> order > 0;
            case "gte" -> order >= 0;
            case "lt" -> order < 0;
            default -> order <= 0;
        };
    }

    private static Optional<Double> number(Object value) {
        if (value instanceof Number number) {
            return Double.isFinite(number.doubleValue()) ? Optional.of(number.doubleValue()) : Optional.empty();
        }
        if (value instanceof String text) {
            try {
                double parsed = Double.parseDouble(text.strip());
                return Double.isFinite(parsed) ? Optional.of(parsed) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
