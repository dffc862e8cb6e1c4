package dev.eventagent.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.eventagent.api.Embedder.InputType;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.TransientToolException;
import dev.eventagent.testing.TestingEmbedder;
import dev.eventagent.testing.llm.Reply;
import dev.eventagent.testing.llm.ScriptedEmbeddings.EmbeddingsRequest;
import dev.eventagent.testing.llm.ScriptedModelServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The openai embedder against the testkit's scripted server speaking the OpenAI embeddings API over HTTP. */
class OpenAiEmbedderTest {

    private static ScriptedModelServer server;

    @BeforeAll
    static void start() {
        server = ScriptedModelServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    private static OpenAiEmbeddingSettings settings(String baseUrl, int dimension, boolean sendDimensions,
            Duration timeout, int batchSize, String queryPrefix, String passagePrefix, String apiKey) {
        return new OpenAiEmbeddingSettings(true, baseUrl, "text-embedding-3-small", apiKey, dimension,
                sendDimensions, timeout, batchSize, queryPrefix, passagePrefix);
    }

    private static OpenAiEmbedder embedder(int dimension) {
        return new OpenAiEmbedder(settings(server.baseUrl(), dimension, false, Duration.ofSeconds(5), 64, "", "",
                "sk-embed-secret"));
    }

    @Test
    void embedsInBatchesOfBatchSizeAndKeepsTheOrder() {
        server.embeddings().dimension(16);
        OpenAiEmbedder embedder = new OpenAiEmbedder(settings(server.baseUrl(), 16, false, Duration.ofSeconds(5), 3,
                "", "", "sk-embed-secret"));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            texts.add("text number " + i + " about topic " + (char) ('a' + i));
        }
        List<float[]> vectors = embedder.embed(texts, InputType.PASSAGE);

        List<float[]> expected = new TestingEmbedder(16).embed(texts, InputType.PASSAGE);
        assertThat(vectors).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertThat(vectors.get(i)).as("vector %d", i).containsExactly(expected.get(i), within(1e-6f));
        }
        assertThat(server.embeddings().requests()).extracting(request -> request.input().size())
                .containsExactly(3, 3, 1);
        EmbeddingsRequest first = server.embeddings().requests().get(0);
        assertThat(first.model()).isEqualTo("text-embedding-3-small");
        assertThat(first.encodingFormat()).isEqualTo("float");
        assertThat(first.dimensions()).as("not sent unless send-dimensions").isNull();
        assertThat(first.headers()).containsEntry("authorization", "Bearer sk-embed-secret");
        assertThat(embedder.name()).isEqualTo("openai");
        assertThat(embedder.dimension()).isEqualTo(16);
    }

    @Test
    void normalisesTheVectorsItIsGiven() {
        server.embeddings().vectors(text -> new float[] {3f, 4f});
        assertThat(embedder(2).embed(List.of("x"), InputType.QUERY).get(0)).containsExactly(0.6f, 0.8f);
    }

    @Test
    void asksForShorterVectorsOnlyWhenSendDimensionsIsSet() {
        OpenAiEmbedder embedder = new OpenAiEmbedder(settings(server.baseUrl(), 12, true, Duration.ofSeconds(5), 64,
                "", "", ""));
        assertThat(embedder.embed(List.of("hello"), InputType.PASSAGE).get(0)).hasSize(12);
        assertThat(server.embeddings().requests()).singleElement().satisfies(request -> {
            assertThat(request.dimensions()).isEqualTo(12);
            assertThat(request.headers()).as("no key, no header").doesNotContainKey("authorization");
        });
    }

    @Test
    void putsThePrefixOfTheInputTypeBeforeEachText() {
        server.embeddings().dimension(8);
        OpenAiEmbedder embedder = new OpenAiEmbedder(settings(server.baseUrl(), 8, false, Duration.ofSeconds(5), 64,
                "query: ", "passage: ", ""));
        embedder.embed(List.of("who knows Go"), InputType.QUERY);
        embedder.embed(List.of("writes Go"), InputType.PASSAGE);
        assertThat(server.embeddings().requests()).extracting(EmbeddingsRequest::input)
                .containsExactly(List.of("query: who knows Go"), List.of("passage: writes Go"));
    }

    @Test
    void aRateLimitIsTransientWithTheServersRetryAfterAndIsNotRetriedHere() {
        server.embeddings().answerNext(Reply.rateLimited(Duration.ofSeconds(2)));
        TransientToolException thrown = catchThrowableOfType(TransientToolException.class,
                () -> embedder(8).embed(List.of("x"), InputType.QUERY));
        assertThat(thrown).hasMessageContaining("429");
        assertThat(thrown.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(server.embeddings().requestCount()).as("one retry layer: the engine's").isEqualTo(1);
    }

    @Test
    void serverErrorsAndTimeoutsAreTransient() {
        server.embeddings().answerNext(Reply.errorMessage(503, "overloaded"), Reply.errorMessage(500, "boom"));
        assertThatThrownBy(() -> embedder(8).embed(List.of("x"), InputType.QUERY))
                .isInstanceOf(TransientToolException.class).hasMessageContaining("503").hasMessageContaining("overloaded");
        assertThatThrownBy(() -> embedder(8).embed(List.of("x"), InputType.QUERY))
                .isInstanceOf(TransientToolException.class).hasMessageContaining("500");

        server.embeddings().answerNext(Reply.slow(Duration.ofSeconds(3), Reply.text("")));
        OpenAiEmbedder impatient = new OpenAiEmbedder(settings(server.baseUrl(), 8, false, Duration.ofMillis(300), 64,
                "", "", ""));
        assertThatThrownBy(() -> impatient.embed(List.of("x"), InputType.QUERY))
                .isInstanceOf(TransientToolException.class).hasMessageContaining("did not answer within 300 ms");
    }

    @Test
    void anEndpointThatIsDownIsTransient() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OpenAiEmbedder down = new OpenAiEmbedder(settings("http://127.0.0.1:" + port + "/v1", 8, false,
                Duration.ofSeconds(2), 64, "", "", ""));
        assertThatThrownBy(() -> down.embed(List.of("x"), InputType.QUERY))
                .isInstanceOf(TransientToolException.class).hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void refusedCredentialsAndBadRequestsArePermanent() {
        server.embeddings().answerNext(Reply.errorMessage(401, "Incorrect API key provided"),
                Reply.errorMessage(400, "model not found"));
        assertThatThrownBy(() -> embedder(8).embed(List.of("x"), InputType.QUERY))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("401")
                .hasMessageContaining("agent.embedders.openai.api-key").hasMessageNotContaining("sk-embed-secret");
        assertThatThrownBy(() -> embedder(8).embed(List.of("x"), InputType.QUERY))
                .isInstanceOf(PermanentToolException.class).hasMessageContaining("400")
                .hasMessageContaining("model not found");
    }

    @Test
    void vectorsOfAnotherDimensionThanConfiguredArePermanentAndSayBoth() {
        server.embeddings().dimension(8);
        assertThatThrownBy(() -> embedder(1536).embed(List.of("x"), InputType.PASSAGE))
                .isInstanceOf(PermanentToolException.class)
                .hasMessageContaining("returned 8 dimensions")
                .hasMessageContaining("agent.embedders.openai.dimension = 1536");
    }

    @Test
    void blankTextsAreInvalidArgumentsAndNothingIsSent() {
        assertThatThrownBy(() -> embedder(8).embed(List.of("ok", "  "), InputType.PASSAGE))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("text 2 of 2");
        assertThat(embedder(8).embed(List.of(), InputType.PASSAGE)).isEmpty();
        assertThat(server.embeddings().requestCount()).isZero();
    }

    @Test
    void settingsNameTheWrongKeyAndNeverPrintTheKey() {
        assertThatThrownBy(() -> settings(server.baseUrl(), 8, false, Duration.ofSeconds(1), 0, "", "", ""))
                .hasMessageContaining("agent.embedders.openai.batch-size");
        assertThatThrownBy(() -> settings("ftp://x", 8, false, Duration.ofSeconds(1), 1, "", "", ""))
                .hasMessageContaining("agent.embedders.openai.base-url");
        assertThat(settings(server.baseUrl(), 8, false, Duration.ofSeconds(1), 1, "", "", "sk-embed-secret"))
                .asString().doesNotContain("sk-embed-secret").contains("[hidden]");
    }
}
