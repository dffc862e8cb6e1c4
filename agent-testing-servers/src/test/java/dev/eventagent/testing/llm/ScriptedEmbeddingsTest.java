package dev.eventagent.testing.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embeddings endpoint, through langchain4j's real OpenAI embedding client and raw HTTP. */
class ScriptedEmbeddingsTest {

    private final ScriptedModelServer server = ScriptedModelServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersTheRealOpenAiEmbeddingClientInOrder() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test")
                .modelName("text-embedding-3-small").maxRetries(0).build();
        List<Embedding> embeddings = model.embedAll(List.of(TextSegment.from("kubernetes operator"),
                TextSegment.from("sourdough bread"), TextSegment.from("kubernetes operator"))).content();

        assertThat(embeddings).hasSize(3).allSatisfy(embedding -> assertThat(embedding.vector()).hasSize(8));
        assertThat(embeddings.get(0).vector()).isEqualTo(embeddings.get(2).vector());
        assertThat(embeddings.get(0).vector()).isNotEqualTo(embeddings.get(1).vector());
        assertThat(server.embeddings().requests()).singleElement().satisfies(request -> {
            assertThat(request.model()).isEqualTo("text-embedding-3-small");
            assertThat(request.input()).containsExactly("kubernetes operator", "sourdough bread",
                    "kubernetes operator");
            assertThat(request.headers()).containsEntry("authorization", "Bearer sk-test");
        });
        assertThat(server.embeddings().textCount()).isEqualTo(3);
        assertThat(server.requestCount()).as("chat requests").isZero();
    }

    @Test
    void honoursDimensionsAndCustomVectors() throws Exception {
        server.embeddings().vectors(text -> new float[] {text.length(), 1f, 2f});
        HttpResponse<String> custom = post("{\"model\":\"m\",\"input\":\"abcd\"}");
        assertThat(custom.body()).contains("\"embedding\":[4.0,1.0,2.0]").contains("\"index\":0")
                .contains("\"usage\"");
        server.embeddings().vectors(null).dimension(5);
        assertThat(post("{\"model\":\"m\",\"input\":[\"a b\"]}").body()).contains("\"object\":\"embedding\"");
        OpenAiEmbeddingModel shortened = OpenAiEmbeddingModel.builder().baseUrl(server.baseUrl()).apiKey("k")
                .modelName("text-embedding-3-large").dimensions(16).maxRetries(0).build();
        assertThat(shortened.embed("hello").content().vector()).hasSize(16);
        assertThat(server.embeddings().requests().get(2).dimensions()).isEqualTo(16);
    }

    @Test
    void sendsBase64WhenAsked() throws Exception {
        String body = post("{\"model\":\"m\",\"input\":[\"x\"],\"encoding_format\":\"base64\"}").body();
        String encoded = body.replaceAll("(?s).*\"embedding\":\"([^\"]+)\".*", "$1");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(8 * Float.BYTES);
        assertThat(bytes.getFloat(0) * bytes.getFloat(0)).isGreaterThanOrEqualTo(0f);
    }

    @Test
    void scriptedFailuresAnswerTheNextRequestsThenVectorsAgain() throws Exception {
        server.embeddings().answerNext(Reply.rateLimited(Duration.ofSeconds(3)),
                Reply.errorMessage(503, "overloaded"), Reply.slow(Duration.ofMillis(200), Reply.text("ignored")));
        HttpResponse<String> limited = post("{\"model\":\"m\",\"input\":[\"x\"]}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("3");
        assertThat(post("{\"model\":\"m\",\"input\":[\"x\"]}").statusCode()).isEqualTo(503);
        long start = System.nanoTime();
        HttpResponse<String> slow = post("{\"model\":\"m\",\"input\":[\"x\"]}");
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
        assertThat(post("{\"model\":\"m\",\"input\":[\"x\"]}").statusCode()).isEqualTo(200);
        assertThat(server.embeddings().requestCount()).isEqualTo(4);
    }

    @Test
    void refusesEmptyInputsAndBadBodiesLikeOpenAi() throws Exception {
        assertThat(post("{\"model\":\"m\",\"input\":[\"ok\",\"\"]}").statusCode()).isEqualTo(400);
        assertThat(post("{\"input\":[\"ok\"]}").statusCode()).isEqualTo(400);
        assertThat(post("not json").statusCode()).isEqualTo(400);
        assertThat(server.embeddings().requestCount()).isZero();
        server.reset();
        assertThat(server.embeddings().requests()).isEmpty();
    }

    private HttpResponse<String> post(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/embeddings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
