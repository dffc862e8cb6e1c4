package dev.eventagent.api;

/**
 * How much harm a wrong call could do. Policy may require approval above a level.
 *
 * @since 0.1
 */
public enum Risk {
    /** Reads, or writes that are easily corrected. */
    LOW,
    /** Visible to people (messages, comments). */
    MEDIUM,
    /** Changes ownership or state others depend on (assignments, transitions). */
    HIGH
}
