package dev.eventagent.testing.llm;

import static dev.eventagent.testing.llm.OpenAiClients.FIND_OWNER;
import static dev.eventagent.testing.llm.OpenAiClients.NOTIFY_SLACK;
import static dev.eventagent.testing.llm.OpenAiClients.streamingModel;
import static dev.eventagent.testing.llm.ToolCallSpec.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.eventagent.testing.llm.OpenAiClients.StreamCollector;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scripted server streaming Server-Sent Events to the real langchain4j {@code OpenAiStreamingChatModel}. */
class ScriptedModelServerStreamingTest {

    private final ScriptedModelServer server = ScriptedModelServer.start();
    private final StreamingChatModel model = streamingModel(server).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamedTextArrivesInSeveralChunksWithUsageInTheLastOne() throws Exception {
        String content = "<think>A push to main.</think>Run the commit tools, then notify the team.";
        server.when(ChatRequestView::stream).reply(Reply.text(content));

        StreamCollector collector = chat(ChatRequest.builder().messages(UserMessage.from("push arrived")).build());
        ChatResponse response = collector.response.get(10, TimeUnit.SECONDS);

        assertThat(collector.partials).hasSizeGreaterThan(3);
        assertThat(String.join("", collector.partials)).isEqualTo(content);
        assertThat(response.aiMessage().text()).isEqualTo(content);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        ChatRequestView request = server.lastRequest();
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).as("langchain4j always asks for stream usage").isTrue();
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(request.promptTokens());
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo((content.length() + 3) / 4);
        assertThat(response.tokenUsage().totalTokenCount())
                .isEqualTo(request.promptTokens() + (content.length() + 3) / 4);
    }

    @Test
    void streamedParallelToolCallsAreReassembledFromIndexKeyedDeltas() throws Exception {
        String ownerArgs = "{\"repo\":\"event-agent\",\"branch\":\"main\"}";
        String slackArgs = "{\"channel\":\"#platform-eng\",\"text\":\"CI is red on main\"}";
        server.when(ChatRequestView::stream).reply(Reply.toolCallsWithText("<think>two tools</think>",
                call("find_owner", ownerArgs).withId("call_a"), call("notify_slack", slackArgs).withId("call_b")));

        StreamCollector collector = chat(ChatRequest.builder()
                .messages(UserMessage.from("CI failed"))
                .toolSpecifications(FIND_OWNER, NOTIFY_SLACK)
                .build());
        ChatResponse response = collector.response.get(10, TimeUnit.SECONDS);

        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::id, ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(tuple("call_a", "find_owner", ownerArgs), tuple("call_b", "notify_slack", slackArgs));
        assertThat(response.aiMessage().text()).isEqualTo("<think>two tools</think>");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(collector.completeToolCalls).hasSize(2);
        assertThat(collector.completeToolCalls.get(1).index()).isEqualTo(1);
        assertThat(collector.partialToolCalls.stream().filter(p -> p.index() == 0).count())
                .as("arguments split over several deltas").isGreaterThan(3);
        assertThat(collector.partialToolCalls.stream().filter(p -> p.index() == 1)
                .map(PartialToolCall::partialArguments).reduce("", String::concat)).isEqualTo(slackArgs);
        assertThat(response.tokenUsage()).isNotNull();
    }

    @Test
    void streamedMalformedArgumentsArriveVerbatim() throws Exception {
        String malformed = "{\"repo\": \"event-agent\"";
        server.when(r -> true).reply(Reply.toolCalls(call("find_owner", malformed)));

        StreamCollector collector = chat(ChatRequest.builder()
                .messages(UserMessage.from("who owns it?"))
                .toolSpecifications(FIND_OWNER)
                .build());

        ChatResponse response = collector.response.get(10, TimeUnit.SECONDS);
        assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments()).isEqualTo(malformed);
    }

    @Test
    void streamedRateLimitArrivesAsRateLimitExceptionInOnError() {
        server.when(r -> true).reply(Reply.rateLimited(Duration.ofSeconds(3)));

        StreamCollector collector = chat(ChatRequest.builder().messages(UserMessage.from("plan")).build());
        Throwable thrown = catchThrowable(() -> collector.response.get(10, TimeUnit.SECONDS));

        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isExactlyInstanceOf(RateLimitException.class)
                .hasMessageContaining("Please try again in 3s.");
        assertThat(server.requestCount()).as("the streaming model never retries").isEqualTo(1);
    }

    @Test
    void streamedSlowReplyTimesOutInOnError() {
        server.when(r -> true).reply(Reply.slow(Duration.ofSeconds(5), Reply.text("late")));
        StreamingChatModel impatient = streamingModel(server).timeout(Duration.ofMillis(300)).build();

        StreamCollector collector = new StreamCollector();
        impatient.chat(ChatRequest.builder().messages(UserMessage.from("plan")).build(), collector);
        Throwable thrown = catchThrowable(() -> collector.response.get(10, TimeUnit.SECONDS));

        assertThat(thrown.getCause()).isExactlyInstanceOf(TimeoutException.class);
    }

    private StreamCollector chat(ChatRequest request) {
        StreamCollector collector = new StreamCollector();
        model.chat(request, collector);
        return collector;
    }
}
