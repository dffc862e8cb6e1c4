package dev.eventagent.it.wordcount;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolPlugin;
import dev.eventagent.api.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.lang3.IntegerRange;
import org.apache.commons.lang3.StringUtils;

/** A test fixture: the plugin {@code word-count} with one tool, {@code word_count}. */
public final class WordCountToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "word-count";
    }

    /** A secret whose name does not look like one: only the declaration makes it secret. */
    @Override
    public Set<String> secretKeys() {
        return Set.of("webhook-url");
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return PluginInstance.of(List.of(new WordCountTool()));
    }

    /** Counts words; reports the commons-lang3 version its class loader sees. */
    static final class WordCountTool implements Tool {

        /** IntegerRange exists from commons-lang3 3.13.0 on. */
        private static final IntegerRange ACCEPTED_LENGTH = IntegerRange.of(0, 100_000);

        private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder("word_count")
                .description("Counts the words of a text. Use this when only the number of words matters.")
                .argumentsSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                        + "\"required\":[\"text\"],\"additionalProperties\":false}")
                .build();

        @Override
        public ToolDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public ToolResult invoke(ToolCall call) {
            String text = call.requireString("text");
            if (!ACCEPTED_LENGTH.contains(text.length())) {
                throw new InvalidArgumentsException("argument 'text' of word_count is too long");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("word_count", StringUtils.split(text).length);
            result.put("library_version", StringUtils.class.getPackage().getImplementationVersion());
            return ToolResult.of(result);
        }
    }
}
