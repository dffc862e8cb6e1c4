package dev.eventagent.testing.jira;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP side of the {@link TestingJiraServer}: injected faults first, then the credentials
 * check, then the {@link JiraApi}; every request is recorded with the status it got.
 */
final class JiraExchangeHandler implements HttpHandler {

    /** A fault for one request: an error status (with Retry-After) or a delay. */
    record Fault(int status, Duration retryAfter, Duration delay) {
    }

    private final JiraApi api;
    private final ObjectMapper mapper;
    private final String expectedAuthorization;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();

    JiraExchangeHandler(JiraApi api, ObjectMapper mapper, String expectedAuthorization) {
        this.api = api;
        this.mapper = mapper;
        this.expectedAuthorization = expectedAuthorization;
    }

    void addFaults(int count, Fault fault) {
        synchronized (faults) {
            for (int i = 0; i < count; i++) {
                faults.add(fault);
            }
        }
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    void clear() {
        requests.clear();
        synchronized (faults) {
            faults.clear();
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            boolean authorized = expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            Fault fault;
            synchronized (faults) {
                fault = faults.poll();
            }
            JiraApi.Answer answer;
            if (fault != null && !fault.delay().isZero()) {
                sleep(fault.delay());
                fault = null;
            }
            if (fault != null) {
                answer = api.error(fault.status(), fault.status() == 429 ? "Rate limit exceeded."
                        : "Internal server error (injected by the testing server).");
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After",
                            String.valueOf(Math.max(0, fault.retryAfter().toSeconds())));
                }
            } else if (!authorized) {
                answer = api.error(401, "Client must be authenticated to access this resource.");
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"protected-area\"");
            } else {
                answer = api.handle(method, path, query, body);
            }
            requests.add(new RecordedRequest(method, path, query, body, authorized, answer.status(), Instant.now()));
            if (answer.body() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            byte[] bytes = mapper.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            byte[] bytes = ("{\"errorMessages\":[\"testing server failure: " + e.getClass().getSimpleName()
                    + "\"],\"errors\":{}}").getBytes(UTF_8);
            exchange.sendResponseHeaders(500, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
            query.put(name, value);
        }
        return query;
    }
}
