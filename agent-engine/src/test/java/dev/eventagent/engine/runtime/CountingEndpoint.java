package dev.eventagent.engine.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A local HTTP server that counts the effects {@link CountingPlugin} reports from child JVMs. */
final class CountingEndpoint implements AutoCloseable {

    private final HttpServer server;
    /** tool → idempotency key → requests. */
    final Map<String, Map<String, Integer>> calls = new ConcurrentHashMap<>();
    /** event key → write sequence numbers in arrival order. */
    final Map<String, List<String>> order = new ConcurrentHashMap<>();
    volatile boolean down;

    CountingEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String tool = exchange.getRequestURI().getPath().substring(1);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int status = 200;
            if (down) {
                status = 503;
            } else {
                calls.computeIfAbsent(tool, t -> new ConcurrentHashMap<>()).merge(query.get("key"), 1, Integer::sum);
                if ("write_effect".equals(tool)) {
                    order.computeIfAbsent(query.get("event"), k -> new CopyOnWriteArrayList<>()).add(query.get("seq"));
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int distinct(String tool) {
        return calls.getOrDefault(tool, Map.of()).size();
    }

    int total(String tool) {
        return calls.getOrDefault(tool, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            map.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
