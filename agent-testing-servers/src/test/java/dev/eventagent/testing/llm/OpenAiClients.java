package dev.eventagent.testing.llm;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real langchain4j OpenAI clients pointed at a {@link ScriptedModelServer}, and two sample tools. */
final class OpenAiClients {

    static final String MODEL = "Qwen/Qwen3-32B";

    static final ToolSpecification FIND_OWNER = ToolSpecification.builder()
            .name("find_owner")
            .description("Finds the owning team of a repository")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("repo", "the repository name")
                    .required("repo")
                    .build())
            .build();

    static final ToolSpecification NOTIFY_SLACK = ToolSpecification.builder()
            .name("notify_slack")
            .description("Posts a Slack message")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("channel")
                    .addStringProperty("text")
                    .required("channel", "text")
                    .build())
            .build();

    private OpenAiClients() {}

    static OpenAiChatModel.OpenAiChatModelBuilder chatModel(ScriptedModelServer server) {
        return OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("test")
                .modelName(MODEL)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(10));
    }

    static OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder streamingModel(ScriptedModelServer server) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("test")
                .modelName(MODEL)
                .timeout(Duration.ofSeconds(10));
    }

    /** Collects everything a streaming call reports. */
    static final class StreamCollector implements StreamingChatResponseHandler {

        final List<String> partials = new CopyOnWriteArrayList<>();
        final List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
        final List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> response = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            partials.add(partialResponse);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            partialToolCalls.add(partialToolCall);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            completeToolCalls.add(completeToolCall);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            response.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            response.completeExceptionally(error);
        }
    }
}
