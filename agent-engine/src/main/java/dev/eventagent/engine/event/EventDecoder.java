package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.eventagent.api.Event;
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
 * wire-form detection ({@link WireFormDetector}), then the source's {@link Normalizer}.
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
    private final Map<String, Normalizer> normalizers;
    private final WireFormDetector detector;

    /**
     * A decoder with the built-in normalisers: GitHub, Jira and Alertmanager.
     *
     * @param settings the limits
     */
    public EventDecoder(DecoderSettings settings) {
        this(settings, List.of(new GitHubNormalizer(settings.githubEmails()), new JiraNormalizer(), new AlertmanagerNormalizer()));
    }

    /**
     * A decoder with the given normalisers.
     *
     * @param settings the limits
     * @param normalizers one per source; source names must be unique and lower case
     */
    public EventDecoder(DecoderSettings settings, List<? extends Normalizer> normalizers) {
        this.settings = requireNonNull(settings, "settings is null");
        Map<String, Normalizer> bySource = new TreeMap<>();
        for (Normalizer normalizer : requireNonNull(normalizers, "normalizers is null")) {
            String source = requireNonNull(normalizer.source(), "normalizer source is null");
            if (bySource.put(source, normalizer) != null) {
                throw new IllegalArgumentException("two normalizers for source '" + source + "'");
            }
        }
        this.normalizers = Collections.unmodifiableMap(bySource);
        this.detector = new WireFormDetector(this.normalizers.keySet());
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
        return List.copyOf(normalizers.keySet());
    }

    /**
     * Decodes one record.
     *
     * @param record the record
     * @return the canonical event
     * @throws DecodeException when the record is too large, not UTF-8, not a JSON object, of the
     *     wrong shape, or from a source or of a type no normaliser handles
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

        Normalizer normalizer = normalizers.get(envelope.source());
        if (normalizer == null) {
            throw new DecodeException(DecodeException.Reason.UNKNOWN_SOURCE, "source "
                    + PayloadSnippet.quote(envelope.source(), 60) + " (from " + envelope.origin()
                    + ") has no normalizer; known sources are " + normalizers.keySet());
        }
        String id = eventId(envelope, value);
        SourceEvent event = new SourceEvent(envelope.form(), envelope.source(),
                envelope.eventType() == null ? "unknown" : envelope.eventType(), id,
                envelope.time() != null ? envelope.time() : record.timestamp(), envelope.data());
        if (envelope.eventType() == null || !normalizer.supports(envelope.eventType())) {
            if (settings.acceptUnknownTypes()) {
                return normalizer.passThrough(event);
            }
            throw unknownType(envelope, normalizer);
        }
        return normalizer.normalize(event);
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

    private static DecodeException unknownType(WireEnvelope envelope, Normalizer normalizer) {
        String what = envelope.eventType() == null
                ? "no event type (from " + envelope.origin() + "; add an X-Event-Type header)"
                : "event type " + PayloadSnippet.quote(envelope.eventType(), 80) + " (from "
                        + envelope.origin() + ")";
        return new DecodeException(DecodeException.Reason.UNKNOWN_TYPE, normalizer.source()
                + " event with " + what + " has no normalizer; known types are "
                + normalizer.eventTypes() + "; set " + DecoderSettings.ACCEPT_UNKNOWN_TYPES_KEY
                + " = true to pass such events through with empty attributes");
    }
}
