package dev.eventagent.engine.event;

/** How an event arrived on the wire; the decoder detects it from the headers and the body. */
public enum WireForm {
    /** CloudEvents binary mode: {@code ce_type}, {@code ce_source}, {@code ce_id} headers, body = data. */
    CLOUDEVENTS_BINARY,
    /** CloudEvents structured mode: one JSON object with {@code specversion}, {@code type}, … and {@code data}. */
    CLOUDEVENTS_STRUCTURED,
    /** A producer's own webhook body (GitHub, Jira, Alertmanager), told apart by headers or body fields. */
    WEBHOOK,
    /** The flat envelope with {@code source} and {@code event_type} fields. */
    ENVELOPE
}
