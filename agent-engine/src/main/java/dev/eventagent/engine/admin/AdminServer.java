package dev.eventagent.engine.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventagent.engine.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The admin HTTP port: {@code /health} (liveness: the poll loop runs), {@code /ready} (readiness:
 * partitions assigned and backends reachable, with the reasons as JSON) and {@code /metrics}
 * (Prometheus text format).
 */
public final class AdminServer implements AutoCloseable {

    /**
     * A check answering whether something is fine, and why not.
     *
     * @param ok whether it is fine
     * @param detail what was checked and what was found
     */
    public record Check(boolean ok, Map<String, Object> detail) {
    }

    private final HttpServer server;

    private AdminServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the server.
     *
     * @param host the address to bind
     * @param port the port; 0 for any free port
     * @param liveness the {@code /health} check
     * @param readiness the {@code /ready} check
     * @param metrics the registry {@code /metrics} scrapes
     * @return the running server
     */
    public static AdminServer start(String host, int port, Supplier<Check> liveness, Supplier<Check> readiness,
            PrometheusMeterRegistry metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
            server.createContext("/health", exchange -> answer(exchange, liveness.get()));
            server.createContext("/ready", exchange -> answer(exchange, readiness.get()));
            server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape()));
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "admin-http");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new AdminServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin port " + host + ":" + port
                    + " (agent.admin.port): " + e.getMessage(), e);
        }
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Check check) throws IOException {
        send(exchange, check.ok() ? 200 : 503, "application/json", Json.write(Map.of("ok", check.ok(),
                "detail", check.detail())));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
