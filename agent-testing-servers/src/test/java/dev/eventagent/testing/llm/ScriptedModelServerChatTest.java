package dev.eventagent.testing.llm;

import static dev.eventagent.testing.llm.OpenAiClients.FIND_OWNER;
import static dev.eventagent.testing.llm.OpenAiClients.NOTIFY_SLACK;
import static dev.eventagent.testing.llm.OpenAiClients.chatModel;
import static dev.eventagent.testing.llm.ToolCallSpec.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scripted server answering the real langchain4j {@code OpenAiChatModel} (non-streaming). */
class ScriptedModelServerChatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptedModelServer server = ScriptedModelServer.start();
    private final ChatModel model = chatModel(server).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void textReplyArrivesVerbatimWithDeterministicUsage() {
        String content = "<think>It is a greeting.</think>Hello, platform team!";
        server.when(r -> r.lastUserMessage().contains("hello")).reply(Reply.text(content));

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from("You plan tool calls."), UserMessage.from("say hello"))
                .build());

        assertThat(response.aiMessage().text()).isEqualTo(content);
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        ChatRequestView request = server.lastRequest();
        TokenUsage usage = response.tokenUsage();
        assertThat(usage.inputTokenCount()).isEqualTo(request.promptTokens())
                .isEqualTo(("You plan tool calls.".length() + "say hello".length() + 3) / 4);
        assertThat(usage.outputTokenCount()).isEqualTo((content.length() + 3) / 4);
        assertThat(usage.totalTokenCount()).isEqualTo(usage.inputTokenCount() + usage.outputTokenCount());
        assertThat(request.model()).isEqualTo("Qwen/Qwen3-32B");
        assertThat(request.systemMessage()).isEqualTo("You plan tool calls.");
        assertThat(request.stream()).isFalse();
        assertThat(request.round()).isZero();
        assertThat(request.headers()).containsEntry("authorization", "Bearer test");
    }

    @Test
    void twoParallelToolCallsArriveWithParsableArguments() throws Exception {
        server.when(r -> r.round() == 0).reply(Reply.toolCalls(
                call("find_owner", "{\"repo\":\"event-agent\"}").withId("call_owner"),
                call("notify_slack", "{\"channel\":\"#eng\",\"text\":\"build is red\"}")));

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("CI failed on event-agent"))
                .toolSpecifications(FIND_OWNER, NOTIFY_SLACK)
                .build());

        List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
        assertThat(calls).extracting(ToolExecutionRequest::name).containsExactly("find_owner", "notify_slack");
        assertThat(calls).extracting(ToolExecutionRequest::id)
                .containsExactly("call_owner", "call_" + server.lastRequest().sequence() + "_1");
        assertThat(JSON.readTree(calls.get(0).arguments()).path("repo").asText()).isEqualTo("event-agent");
        assertThat(JSON.readTree(calls.get(1).arguments()).path("channel").asText()).isEqualTo("#eng");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.aiMessage().text()).isNull();
    }

    @Test
    void secondRoundCarriesToolResultsAndMatchesOnThem() {
        server.when(r -> r.hasToolResult("find_owner") && r.hasToolResult("notify_slack"))
                .reply(Reply.text("Owner found and notified."));
        server.when(r -> r.round() == 0).reply(Reply.toolCalls(
                call("find_owner", "{\"repo\":\"event-agent\"}"),
                call("notify_slack", "{\"channel\":\"#eng\",\"text\":\"red\"}")));

        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(UserMessage.from("CI failed on event-agent"));
        ChatResponse first = model.chat(ChatRequest.builder()
                .messages(conversation).toolSpecifications(FIND_OWNER, NOTIFY_SLACK).build());
        conversation.add(first.aiMessage());
        for (ToolExecutionRequest call : first.aiMessage().toolExecutionRequests()) {
            conversation.add(ToolExecutionResultMessage.from(call, "{\"result\":\"ok from " + call.name() + "\"}"));
        }
        ChatResponse second = model.chat(ChatRequest.builder()
                .messages(conversation).toolSpecifications(FIND_OWNER, NOTIFY_SLACK).build());

        assertThat(second.aiMessage().text()).isEqualTo("Owner found and notified.");
        ChatRequestView secondRequest = server.requests().get(1);
        assertThat(secondRequest.round()).isEqualTo(1);
        assertThat(secondRequest.messages()).extracting(ChatRequestView.Message::role)
                .containsExactly("user", "assistant", "tool", "tool");
        assertThat(secondRequest.messages().get(1).toolCalls()).extracting(ChatRequestView.ToolCall::name)
                .containsExactly("find_owner", "notify_slack");
        assertThat(secondRequest.toolResult("find_owner")).contains("{\"result\":\"ok from find_owner\"}");
        assertThat(secondRequest.hasToolResult("create_ticket")).isFalse();
        assertThat(server.requests().get(0).hasToolResult("find_owner")).isFalse();
    }

    @Test
    void malformedArgumentsAndUnofferedToolsArriveVerbatim() {
        String malformed = "{\"repo\": \"event-agent\", \"limit\": 3,";
        server.when(r -> true).reply(Reply.toolCalls(
                call("find_owner", malformed), call("drop_database", "not json at all")));

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("who owns event-agent?"))
                .toolSpecifications(FIND_OWNER)
                .build());

        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(
                        tuple("find_owner", malformed),
                        tuple("drop_database", "not json at all"));
    }

    @Test
    void recordsOfferedToolsParametersAndExtraBodyFields() {
        server.when(r -> true).reply(Reply.text("ok"));
        ChatModel configured = chatModel(server)
                .temperature(0.0)
                .maxTokens(256)
                .parallelToolCalls(true)
                .strictTools(true)
                .customParameters(Map.of("chat_template_kwargs", Map.of("enable_thinking", false)))
                .build();

        configured.chat(ChatRequest.builder()
                .messages(UserMessage.from("plan"))
                .toolSpecifications(FIND_OWNER, NOTIFY_SLACK)
                .build());

        ChatRequestView request = server.lastRequest();
        assertThat(request.toolNames()).containsExactly("find_owner", "notify_slack");
        JsonNode schema = request.tool("find_owner").orElseThrow().parameters();
        assertThat(schema.path("properties").path("repo").path("type").asText()).isEqualTo("string");
        assertThat(schema.path("required").toString()).isEqualTo("[\"repo\"]");
        assertThat(request.tool("find_owner").orElseThrow().strict()).contains(true);
        assertThat(request.offersTool("drop_database")).isFalse();
        assertThat(request.temperature()).hasValue(0.0);
        assertThat(request.maxTokens()).hasValue(256);
        assertThat(request.maxCompletionTokens()).isEmpty();
        assertThat(request.parallelToolCalls()).contains(true);
        assertThat(request.extraFields()).containsOnlyKeys("chat_template_kwargs");
        assertThat(request.extraFields().get("chat_template_kwargs").path("enable_thinking").isBoolean()).isTrue();
        assertThat(request.extraFields().get("chat_template_kwargs").path("enable_thinking").asBoolean()).isFalse();
        assertThat(request.rawJson()).contains("\"chat_template_kwargs\"");
    }

    @Test
    void perRequestCustomParametersAndJsonReplyForClassification() throws Exception {
        server.when(r -> r.responseFormatType().isPresent())
                .reply(Reply.json("{\"class\":\"ci_failure\",\"confidence\":0.92}"));

        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("classify: build failed"))
                .parameters(OpenAiChatRequestParameters.builder()
                        .responseFormat(ResponseFormat.JSON)
                        .maxCompletionTokens(64)
                        .customParameters(Map.of("chat_template_kwargs", Map.of("enable_thinking", false)))
                        .build())
                .build());

        assertThat(JSON.readTree(response.aiMessage().text()).path("class").asText()).isEqualTo("ci_failure");
        ChatRequestView request = server.lastRequest();
        assertThat(request.responseFormatType()).contains("json_object");
        assertThat(request.maxCompletionTokens()).hasValue(64);
        assertThat(request.extraFields()).containsKey("chat_template_kwargs");
    }

    @Test
    void successiveMatchesTakeSuccessiveRepliesAndTheLastRepeats() {
        ChatScript script = server.when(r -> true).reply(Reply.text("one"), Reply.text("two"));

        assertThat(model.chat("a")).isEqualTo("one");
        assertThat(model.chat("b")).isEqualTo("two");
        assertThat(model.chat("c")).isEqualTo("two");
        assertThat(script.timesMatched()).isEqualTo(3);
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.requests()).extracting(ChatRequestView::lastUserMessage).containsExactly("a", "b", "c");
    }

    @Test
    void firstRegisteredMatchingScriptWinsAndOtherwiseReplacesTheDefault() {
        server.when(r -> r.lastUserMessage().startsWith("push")).reply(Reply.text("push plan"));
        server.when(r -> true).reply(Reply.text("generic plan"));

        assertThat(model.chat("push to main")).isEqualTo("push plan");
        assertThat(model.chat("jira issue created")).isEqualTo("generic plan");

        server.reset();
        server.otherwise(Reply.text("fallback"));
        assertThat(model.chat("anything")).isEqualTo("fallback");
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
