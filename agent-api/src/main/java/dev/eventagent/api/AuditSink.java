package dev.eventagent.api;

/**
 * Receives one record per processed event. The engine's default sink writes JSON lines; plugins
 * may add others (e.g. a ClickHouse table). Secrets are already redacted.
 *
 * @since 0.1
 */
public interface AuditSink extends AutoCloseable {

    /**
     * The name by which {@code agent.audit.sinks} selects this sink.
     *
     * @return the name
     */
    String name();

    /**
     * Stores a record. Must be thread-safe; may buffer, but must have stored the record by the
     * time {@link #flush()} returns.
     *
     * @param record the record
     * @throws ToolException when the record cannot be stored
     */
    void write(AuditRecord record) throws ToolException;

    /** Stores whatever is buffered. The default does nothing. */
    default void flush() {
    }

    /** Flushes and releases resources. The default flushes. */
    @Override
    default void close() {
        flush();
    }
}
