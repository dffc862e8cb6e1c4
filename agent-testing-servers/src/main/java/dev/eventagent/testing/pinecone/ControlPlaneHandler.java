package dev.eventagent.testing.pinecone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.eventagent.api.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The HTTP side of the testing server: the control-plane calls the Java client makes
 * ({@code GET /indexes}, {@code GET /indexes/{name}}, {@code POST /indexes}) and the Inference
 * {@code POST /embed} endpoint, answering in Pinecone's JSON shapes. Checks the {@code Api-Key}
 * header and answers queued injected failures first.
 */
final class ControlPlaneHandler implements HttpHandler {

    /** The most inputs one embed request may carry (Pinecone's limit for multilingual-e5-large). */
    static final int MAX_EMBED_INPUTS = 96;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestingPineconeServer server;
    private final InjectedFaults faults;
    private final Consumer<RecordedRequest> recorder;

    ControlPlaneHandler(TestingPineconeServer server, InjectedFaults faults, Consumer<RecordedRequest> recorder) {
        this.server = requireNonNull(server, "server is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            byte[] body = readAll(exchange.getRequestBody());
            String operation = operation(method, path);
            if (!server.apiKey().equals(exchange.getRequestHeaders().getFirst("Api-Key"))) {
                recorder.accept(new RecordedRequest(operation, "", "", 0, "", "401"));
                error(exchange, 401, "UNAUTHENTICATED", "Invalid API Key");
                return;
            }
            Optional<InjectedFaults.HttpFault> fault = faults.nextHttp();
            if (fault.isPresent()) {
                InjectedFaults.HttpFault failure = fault.get();
                recorder.accept(new RecordedRequest(operation, "", "", 0, "injected", String.valueOf(failure.status())));
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After",
                            String.valueOf(Math.max(1, failure.retryAfter().toSeconds())));
                }
                error(exchange, failure.status(), failure.status() == 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE",
                        "injected failure " + failure.status());
                return;
            }
            switch (operation) {
                case "embed" -> embed(exchange, body);
                case "describe_index" -> describe(exchange, path.substring("/indexes/".length()));
                case "create_index" -> create(exchange, body);
                case "list_indexes" -> list(exchange);
                default -> {
                    recorder.accept(new RecordedRequest(operation, "", "", 0, method + " " + path, "404"));
                    error(exchange, 404, "NOT_FOUND", "the testing server does not serve " + method + " " + path);
                }
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "INTERNAL", String.valueOf(e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private static String operation(String method, String path) {
        if (method.equals("POST") && path.equals("/embed")) {
            return "embed";
        }
        if (method.equals("GET") && path.startsWith("/indexes/") && path.indexOf('/', 9) < 0) {
            return "describe_index";
        }
        if (path.equals("/indexes")) {
            return method.equals("POST") ? "create_index" : "list_indexes";
        }
        return "unknown";
    }

    private void describe(HttpExchange exchange, String name) throws IOException {
        Optional<IndexModel> index = server.indexModel(name);
        if (index.isEmpty()) {
            recorder.accept(new RecordedRequest("describe_index", name, "", 0, "", "404"));
            error(exchange, 404, "NOT_FOUND", "Resource " + name + " not found");
            return;
        }
        recorder.accept(new RecordedRequest("describe_index", name, "", 0, "", "ok"));
        send(exchange, 200, index.get().toJson());
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        String name = request.path("name").asText("");
        int dimension = request.path("dimension").asInt(0);
        String metric = request.path("metric").asText("cosine");
        if (name.isEmpty() || dimension < 1 || !metric.equals("cosine")) {
            recorder.accept(new RecordedRequest("create_index", name, "", 0, "", "400"));
            error(exchange, 400, "INVALID_ARGUMENT",
                    "the testing server creates dense cosine indexes with a name and a dimension");
            return;
        }
        if (server.indexModel(name).isPresent()) {
            recorder.accept(new RecordedRequest("create_index", name, "", 0, "", "409"));
            error(exchange, 409, "ALREADY_EXISTS", "Resource " + name + " already exists");
            return;
        }
        IndexModel created = server.createIndexModel(name, dimension);
        recorder.accept(new RecordedRequest("create_index", name, "", 0, "dimension " + dimension, "ok"));
        send(exchange, 201, created.toJson());
    }

    private void list(HttpExchange exchange) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode indexes = answer.putArray("indexes");
        server.indexModels().forEach(index -> indexes.add(index.toJson()));
        recorder.accept(new RecordedRequest("list_indexes", "", "", indexes.size(), "", "ok"));
        send(exchange, 200, answer);
    }

    private void embed(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        String model = request.path("model").asText("");
        String inputType = request.path("parameters").path("input_type").asText("");
        List<String> texts = new ArrayList<>();
        request.path("inputs").forEach(input -> texts.add(input.path("text").asText("")));
        String problem = !model.equals(server.inferenceModel()) ? "Model '" + model + "' not found"
                : !(inputType.equals("passage") || inputType.equals("query"))
                        ? "Parameter input_type is required for " + model + " and must be passage or query"
                : texts.isEmpty() || texts.size() > MAX_EMBED_INPUTS
                        ? "inputs must hold 1 to " + MAX_EMBED_INPUTS + " items, not " + texts.size()
                : null;
        if (problem != null) {
            recorder.accept(new RecordedRequest("embed", "", "", texts.size(), inputType, "400"));
            error(exchange, 400, "INVALID_ARGUMENT", problem);
            return;
        }
        Embedder embedder = server.inferenceEmbedder();
        List<float[]> vectors = embedder.embed(texts,
                inputType.equals("query") ? Embedder.InputType.QUERY : Embedder.InputType.PASSAGE);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("model", model);
        answer.put("vector_type", "dense");
        ArrayNode data = answer.putArray("data");
        int tokens = 0;
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            ArrayNode values = item.putArray("values");
            for (float value : vectors.get(i)) {
                values.add(value);
            }
            item.put("vector_type", "dense");
            tokens += texts.get(i).split("\\s+").length;
        }
        answer.putObject("usage").put("total_tokens", tokens);
        recorder.accept(new RecordedRequest("embed", "", "", texts.size(), inputType, "ok"));
        send(exchange, 200, answer);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("error").put("code", code).put("message", message);
        answer.put("status", status);
        send(exchange, status, answer);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /**
     * What the control plane says about an index.
     *
     * @param name the index name
     * @param dimension its dimension
     * @param host its data-plane address, {@code host:port}
     */
    record IndexModel(String name, int dimension, String host) {

        ObjectNode toJson() {
            ObjectNode index = JSON.createObjectNode();
            index.put("name", name);
            index.put("dimension", dimension);
            index.put("metric", "cosine");
            index.put("host", host);
            index.put("vector_type", "dense");
            index.put("deletion_protection", "disabled");
            ObjectNode serverless = index.putObject("spec").putObject("serverless");
            serverless.put("cloud", "aws");
            serverless.put("region", "us-east-1");
            ObjectNode capacity = serverless.putObject("read_capacity");
            capacity.put("mode", "OnDemand");
            capacity.putObject("status").put("state", "Ready");
            index.putObject("status").put("ready", true).put("state", "Ready");
            return index;
        }
    }
}
