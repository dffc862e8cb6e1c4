package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The description of a {@link Tool}.
 *
 * @param name unique snake_case name, {@code [a-z][a-z0-9_]*}, e.g. {@code insert_commit_event}
 * @param description written for a language model: what the tool does and "Use this when…"
 * @param argumentsSchema a JSON Schema (draft 2020-12) of the arguments object, as JSON text
 * @param effect what the tool does to the world
 * @param idempotent whether repeating a call with the same arguments has no further effect
 * @param risk how much harm a wrong call could do
 * @since 0.1
 */
public record ToolDescriptor(
        String name,
        String description,
        String argumentsSchema,
        EffectKind effect,
        boolean idempotent,
        Risk risk) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Validates the fields. */
    public ToolDescriptor {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(argumentsSchema, "argumentsSchema is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(risk, "risk is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "tool name '" + name + "' must match " + NAME.pattern());
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("tool '" + name + "' has a blank description");
        }
    }

    /**
     * Starts a builder.
     *
     * @param name the tool name
     * @return a builder with effect READ, idempotent, risk LOW and an empty-object schema
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link ToolDescriptor}. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private String argumentsSchema = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";
        private EffectKind effect = EffectKind.READ;
        private boolean idempotent = true;
        private Risk risk = Risk.LOW;

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        /**
         * Sets the description.
         *
         * @param description text for a language model
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the JSON Schema of the arguments.
         *
         * @param argumentsSchema JSON text
         * @return this builder
         */
        public Builder argumentsSchema(String argumentsSchema) {
            this.argumentsSchema = argumentsSchema;
            return this;
        }

        /**
         * Sets the effect kind.
         *
         * @param effect the effect
         * @return this builder
         */
        public Builder effect(EffectKind effect) {
            this.effect = effect;
            return this;
        }

        /**
         * Sets whether a repeated call has no further effect.
         *
         * @param idempotent the flag
         * @return this builder
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * Sets the risk.
         *
         * @param risk the risk
         * @return this builder
         */
        public Builder risk(Risk risk) {
            this.risk = risk;
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @return the descriptor
         */
        public ToolDescriptor build() {
            return new ToolDescriptor(name, description, argumentsSchema, effect, idempotent, risk);
        }
    }
}
