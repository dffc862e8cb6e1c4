package dev.eventagent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDescriptorTest {

    @Test
    void builderDefaultsToReadOnlyLowRisk() {
        ToolDescriptor descriptor = ToolDescriptor.builder("get_user_by_email")
                .description("Use this when you need a user's profile.")
                .build();
        assertThat(descriptor.effect()).isEqualTo(EffectKind.READ);
        assertThat(descriptor.idempotent()).isTrue();
        assertThat(descriptor.risk()).isEqualTo(Risk.LOW);
    }

    @Test
    void rejectsNamesAnLlmCannotCall() {
        assertThatThrownBy(() -> ToolDescriptor.builder("Send Slack!").description("x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Send Slack!");
    }

    @Test
    void callCopiesArgumentsAndTypesThem() {
        Map<String, Object> args = new HashMap<>();
        args.put("email", "a@b.c");
        args.put("top_k", 5);
        ToolCall call = new ToolCall("t", args, "e1", "e1:0", Instant.EPOCH);
        args.put("email", "changed");
        assertThat(call.requireString("email")).isEqualTo("a@b.c");
        assertThat(call.number("top_k")).contains(5);
        assertThatThrownBy(() -> call.requireString("top_k"))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("top_k");
        assertThat(new InvalidArgumentsException("x").category())
                .isEqualTo(ErrorCategory.INVALID_ARGUMENTS);
    }
}
