package dev.eventagent.engine.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Reads the webhook fixtures under {@code src/test/resources/events} and wraps them in records. */
final class EventFixtures {

    /** The timestamp of every fixture record: the event time when the payload does not say. */
    static final Instant RECEIVED = Instant.parse("2024-06-01T00:00:00Z");

    /** A delivery id as GitHub sends it. */
    static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    private EventFixtures() {
    }

    /** A fixture's text. */
    static String text(String name) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/events/" + name)) {
            Objects.requireNonNull(in, "no fixture /events/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record holding a fixture. */
    static RawRecord fixture(String name, Map<String, String> headers) {
        return record(text(name), headers);
    }

    /** A record holding text. */
    static RawRecord record(String value, Map<String, String> headers) {
        return record(value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A record holding bytes. */
    static RawRecord record(byte[] value, Map<String, String> headers) {
        return new RawRecord("engineering-events", 3, 1234L, RECEIVED, null, value, headers);
    }

    /** Decodes a record that must fail, and returns the failure. */
    static DecodeException failure(EventDecoder decoder, RawRecord record) {
        try {
            return fail(decoder.decode(record));
        } catch (DecodeException e) {
            return e;
        }
    }

    private static DecodeException fail(Object decoded) {
        throw new AssertionError("expected a DecodeException, but decoded " + decoded);
    }

    /** A GitHub webhook fixture with its event and delivery headers. */
    static RawRecord github(String name, String event) {
        return fixture(name, Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", DELIVERY));
    }
}
