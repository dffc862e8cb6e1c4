package dev.eventagent.engine.runtime;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.api.TransientToolException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test plugin whose two tools report every call to a {@link CountingEndpoint} over HTTP (in a
 * child JVM, where it is loaded from a plugin folder) or to in-memory counters (in this JVM):
 * {@code write_effect} (WRITE, idempotent) and {@code post_effect} (EXTERNAL, not idempotent).
 * Only the SPI and the JDK are used, so the class can live in its own plugin class loader.
 */
public final class CountingPlugin implements ToolPlugin {

    /** In-process effects: tool → idempotency key → calls; and per event key the order of writes. */
    public static final Map<String, Map<String, Integer>> CALLS = new ConcurrentHashMap<>();
    /** In-process order of writes per event key. */
    public static final Map<String, List<String>> ORDER = new ConcurrentHashMap<>();
    /** While true, the in-process tools fail as a backend that is down. */
    public static volatile boolean down;
    /** In-process post_effect fails permanently for this sequence number. */
    public static volatile String failPermanentlyOnSeq = "";

    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"key\",\"seq\"],\"properties\":"
            + "{\"key\":{\"type\":\"string\",\"description\":\"The event key.\"},"
            + "\"seq\":{\"type\":\"string\",\"description\":\"The sequence number within the key.\"}}}";

    /** Clears the in-process counters. */
    public static void reset() {
        CALLS.clear();
        ORDER.clear();
        down = false;
        failPermanentlyOnSeq = "";
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public PluginInstance create(PluginContext context) {
        String endpoint = context.config().hasPath("endpoint") ? context.config().getString("endpoint") : "";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return PluginInstance.of(List.of(
                new CountingTool("write_effect", EffectKind.WRITE, true, endpoint, http),
                new CountingTool("post_effect", EffectKind.EXTERNAL, false, endpoint, http)));
    }

    /** One counting tool. */
    static final class CountingTool implements Tool {
        private final ToolDescriptor descriptor;
        private final String endpoint;
        private final HttpClient http;

        CountingTool(String name, EffectKind effect, boolean idempotent, String endpoint, HttpClient http) {
            this.descriptor = ToolDescriptor.builder(name).description("Use this in tests: counts " + name + ".")
                    .effect(effect).idempotent(idempotent).risk(Risk.LOW).argumentsSchema(SCHEMA).build();
            this.endpoint = endpoint;
            this.http = http;
        }

        @Override
        public ToolDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public ToolResult invoke(ToolCall call) {
            String key = call.requireString("key");
            String seq = call.requireString("seq");
            if (endpoint.isEmpty()) {
                if (down) {
                    throw new TransientToolException("the counting backend is down", null);
                }
                if (descriptor.effect() == EffectKind.EXTERNAL && seq.equals(failPermanentlyOnSeq)) {
                    throw new PermanentToolException("the counting backend refuses seq " + seq, null);
                }
                CALLS.computeIfAbsent(descriptor.name(), t -> new ConcurrentHashMap<>())
                        .merge(call.idempotencyKey(), 1, Integer::sum);
                if (descriptor.effect() == EffectKind.WRITE) {
                    ORDER.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(seq);
                }
                return ToolResult.of("counted", true);
            }
            String uri = endpoint + "/" + descriptor.name() + "?key=" + encode(call.idempotencyKey()) + "&event="
                    + encode(key) + "&seq=" + encode(seq);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 503) {
                    throw new TransientToolException("the counting endpoint answered 503", null);
                }
                if (response.statusCode() != 200) {
                    throw new PermanentToolException("the counting endpoint answered " + response.statusCode(), null);
                }
                return ToolResult.of("counted", true);
            } catch (IOException e) {
                throw new TransientToolException("the counting endpoint is unreachable: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientToolException("interrupted", e);
            }
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
