package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.eventagent.api.Event;
import dev.eventagent.api.EventSource;
import dev.eventagent.api.MalformedEventException;
import dev.eventagent.engine.json.Json;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a Kafka record into the canonical {@link Event}: size check, strict UTF-8, JSON object,
 * wire-form detection ({@link WireFormDetector}), then the source's {@link EventSource} (GitHub,
 * Jira and Alertmanager built in, others from plugins).
 *
 * <p>Thread-safe: one instance serves all consumer threads. Every failure is a
 * {@link DecodeException} whose {@link DecodeException.Reason} says what kind it is; nothing
 * here is worth retrying.
 */
public final class EventDecoder {

    /** How many hex characters of the SHA-256 content hash an id without a producer id keeps. */
    static final int HASH_ID_HEX_CHARS = 32;

    private static final ObjectReader JSON_READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .forType(Object.class);

    private final DecoderSettings settings;
    private final Map<String, EventSource> sources;
    private final WireFormDetector detector;

    /**
     * A decoder with the built-in sources: GitHub, Jira and Alertmanager.
     *
     * @param settings the limits
     */
    public EventDecoder(DecoderSettings settings) {
        this(settings, List.of());
    }

    /**
     * A decoder with the built-in sources and the given ones; a given source named like a
     * built-in one replaces it.
     *
     * @param settings the limits
     * @param added the sources plugins provide; names must be unique, lower case
     * @throws IllegalArgumentException when two added sources have one name, or a name is not lower case
     */
    public EventDecoder(DecoderSettings settings, List<? extends EventSource> added) {
        this.settings = requireNonNull(settings, "settings is null");
        Map<String, EventSource> byName = new TreeMap<>();
        for (EventSource builtIn : builtIn(settings)) {
            byName.put(builtIn.name(), builtIn);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (EventSource source : requireNonNull(added, "added is null")) {
            String name = requireNonNull(source.name(), "event source name is null");
            if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new IllegalArgumentException("event source name '" + name + "' must be lower-case letters, "
                        + "digits, '-' and '_'");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("two event sources are named '" + name + "'");
            }
            byName.put(name, source);
        }
        this.sources = Collections.unmodifiableMap(byName);
        this.detector = new WireFormDetector(this.sources);
    }

    /**
     * The sources every decoder knows.
     *
     * @param settings the decoder's settings (GitHub logins to e-mails)
     * @return GitHub, Jira and Alertmanager
     */
    public static List<EventSource> builtIn(DecoderSettings settings) {
        return List.of(new GitHubNormalizer(settings.githubEmails()), new JiraNormalizer(), new AlertmanagerNormalizer());
    }

    /**
     * The settings this decoder applies.
     *
     * @return the settings
     */
    public DecoderSettings settings() {
        return settings;
    }

    /**
     * The sources this decoder knows, in alphabetical order.
     *
     * @return e.g. {@code [alertmanager, github, jira]}
     */
    public List<String> sources() {
        return List.copyOf(sources.keySet());
    }

    /**
     * Decodes one record.
     *
     * @param record the record
     * @return the canonical event
     * @throws DecodeException when the record is too large, not UTF-8, not a JSON object, of the
     *     wrong shape, or from a source or of a type no event source handles
     */
    public Event decode(RawRecord record) throws DecodeException {
        requireNonNull(record, "record is null");
        int length = record.valueLength();
        if (length < 0) {
            throw new DecodeException(DecodeException.Reason.MALFORMED_JSON,
                    "the record has no value (null, e.g. a tombstone); expected a JSON object");
        }
        if (length > settings.maxPayloadBytes()) {
            throw new DecodeException(DecodeException.Reason.TOO_LARGE, "payload of " + length
                    + " bytes exceeds " + DecoderSettings.MAX_PAYLOAD_BYTES_KEY + " = "
                    + settings.maxPayloadBytes());
        }
        byte[] value = record.value();
        Map<String, Object> body = parseObject(utf8(value));
        WireEnvelope envelope = detector.detect(record, JsonObjectView.root(body));

        EventSource source = sources.get(envelope.source());
        if (source == null) {
            throw new DecodeException(DecodeException.Reason.UNKNOWN_SOURCE, "source "
                    + PayloadSnippet.quote(envelope.source(), 60) + " (from " + envelope.origin()
                    + ") has no event source; known sources are " + sources.keySet()
                    + " (a plugin adds others)");
        }
        EventSource.Payload payload = EventSource.Payload.builder()
                .eventType(envelope.eventType() == null ? "unknown" : envelope.eventType())
                .id(eventId(envelope, value))
                .defaultTime(envelope.time() != null ? envelope.time() : record.timestamp())
                .data(envelope.data())
                .build();
        if (envelope.eventType() == null || !source.supports(envelope.eventType())) {
            if (settings.acceptUnknownTypes()) {
                return source.passThrough(payload);
            }
            throw unknownType(envelope, source);
        }
        try {
            return source.normalize(payload);
        } catch (MalformedEventException e) {
            throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, e.getMessage());
        }
    }

    private static String utf8(byte[] value) throws DecodeException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(value.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw invalidUtf8(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw invalidUtf8(in.position());
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static DecodeException invalidUtf8(int position) {
        return new DecodeException(DecodeException.Reason.INVALID_ENCODING,
                "value is not valid UTF-8 at byte " + position + "; producers must send UTF-8 JSON");
    }

    private static Map<String, Object> parseObject(String text) throws DecodeException {
        if (text.isBlank()) {
            throw new DecodeException(DecodeException.Reason.MALFORMED_JSON,
                    "the value is empty; expected a JSON object");
        }
        Object parsed;
        try {
            parsed = JSON_READER.readValue(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new DecodeException(DecodeException.Reason.MALFORMED_JSON, "malformed JSON" + where
                    + ": " + PayloadSnippet.cut(detail, PayloadSnippet.MAX_CHARS));
        }
        if (parsed instanceof Map<?, ?> object) {
            return ImmutableJson.copyOf(object);
        }
        throw new DecodeException(DecodeException.Reason.WRONG_SHAPE,
                "wrong shape at $: expected a JSON object, found " + PayloadSnippet.describe(parsed)
                        + (parsed instanceof List<?> ? "; send one event per record" : ""));
    }

    private static String eventId(WireEnvelope envelope, byte[] value) {
        String source = envelope.source();
        String producerId = envelope.producerId();
        if (producerId != null && !producerId.isBlank()) {
            return producerId.startsWith(source + ":") ? producerId : source + ":" + producerId;
        }
        return source + ":" + contentHash(value);
    }

    private static String contentHash(byte[] value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return HexFormat.of().formatHex(digest).substring(0, HASH_ID_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static DecodeException unknownType(WireEnvelope envelope, EventSource source) {
        String what = envelope.eventType() == null
                ? "no event type (from " + envelope.origin() + "; add an X-Event-Type header)"
                : "event type " + PayloadSnippet.quote(envelope.eventType(), 80) + " (from "
                        + envelope.origin() + ")";
        return new DecodeException(DecodeException.Reason.UNKNOWN_TYPE, source.name()
                + " event with " + what + " is not one its event source knows; known types are "
                + source.eventTypes() + "; set " + DecoderSettings.ACCEPT_UNKNOWN_TYPES_KEY
                + " = true to pass such events through with empty attributes");
    }
}
