package dev.eventagent.api;

/**
 * What a tool does to the world, which decides how the engine may repeat it.
 *
 * @since 0.1
 */
public enum EffectKind {
    /** Reads only; safe to repeat. */
    READ,
    /** Writes to a store we own; must be idempotent on the call's idempotency key. */
    WRITE,
    /**
     * Acts outside our stores (a message, an e-mail, a ticket change). The engine records such
     * effects in its ledger so a redelivered event does not repeat them.
     */
    EXTERNAL
}
