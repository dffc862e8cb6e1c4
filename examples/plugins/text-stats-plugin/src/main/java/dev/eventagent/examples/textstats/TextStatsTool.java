package dev.eventagent.examples.textstats;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;

/**
 * {@code text_stats}: counts the words and characters of a text. A READ tool with no backend, so
 * it is safe to repeat and needs no idempotency handling.
 *
 * <p>It also reports which commons-lang3 it runs with ({@code library_version}): every plugin
 * folder has its own class loader, so this plugin sees the commons-lang3 in its own folder even
 * when another plugin brings a different version of the same library.
 */
final class TextStatsTool implements Tool {

    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "text": {"type": "string", "description": "The text to measure."}
              },
              "required": ["text"],
              "additionalProperties": false
            }""";

    private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder("text_stats")
            .description("Counts the words and the characters of a text. Use this when you need"
                    + " the length of a commit message, an issue description or any other text.")
            .argumentsSchema(SCHEMA)
            .effect(EffectKind.READ)
            .idempotent(true)
            .risk(Risk.LOW)
            .build();

    private final int maxCharacters;
    private final String libraryVersion;

    TextStatsTool(int maxCharacters) {
        this.maxCharacters = maxCharacters;
        this.libraryVersion = LibraryVersion.of(StringUtils.class);
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        String text = call.requireString("text");
        int characters = text.codePointCount(0, text.length());
        if (characters > maxCharacters) {
            throw new InvalidArgumentsException("argument 'text' of text_stats has " + characters
                    + " characters; at most " + maxCharacters + " are accepted");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("word_count", StringUtils.split(text).length);
        result.put("character_count", characters);
        result.put("library_version", libraryVersion);
        return ToolResult.of(result);
    }
}
