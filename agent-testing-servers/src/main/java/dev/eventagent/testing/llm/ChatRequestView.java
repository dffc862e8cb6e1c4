package dev.eventagent.testing.llm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A read-only view of one Chat Completions request as the {@link ScriptedModelServer} received
 * it: what scripts match on and what tests assert on. Absent strings read as {@code ""} in the
 * helpers so predicates stay short; the raw JSON is kept for anything the view does not model.
 */
public final class ChatRequestView {

    /** The top-level fields that have their own accessor; all others are {@link #extraFields()}. */
    private static final Set<String> MODELLED_FIELDS = Set.of(
            "model", "messages", "tools", "stream", "stream_options", "temperature", "max_tokens",
            "max_completion_tokens", "tool_choice", "parallel_tool_calls", "response_format");

    /**
     * One message of the conversation.
     *
     * @param role {@code system}, {@code user}, {@code assistant}, {@code tool} (or the legacy
     *     {@code function})
     * @param content the text content ({@code ""} if none; the text parts joined with a newline
     *     when the content is an array of parts)
     * @param toolCallId the {@code tool_call_id} of a tool message, or {@code null}
     * @param name the {@code name} field, or {@code null}
     * @param toolCalls the tool calls of an assistant message (empty otherwise)
     */
    public record Message(String role, String content, String toolCallId, String name,
            List<ToolCall> toolCalls) {

        /**
         * Copies the components.
         *
         * @param role the role
         * @param content the content
         * @param toolCallId the tool call id, or {@code null}
         * @param name the name, or {@code null}
         * @param toolCalls the tool calls
         */
        public Message {
            requireNonNull(role, "role is null");
            requireNonNull(content, "content is null");
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /**
     * A tool call carried by an assistant message of the conversation (an earlier round).
     *
     * @param id the call id
     * @param name the function name
     * @param arguments the arguments string, verbatim
     */
    public record ToolCall(String id, String name, String arguments) {}

    /**
     * A tool offered in the request's {@code tools}.
     *
     * @param name the function name
     * @param description the description ({@code ""} if none)
     * @param parametersJson the JSON Schema of the arguments, as JSON text ({@code "{}"} if none)
     * @param strict the function's {@code strict} flag, if sent
     */
    public record Tool(String name, String description, String parametersJson,
            Optional<Boolean> strict) {

        /**
         * The JSON Schema of the arguments.
         *
         * @return a fresh tree of {@link #parametersJson()}
         */
        public JsonNode parameters() {
            return parse(parametersJson);
        }
    }

    private final int sequence;
    private final String rawJson;
    private final JsonNode root;
    private final Map<String, String> headers;
    private final List<Message> messages;
    private final List<Tool> tools;

    private ChatRequestView(int sequence, String rawJson, JsonNode root, Map<String, String> headers) {
        this.sequence = sequence;
        this.rawJson = rawJson;
        this.root = root;
        this.headers = Map.copyOf(headers);
        this.messages = parseMessages(root.path("messages"));
        this.tools = parseTools(root.path("tools"));
    }

    /**
     * Parses a request body.
     *
     * @param sequence the 1-based number of the request on its server
     * @param rawJson the body
     * @param headers the request headers, names lower-cased, first value each
     * @return the view
     * @throws IllegalArgumentException if the body is not a JSON object
     */
    static ChatRequestView parse(int sequence, String rawJson, Map<String, String> headers) {
        JsonNode root = parse(rawJson);
        if (!root.isObject()) {
            throw new IllegalArgumentException("the request body is not a JSON object");
        }
        return new ChatRequestView(sequence, rawJson, root, headers);
    }

    /** @return the 1-based number of this request among the server's chat requests */
    public int sequence() {
        return sequence;
    }

    /** @return the request body exactly as received */
    public String rawJson() {
        return rawJson;
    }

    /** @return a fresh tree of the request body */
    public JsonNode json() {
        return root.deepCopy();
    }

    /** @return the request headers, names lower-cased, first value of each */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the {@code model} field ({@code ""} if absent) */
    public String model() {
        return root.path("model").asText("");
    }

    /** @return the conversation, in order */
    public List<Message> messages() {
        return messages;
    }

    /** @return the offered tools, in order (empty if none) */
    public List<Tool> tools() {
        return tools;
    }

    /** @return the names of the offered tools, in order */
    public List<String> toolNames() {
        return tools.stream().map(Tool::name).toList();
    }

    /**
     * Finds an offered tool.
     *
     * @param name the function name
     * @return the tool, if offered
     */
    public Optional<Tool> tool(String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    /**
     * Tells whether a tool was offered.
     *
     * @param name the function name
     * @return whether {@code tools} has it
     */
    public boolean offersTool(String name) {
        return tool(name).isPresent();
    }

    /** @return whether {@code "stream": true} was requested */
    public boolean stream() {
        return root.path("stream").asBoolean(false);
    }

    /** @return whether {@code stream_options.include_usage} is true */
    public boolean includeUsage() {
        return root.path("stream_options").path("include_usage").asBoolean(false);
    }

    /** @return the {@code temperature}, if sent */
    public OptionalDouble temperature() {
        JsonNode node = root.get("temperature");
        return node != null && node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }

    /** @return the {@code max_tokens}, if sent */
    public OptionalInt maxTokens() {
        return optionalInt("max_tokens");
    }

    /** @return the {@code max_completion_tokens}, if sent */
    public OptionalInt maxCompletionTokens() {
        return optionalInt("max_completion_tokens");
    }

    /** @return the {@code parallel_tool_calls} flag, if sent */
    public Optional<Boolean> parallelToolCalls() {
        JsonNode node = root.get("parallel_tool_calls");
        return node != null && node.isBoolean() ? Optional.of(node.asBoolean()) : Optional.empty();
    }

    /** @return {@code tool_choice}: the string ({@code "auto"}, {@code "required"}…) or the object's JSON */
    public Optional<String> toolChoice() {
        JsonNode node = root.get("tool_choice");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.isTextual() ? node.asText() : node.toString());
    }

    /** @return {@code response_format.type} ({@code "json_object"}, {@code "json_schema"}…), if sent */
    public Optional<String> responseFormatType() {
        JsonNode type = root.path("response_format").path("type");
        return type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
    }

    /**
     * Any top-level field, modelled or not.
     *
     * @param name the field name
     * @return a fresh tree of its value, if present
     */
    public Optional<JsonNode> field(String name) {
        JsonNode node = root.get(name);
        return node == null ? Optional.empty() : Optional.of(node.deepCopy());
    }

    /**
     * The top-level fields without an accessor of their own, such as {@code chat_template_kwargs},
     * {@code seed}, {@code user} or {@code top_p}.
     *
     * @return field name to a fresh tree of its value, in request order
     */
    public Map<String, JsonNode> extraFields() {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!MODELLED_FIELDS.contains(field.getKey())) {
                extra.put(field.getKey(), field.getValue().deepCopy());
            }
        }
        return Collections.unmodifiableMap(extra);
    }

    /** @return the content of the last {@code user} message ({@code ""} if none) */
    public String lastUserMessage() {
        return lastContentOf("user");
    }

    /** @return the content of the first {@code system} message ({@code ""} if none) */
    public String systemMessage() {
        return messages.stream().filter(m -> m.role().equals("system")).map(Message::content)
                .findFirst().orElse("");
    }

    /** @return the number of assistant messages so far: 0 on the first round of a conversation */
    public int round() {
        return (int) messages.stream().filter(m -> m.role().equals("assistant")).count();
    }

    /**
     * Tells whether the conversation carries a result of a tool: a {@code tool} message whose
     * {@code tool_call_id} names a call of that tool in an earlier assistant message, or a legacy
     * {@code function} message with that name.
     *
     * @param toolName the function name
     * @return whether such a result is present
     */
    public boolean hasToolResult(String toolName) {
        return toolResult(toolName).isPresent();
    }

    /**
     * The content of the latest result of a tool (see {@link #hasToolResult}).
     *
     * @param toolName the function name
     * @return the result's content, if present
     */
    public Optional<String> toolResult(String toolName) {
        Map<String, String> callNames = new LinkedHashMap<>();
        String latest = null;
        for (Message message : messages) {
            for (ToolCall call : message.toolCalls()) {
                callNames.put(call.id(), call.name());
            }
            boolean toolMessage = message.role().equals("tool")
                    && toolName.equals(callNames.get(message.toolCallId()));
            boolean functionMessage = message.role().equals("function") && toolName.equals(message.name());
            if (toolMessage || functionMessage) {
                latest = message.content();
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * The prompt tokens reported in {@code usage}.
     *
     * @return {@code ceil(c / 4)} where {@code c} counts the characters of the messages' content,
     *     their tool call names and arguments, and of the {@code tools} JSON
     */
    public int promptTokens() {
        long chars = root.path("tools").isMissingNode() ? 0 : root.path("tools").toString().length();
        for (Message message : messages) {
            chars += message.content().length();
            for (ToolCall call : message.toolCalls()) {
                chars += call.name().length() + call.arguments().length();
            }
        }
        return Tokens.estimate(chars);
    }

    @Override
    public String toString() {
        return "ChatRequestView[#" + sequence + " model=" + model() + ", round=" + round()
                + ", tools=" + toolNames() + ", stream=" + stream() + ", lastUser=" + lastUserMessage() + "]";
    }

    private String lastContentOf(String role) {
        String content = "";
        for (Message message : messages) {
            if (message.role().equals(role)) {
                content = message.content();
            }
        }
        return content;
    }

    private OptionalInt optionalInt(String name) {
        JsonNode node = root.get(name);
        return node != null && node.isIntegralNumber() ? OptionalInt.of(node.asInt()) : OptionalInt.empty();
    }

    private static List<Message> parseMessages(JsonNode array) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode node : array) {
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode call : node.path("tool_calls")) {
                JsonNode function = call.path("function");
                calls.add(new ToolCall(call.path("id").asText(""), function.path("name").asText(""),
                        function.path("arguments").asText("")));
            }
            messages.add(new Message(node.path("role").asText(""), contentOf(node.path("content")),
                    textOrNull(node.get("tool_call_id")), textOrNull(node.get("name")), calls));
        }
        return List.copyOf(messages);
    }

    private static String contentOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                parts.add(part.path("text").asText());
            }
        }
        return String.join("\n", parts);
    }

    private static List<Tool> parseTools(JsonNode array) {
        List<Tool> tools = new ArrayList<>();
        for (JsonNode node : array) {
            JsonNode function = node.path("function");
            JsonNode parameters = function.path("parameters");
            JsonNode strict = function.get("strict");
            tools.add(new Tool(function.path("name").asText(""), function.path("description").asText(""),
                    parameters.isMissingNode() ? "{}" : parameters.toString(),
                    strict != null && strict.isBoolean() ? Optional.of(strict.asBoolean()) : Optional.empty()));
        }
        return List.copyOf(tools);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static JsonNode parse(String json) {
        try {
            return JsonSupport.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
