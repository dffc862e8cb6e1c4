package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Kafka record as the decoder sees it, before anything is known about its content.
 *
 * <p>The byte arrays are copied in and out, so a record is immutable. Header names are looked up
 * without regard to case ({@code X-GitHub-Event} finds {@code x-github-event}); when two names
 * differ only in case the later one wins. Header values are the Kafka header bytes decoded as
 * UTF-8 by whoever builds the record.
 *
 * @param topic the topic it was read from
 * @param partition the partition
 * @param offset the offset, or {@code -1} for a record that did not come from Kafka
 * @param timestamp the record's timestamp; the event's time when the payload does not say
 * @param key the record key, or {@code null}
 * @param value the record value, or {@code null} (a tombstone)
 * @param headers the headers; {@code null} counts as none
 */
public record RawRecord(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        byte[] key,
        byte[] value,
        Map<String, String> headers) {

    /** The topic name {@link #of(String, Map)} gives records that did not come from Kafka. */
    public static final String REPLAY_TOPIC = "replay";

    /** Validates and copies the fields. */
    public RawRecord {
        requireNonNull(topic, "topic is null");
        requireNonNull(timestamp, "timestamp is null");
        key = key == null ? null : key.clone();
        value = value == null ? null : value.clone();
        headers = caseInsensitiveCopy(headers);
    }

    /**
     * A record that did not come from Kafka (tests, the CLI's replay): topic {@code replay},
     * partition 0, offset -1, timestamp now, no key.
     *
     * @param value the value, encoded as UTF-8
     * @param headers the headers, or {@code null} for none
     * @return the record
     */
    public static RawRecord of(String value, Map<String, String> headers) {
        requireNonNull(value, "value is null");
        return new RawRecord(REPLAY_TOPIC, 0, -1, Instant.now(), null,
                value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * A header's value, whatever the case of its name.
     *
     * @param name the header name, e.g. {@code X-GitHub-Event}
     * @return the value, or empty when the header is absent or has no value
     */
    public Optional<String> header(String name) {
        requireNonNull(name, "name is null");
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * A copy of the record key.
     *
     * @return the key bytes, or {@code null}
     */
    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /**
     * A copy of the record value.
     *
     * @return the value bytes, or {@code null}
     */
    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /**
     * The length of the value without copying it.
     *
     * @return the number of value bytes, or -1 when the value is {@code null}
     */
    public int valueLength() {
        return value == null ? -1 : value.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawRecord that
                && topic.equals(that.topic)
                && partition == that.partition
                && offset == that.offset
                && timestamp.equals(that.timestamp)
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value)
                && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key),
                Arrays.hashCode(value), headersHashCode());
    }

    /** A hash of the headers that, like their equality, ignores the case of names. */
    private int headersHashCode() {
        int hash = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            int nameHash = 0;
            for (int i = 0; i < header.getKey().length(); i++) {
                char c = Character.toLowerCase(Character.toUpperCase(header.getKey().charAt(i)));
                nameHash = 31 * nameHash + c;
            }
            hash += nameHash ^ Objects.hashCode(header.getValue());
        }
        return hash;
    }

    /**
     * Where the record came from and how big it is; never the content, which may hold secrets.
     *
     * @return e.g. {@code RawRecord[events-2@1234, 5120 bytes, headers=[X-GitHub-Event]]}
     */
    @Override
    public String toString() {
        return "RawRecord[" + topic + "-" + partition + "@" + offset + ", "
                + (value == null ? "no value" : value.length + " bytes")
                + ", headers=" + headers.keySet() + "]";
    }

    private static Map<String, String> caseInsensitiveCopy(Map<String, String> headers) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, headerValue) ->
                    copy.put(requireNonNull(name, "header name is null"), headerValue));
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
