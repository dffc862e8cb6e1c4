package dev.eventagent.testing.llm;

import static dev.eventagent.testing.llm.ToolCallSpec.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wire format, read with a plain JDK HTTP client: what an OpenAI-compatible endpoint sends. */
class ScriptedModelServerWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_ONLY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private final ScriptedModelServer server = ScriptedModelServer.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsModelsAndBindsToLoopback() throws Exception {
        HttpResponse<String> response = get("/models");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").get(0).path("id").asText()).isEqualTo("Qwen/Qwen3-32B");
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
    }

    @Test
    void nonStreamingCompletionHasOpenAiShapeAndUsage() throws Exception {
        server.when(r -> true).reply(Reply.text("hello there"));

        HttpResponse<String> response = post(USER_ONLY + "}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("m");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("hello there");
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(1);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void streamSplitsContentAndEndsWithUsageThenDone() throws Exception {
        server.when(r -> true).reply(Reply.text("a fairly long streamed answer"));

        List<String> events = sse(post(USER_ONLY + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = parse(events.subList(0, events.size() - 1));
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        StringBuilder content = new StringBuilder();
        int contentChunks = 0;
        for (JsonNode chunk : chunks) {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            JsonNode piece = chunk.path("choices").path(0).path("delta").path("content");
            if (piece.isTextual() && !piece.asText().isEmpty()) {
                content.append(piece.asText());
                contentChunks++;
            }
        }
        assertThat(content.toString()).isEqualTo("a fairly long streamed answer");
        assertThat(contentChunks).isEqualTo(4);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.get("usage").isNull()).isTrue();
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").size()).isZero();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void streamWithoutIncludeUsageCarriesNoUsage() throws Exception {
        server.when(r -> true).reply(Reply.text("short"));

        List<String> events = sse(post(USER_ONLY + ",\"stream\":true}"));

        assertThat(events).last().isEqualTo("[DONE]");
        assertThat(events).noneMatch(event -> event.contains("\"usage\""));
    }

    @Test
    void streamedToolCallsAreIndexKeyedDeltas() throws Exception {
        server.when(r -> true).reply(Reply.toolCalls(
                call("find_owner", "{\"repo\":\"event-agent\"}"), call("notify_slack", "{\"channel\":\"#eng\"}")));

        List<JsonNode> chunks = parse(sse(post(USER_ONLY + ",\"stream\":true}")).stream()
                .filter(event -> !event.equals("[DONE]")).toList());

        List<StringBuilder> arguments = List.of(new StringBuilder(), new StringBuilder());
        List<JsonNode> openings = new ArrayList<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode toolCall : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                int index = toolCall.path("index").asInt();
                if (toolCall.has("id")) {
                    openings.add(toolCall);
                } else {
                    assertThat(toolCall.path("function").has("name")).isFalse();
                }
                arguments.get(index).append(toolCall.path("function").path("arguments").asText());
            }
        }
        assertThat(openings).extracting(o -> o.path("function").path("name").asText())
                .containsExactly("find_owner", "notify_slack");
        assertThat(openings).extracting(o -> o.path("type").asText()).containsOnly("function");
        assertThat(openings).extracting(o -> o.path("id").asText()).containsExactly("call_1_0", "call_1_1");
        assertThat(arguments.get(0).toString()).isEqualTo("{\"repo\":\"event-agent\"}");
        assertThat(arguments.get(1).toString()).isEqualTo("{\"channel\":\"#eng\"}");
        assertThat(chunks.get(chunks.size() - 1).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void rateLimitSendsRetryAfterInWholeSecondsRoundedUp() throws Exception {
        server.when(r -> true).reply(Reply.rateLimited(Duration.ofMillis(1500)));

        HttpResponse<String> response = post(USER_ONLY + ",\"stream\":true}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("2");
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).contains("Please try again in 2s.");
    }

    @Test
    void errorBodyIsSentVerbatim() throws Exception {
        server.when(r -> true).reply(Reply.error(502, "<html>bad gateway</html>"));

        HttpResponse<String> response = post(USER_ONLY + "}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("<html>bad gateway</html>");
    }

    @Test
    void invalidBodiesAndUnknownPathsAreRejectedAndNotRecorded() throws Exception {
        assertThat(post("this is not json").statusCode()).isEqualTo(400);
        assertThat(post("[1,2]").statusCode()).isEqualTo(400);
        assertThat(get("/audio/speech").statusCode()).isEqualTo(404);
        assertThat(get("/embeddings").statusCode()).isEqualTo(405);
        assertThat(get("/chat/completions").statusCode()).isEqualTo(405);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void slowReplyAbandonedByTheClientDoesNotBreakTheServer() throws Exception {
        server.when(r -> r.lastUserMessage().equals("slow")).reply(Reply.slow(Duration.ofMillis(600), Reply.text("late")));
        server.when(r -> true).reply(Reply.text("fast"));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofMillis(100))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}]}"))
                .build();

        assertThat(http.sendAsync(slow, HttpResponse.BodyHandlers.ofString()))
                .failsWithin(Duration.ofSeconds(5));
        // The server finishes the abandoned reply on its own: wait until it has, not a fixed time.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(post(USER_ONLY + "}").statusCode()).isEqualTo(200);
        assertThat(server.inFlight()).isZero();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> sse(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        for (String block : response.body().split("\n\n")) {
            assertThat(block).startsWith("data: ");
            events.add(block.substring("data: ".length()));
        }
        return events;
    }

    private static List<JsonNode> parse(List<String> events) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String event : events) {
            nodes.add(JSON.readTree(event));
        }
        return nodes;
    }
}
