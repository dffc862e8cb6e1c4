package dev.eventagent.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A small read-only view of a config subtree, so that plugins do not depend on the engine's
 * config library. Paths are dot-separated and relative to the view. A missing key or a value of
 * the wrong type throws {@link IllegalArgumentException} whose message names the full key and
 * the file and line it came from.
 *
 * @since 0.1
 */
public interface ConfigView {

    /**
     * Whether a non-null value exists at the path.
     *
     * @param path the relative path
     * @return true when the path holds a value
     */
    boolean hasPath(String path);

    /**
     * A string value.
     *
     * @param path the relative path
     * @return the value
     */
    String getString(String path);

    /**
     * An integer value.
     *
     * @param path the relative path
     * @return the value
     */
    int getInt(String path);

    /**
     * A long value.
     *
     * @param path the relative path
     * @return the value
     */
    long getLong(String path);

    /**
     * A floating-point value.
     *
     * @param path the relative path
     * @return the value
     */
    double getDouble(String path);

    /**
     * A boolean value.
     *
     * @param path the relative path
     * @return the value
     */
    boolean getBoolean(String path);

    /**
     * A duration such as {@code 10s} or {@code 250ms}.
     *
     * @param path the relative path
     * @return the value
     */
    Duration getDuration(String path);

    /**
     * A list of strings.
     *
     * @param path the relative path
     * @return an unmodifiable list
     */
    List<String> getStringList(String path);

    /**
     * A nested subtree.
     *
     * @param path the relative path
     * @return the view of that subtree
     */
    ConfigView getConfig(String path);

    /**
     * The keys directly below this view.
     *
     * @return the immediate child keys
     */
    Set<String> keys();

    /**
     * The full path of this view from the config root, e.g. {@code agent.plugins.neo4j}.
     *
     * @return the full path; empty for the root
     */
    String path();
}
