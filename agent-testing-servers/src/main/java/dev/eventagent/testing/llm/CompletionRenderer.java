package dev.eventagent.testing.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders text and tool-call replies in the Chat Completions wire format: one
 * {@code chat.completion} object, or the {@code chat.completion.chunk} events of a stream (content
 * split into pieces, tool call arguments split into index-keyed deltas, as OpenAI sends them).
 */
final class CompletionRenderer {

    /** The data of the event that ends a stream. */
    static final String DONE = "[DONE]";

    private final int chunkChars;
    private final long created;

    /**
     * Creates a renderer.
     *
     * @param chunkChars the most characters of content or arguments per streamed delta
     * @param created the {@code created} timestamp (epoch seconds) put in every response
     */
    CompletionRenderer(int chunkChars, long created) {
        if (chunkChars < 1) {
            throw new IllegalArgumentException("chunkChars must be positive, got " + chunkChars);
        }
        this.chunkChars = chunkChars;
        this.created = created;
    }

    /**
     * The non-streaming response.
     *
     * @param request the request answered
     * @param reply a {@link Reply.Text} or {@link Reply.ToolCalls}
     * @return the {@code chat.completion} JSON
     */
    String completion(ChatRequestView request, Reply reply) {
        ObjectNode message = JsonSupport.MAPPER.createObjectNode();
        message.put("role", "assistant");
        String finishReason;
        int completionTokens;
        if (reply instanceof Reply.Text text) {
            message.put("content", text.content());
            finishReason = text.finishReason();
            completionTokens = text.completionTokens();
        } else if (reply instanceof Reply.ToolCalls calls) {
            message.put("content", calls.content());
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int i = 0; i < calls.calls().size(); i++) {
                ToolCallSpec call = calls.calls().get(i);
                ObjectNode toolCall = toolCalls.addObject();
                toolCall.put("id", idOf(request, call, i));
                toolCall.put("type", "function");
                ObjectNode function = toolCall.putObject("function");
                function.put("name", call.name());
                function.put("arguments", call.arguments());
            }
            finishReason = "tool_calls";
            completionTokens = calls.completionTokens();
        } else {
            throw new IllegalArgumentException("not a completion reply: " + reply);
        }
        ObjectNode root = envelope(request, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usage(request.promptTokens(), completionTokens));
        return root.toString();
    }

    /**
     * The streamed response: the data of each Server-Sent Event, in order, ending with
     * {@link #DONE}. The last chunk before it carries {@code usage} (with empty {@code choices})
     * only when the request set {@code stream_options.include_usage}.
     *
     * @param request the request answered
     * @param reply a {@link Reply.Text} or {@link Reply.ToolCalls}
     * @return the event data
     */
    List<String> chunks(ChatRequestView request, Reply reply) {
        List<String> events = new ArrayList<>();
        ObjectNode first = delta();
        first.put("role", "assistant");
        first.put("content", "");
        events.add(chunk(request, first, null));

        String content;
        List<ToolCallSpec> calls;
        String finishReason;
        int completionTokens;
        if (reply instanceof Reply.Text text) {
            content = text.content();
            calls = List.of();
            finishReason = text.finishReason();
            completionTokens = text.completionTokens();
        } else if (reply instanceof Reply.ToolCalls toolCalls) {
            content = toolCalls.content() == null ? "" : toolCalls.content();
            calls = toolCalls.calls();
            finishReason = "tool_calls";
            completionTokens = toolCalls.completionTokens();
        } else {
            throw new IllegalArgumentException("not a completion reply: " + reply);
        }

        for (String piece : split(content)) {
            events.add(chunk(request, delta().put("content", piece), null));
        }
        for (int i = 0; i < calls.size(); i++) {
            ToolCallSpec call = calls.get(i);
            ObjectNode opening = delta();
            ObjectNode toolCall = opening.putArray("tool_calls").addObject();
            toolCall.put("index", i);
            toolCall.put("id", idOf(request, call, i));
            toolCall.put("type", "function");
            toolCall.putObject("function").put("name", call.name()).put("arguments", "");
            events.add(chunk(request, opening, null));
            for (String piece : split(call.arguments())) {
                ObjectNode argumentsDelta = delta();
                ObjectNode partial = argumentsDelta.putArray("tool_calls").addObject();
                partial.put("index", i);
                partial.putObject("function").put("arguments", piece);
                events.add(chunk(request, argumentsDelta, null));
            }
        }
        events.add(chunk(request, delta(), finishReason));

        if (request.includeUsage()) {
            ObjectNode usageChunk = envelope(request, "chat.completion.chunk");
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(request.promptTokens(), completionTokens));
            events.add(usageChunk.toString());
        }
        events.add(DONE);
        return events;
    }

    private String chunk(ChatRequestView request, ObjectNode delta, String finishReason) {
        ObjectNode root = envelope(request, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (request.includeUsage()) {
            root.putNull("usage");
        }
        return root.toString();
    }

    private static ObjectNode delta() {
        return JsonSupport.MAPPER.createObjectNode();
    }

    private ObjectNode envelope(ChatRequestView request, String object) {
        ObjectNode root = JsonSupport.MAPPER.createObjectNode();
        root.put("id", "chatcmpl-scripted-" + request.sequence());
        root.put("object", object);
        root.put("created", created);
        root.put("model", request.model());
        root.put("system_fingerprint", "scripted-model-server");
        return root;
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode usage = JsonSupport.MAPPER.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return usage;
    }

    private static String idOf(ChatRequestView request, ToolCallSpec call, int index) {
        return call.id() != null ? call.id() : "call_" + request.sequence() + "_" + index;
    }

    /** Splits a text into pieces of at most {@code chunkChars} characters, never inside a surrogate pair. */
    private List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + chunkChars);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end = end - start > 1 ? end - 1 : end + 1;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
