package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

/**
 * The result of a health probe.
 *
 * @param up whether the backend answered as expected
 * @param detail what was probed and what it said, e.g. {@code "bolt://127.0.0.1:7687: Neo4j 5.26"}
 * @since 0.1
 */
public record Health(boolean up, String detail) {

    /** Validates the fields. */
    public Health {
        requireNonNull(detail, "detail is null");
    }

    /**
     * A healthy result.
     *
     * @param detail what was probed
     * @return the result
     */
    public static Health up(String detail) {
        return new Health(true, detail);
    }

    /**
     * An unhealthy result.
     *
     * @param detail what failed and where
     * @return the result
     */
    public static Health down(String detail) {
        return new Health(false, detail);
    }
}
