package dev.eventagent.testing.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of request bodies into {@link ChatRequestView}, and the validation of {@link Reply}. */
class ChatRequestViewTest {

    private static final String CONVERSATION = """
            {"model": "Qwen/Qwen3-32B",
             "messages": [
               {"role": "system", "content": "plan"},
               {"role": "user", "content": [{"type": "text", "text": "first"}, {"type": "text", "text": "second"}]},
               {"role": "assistant", "content": null, "tool_calls": [
                  {"id": "c1", "type": "function", "function": {"name": "find_owner", "arguments": "{}"}},
                  {"id": "c2", "type": "function", "function": {"name": "notify_slack", "arguments": "{"}}]},
               {"role": "tool", "tool_call_id": "c2", "content": "posted"},
               {"role": "function", "name": "legacy_tool", "content": "legacy result"},
               {"role": "user", "content": "and now?"}],
             "tools": [{"type": "function", "function": {"name": "find_owner", "parameters": {"type": "object"}}}],
             "seed": 7,
             "chat_template_kwargs": {"enable_thinking": false},
             "temperature": 0.2}
            """;

    @Test
    void parsesConversationToolsAndExtraFields() {
        ChatRequestView view = ChatRequestView.parse(5, CONVERSATION, Map.of("x-test", "1"));

        assertThat(view.sequence()).isEqualTo(5);
        assertThat(view.messages().get(1).content()).isEqualTo("first\nsecond");
        assertThat(view.messages().get(2).content()).isEmpty();
        assertThat(view.lastUserMessage()).isEqualTo("and now?");
        assertThat(view.systemMessage()).isEqualTo("plan");
        assertThat(view.round()).isEqualTo(1);
        assertThat(view.hasToolResult("notify_slack")).isTrue();
        assertThat(view.toolResult("notify_slack")).contains("posted");
        assertThat(view.hasToolResult("find_owner")).as("called but no result yet").isFalse();
        assertThat(view.hasToolResult("legacy_tool")).isTrue();
        assertThat(view.toolNames()).containsExactly("find_owner");
        assertThat(view.tool("find_owner").orElseThrow().parametersJson()).isEqualTo("{\"type\":\"object\"}");
        assertThat(view.tool("find_owner").orElseThrow().strict()).isEmpty();
        assertThat(view.extraFields()).containsOnlyKeys("seed", "chat_template_kwargs");
        assertThat(view.field("temperature").orElseThrow().asDouble()).isEqualTo(0.2);
        assertThat(view.temperature()).hasValue(0.2);
        assertThat(view.stream()).isFalse();
        assertThat(view.maxTokens()).isEmpty();
        assertThat(view.headers()).containsEntry("x-test", "1");
        assertThat(view.toString()).contains("#5").contains("and now?");
    }

    @Test
    void promptTokensCountContentToolCallsAndTools() {
        String body = """
                {"messages": [{"role": "user", "content": "12345678"},
                  {"role": "assistant", "tool_calls": [{"id": "a", "function": {"name": "ab", "arguments": "cd"}}]}]}
                """;

        assertThat(ChatRequestView.parse(1, body, Map.of()).promptTokens()).isEqualTo(3);
    }

    @Test
    void viewIsNotChangedThroughTheTreesItHandsOut() {
        ChatRequestView view = ChatRequestView.parse(1, CONVERSATION, Map.of());

        ((com.fasterxml.jackson.databind.node.ObjectNode) view.json()).put("model", "changed");
        ((com.fasterxml.jackson.databind.node.ObjectNode) view.extraFields().get("chat_template_kwargs"))
                .put("enable_thinking", true);

        assertThat(view.model()).isEqualTo("Qwen/Qwen3-32B");
        assertThat(view.extraFields().get("chat_template_kwargs").path("enable_thinking").asBoolean()).isFalse();
    }

    @Test
    void rejectsBodiesThatAreNotJsonObjects() {
        assertThatThrownBy(() -> ChatRequestView.parse(1, "{\"messages\": [", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ChatRequestView.parse(1, "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void repliesValidateWhatTheyCan() {
        assertThatThrownBy(() -> Reply.json("{\"class\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Reply.text");
        assertThatThrownBy(Reply::toolCalls).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.error(200, "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThat(((Reply.RateLimited) Reply.rateLimited(Duration.ofMillis(1001))).retryAfterSeconds()).isEqualTo(2);
        assertThat(((Reply.RateLimited) Reply.rateLimited(Duration.ofSeconds(3))).retryAfterSeconds()).isEqualTo(3);
        assertThat(((Reply.Text) Reply.truncated("abcde")).finishReason()).isEqualTo("length");
        assertThat(((Reply.Text) Reply.text("abcde")).completionTokens()).isEqualTo(2);
    }

    @Test
    void aScriptTakesItsRepliesOnlyOnce() {
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            ChatScript script = server.when(r -> true).reply(Reply.text("a"));

            assertThatThrownBy(() -> script.reply(Reply.text("b"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> server.when(r -> true).reply()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(server::lastRequest).isInstanceOf(IllegalStateException.class);
        }
    }
}
