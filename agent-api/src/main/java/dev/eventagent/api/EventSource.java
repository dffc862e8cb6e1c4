package dev.eventagent.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A system that sends events — GitHub, Jira, Alertmanager are built in; a plugin adds others
 * (PagerDuty, Sentry, …) through {@link PluginInstance#eventSources()}. It recognises its own raw
 * webhooks and turns its payloads into canonical {@link Event}s; the engine does the rest (size,
 * UTF-8, JSON, CloudEvents and the flat envelope, the event id, dead letters).
 *
 * <p>The attributes a source produces are the contract routes are written against: every wire
 * form of one event (a raw webhook, a CloudEvent, the envelope) must give the same attribute
 * names, and missing optional fields are left out, never invented. Implementations are stateless
 * and thread-safe.
 *
 * @since 0.2
 */
public interface EventSource {

    /**
     * The source's name, lower case: {@link Event#source()} and the first part of the event class.
     *
     * @return e.g. {@code pagerduty}
     */
    String name();

    /**
     * The event types this source normalises, as the wire names them, for documentation and
     * error messages.
     *
     * @return e.g. {@code incident.triggered}
     */
    List<String> eventTypes();

    /**
     * Whether {@link #normalize(Payload)} handles an event type.
     *
     * @param eventType the type as the wire said it
     * @return true when handled; by default when {@link #eventTypes()} lists it
     */
    default boolean supports(String eventType) {
        return eventTypes().contains(eventType);
    }

    /**
     * Recognises a raw webhook of this source (not a CloudEvent, not the envelope) by its headers
     * (GitHub's {@code X-GitHub-Event}) or by its body (Jira's {@code webhookEvent}). Recognition
     * by a header is tried before the envelope, by the body after it.
     *
     * @param headers the record's headers, case-insensitive names
     * @param body the parsed body
     * @return what was recognised; empty by default
     */
    default Optional<Recognized> recognize(Map<String, String> headers, Map<String, Object> body) {
        return Optional.empty();
    }

    /**
     * Normalises a payload of a supported type.
     *
     * @param payload what the engine detected and the body to normalise
     * @return the canonical event
     * @throws MalformedEventException when a field has the wrong type or a required one is
     *     missing, naming its JSON path
     */
    Event normalize(Payload payload) throws MalformedEventException;

    /**
     * The event for a type this source does not normalise, when
     * {@code agent.decode.accept-unknown-types} is on: the raw type, no attributes, the id as key.
     *
     * @param payload the payload
     * @return the event
     */
    default Event passThrough(Payload payload) {
        return new Event(payload.id(), name(), payload.eventType(), payload.id(), payload.defaultTime(), null, null,
                Map.of(), payload.data());
    }

    /** A raw webhook of this source, as {@link #recognize} found it. */
    final class Recognized {

        private final String eventType;
        private final String deliveryId;
        private final String evidence;
        private final boolean byHeader;

        private Recognized(String eventType, String deliveryId, String evidence, boolean byHeader) {
            this.eventType = eventType;
            this.deliveryId = deliveryId;
            this.evidence = requireNonNull(evidence, "evidence is null");
            this.byHeader = byHeader;
        }

        /**
         * Recognised by a header, tried before the flat envelope.
         *
         * @param eventType the event type, or {@code null} when the webhook does not say
         * @param deliveryId the sender's delivery id (becomes the event id), or {@code null}
         * @param evidence what gave it away, for messages, e.g. "the X-GitHub-Event header"
         * @return the recognition
         */
        public static Recognized byHeader(String eventType, String deliveryId, String evidence) {
            return new Recognized(eventType, deliveryId, evidence, true);
        }

        /**
         * Recognised by the body, tried after the flat envelope.
         *
         * @param eventType the event type, or {@code null} when the body does not say
         * @param deliveryId the sender's delivery id (from a header), or {@code null}
         * @param evidence what gave it away, e.g. "the body's webhookEvent field (Jira)"
         * @return the recognition
         */
        public static Recognized byBody(String eventType, String deliveryId, String evidence) {
            return new Recognized(eventType, deliveryId, evidence, false);
        }

        /**
         * The event type.
         *
         * @return the type, or empty
         */
        public Optional<String> eventType() {
            return Optional.ofNullable(eventType);
        }

        /**
         * The sender's delivery id.
         *
         * @return the id, or empty
         */
        public Optional<String> deliveryId() {
            return Optional.ofNullable(deliveryId);
        }

        /**
         * What gave the webhook away.
         *
         * @return e.g. "the X-GitHub-Event header"
         */
        public String evidence() {
            return evidence;
        }

        /**
         * Whether a header gave it away (else the body).
         *
         * @return true for a header
         */
        public boolean byHeader() {
            return byHeader;
        }
    }

    /** What the engine hands {@link #normalize}: the detected facts and the body. */
    final class Payload {

        private final String eventType;
        private final String id;
        private final Instant defaultTime;
        private final Map<String, Object> data;

        private Payload(Builder builder) {
            this.eventType = requireNonNull(builder.eventType, "eventType is null");
            this.id = requireNonNull(builder.id, "id is null");
            this.defaultTime = requireNonNull(builder.defaultTime, "defaultTime is null");
            this.data = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(builder.data, "data is null")));
        }

        /**
         * A builder (the engine builds payloads; tests of a source do too).
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * The source's own event type as the wire said it.
         *
         * @return e.g. {@code push}, {@code jira:issue_updated}, {@code pull_request.opened}
         */
        public String eventType() {
            return eventType;
        }

        /**
         * The event id, final: the sender's id prefixed with the source, or a content hash.
         *
         * @return the id
         */
        public String id() {
            return id;
        }

        /**
         * The time to use when the payload does not say: the CloudEvents {@code time}, the
         * envelope's {@code timestamp}, else the record's timestamp.
         *
         * @return the time
         */
        public Instant defaultTime() {
            return defaultTime;
        }

        /**
         * The body to normalise (for a CloudEvent its {@code data}), unmodifiable.
         *
         * @return the JSON object
         */
        public Map<String, Object> data() {
            return data;
        }

        /** Builds a {@link Payload}. */
        public static final class Builder {

            private String eventType;
            private String id;
            private Instant defaultTime;
            private Map<String, Object> data = Map.of();

            private Builder() {
            }

            /**
             * Sets the event type.
             *
             * @param value the type
             * @return this builder
             */
            public Builder eventType(String value) {
                this.eventType = value;
                return this;
            }

            /**
             * Sets the id.
             *
             * @param value the id
             * @return this builder
             */
            public Builder id(String value) {
                this.id = value;
                return this;
            }

            /**
             * Sets the default time.
             *
             * @param value the time
             * @return this builder
             */
            public Builder defaultTime(Instant value) {
                this.defaultTime = value;
                return this;
            }

            /**
             * Sets the body.
             *
             * @param value the JSON object
             * @return this builder
             */
            public Builder data(Map<String, Object> value) {
                this.data = value;
                return this;
            }

            /**
             * Builds the payload.
             *
             * @return the payload
             */
            public Payload build() {
                return new Payload(this);
            }
        }
    }
}
