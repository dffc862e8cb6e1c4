package dev.eventagent.engine.rules;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Compiled JsonPath expressions (Jayway), cached, evaluated on plain maps and lists. */
final class JsonPaths {

    private static final Configuration CONFIGURATION = Configuration.builder()
            .options(Option.DEFAULT_PATH_LEAF_TO_NULL)
            .build();
    private static final Map<String, JsonPath> CACHE = new ConcurrentHashMap<>();

    private JsonPaths() {
    }

    /**
     * Whether a string is a JsonPath expression rather than a literal.
     *
     * @param text the text
     * @return true for {@code $.…} and {@code $[…}
     */
    static boolean isPath(String text) {
        return text.startsWith("$.") || text.startsWith("$[");
    }

    /**
     * Compiles a path, failing with the route's location in the message.
     *
     * @param path the expression
     * @param where where it was written, for the message
     * @return the compiled path
     */
    static JsonPath compile(String path, String where) {
        try {
            return CACHE.computeIfAbsent(path, JsonPath::compile);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(where + ": invalid JsonPath '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * Reads a path.
     *
     * @param document the document
     * @param path the expression
     * @return the value, or empty when the path leads nowhere or to null
     */
    static Optional<Object> read(Object document, String path) {
        try {
            return Optional.ofNullable(compile(path, "template").read(document, CONFIGURATION));
        } catch (PathNotFoundException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
