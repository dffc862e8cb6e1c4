package dev.eventagent.testing.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks and flattens the subset of Atlassian Document Format (ADF) the testing server accepts:
 * a {@code doc} of version 1 holding block nodes ({@code paragraph}, {@code heading},
 * {@code blockquote}, {@code codeBlock}, lists) whose inline content is {@code text} (non-empty
 * {@code text}, optional {@code marks}), {@code hardBreak}, {@code mention} or {@code emoji}.
 */
public final class AdfText {

    private static final Set<String> BLOCKS = Set.of("paragraph", "heading", "blockquote", "codeBlock",
            "bulletList", "orderedList", "listItem", "rule");
    private static final Set<String> INLINES = Set.of("text", "hardBreak", "mention", "emoji");

    private AdfText() {
    }

    /**
     * What is wrong with a document, in Jira's words where it has them.
     *
     * @param document the document
     * @return the problems; empty when the document is valid
     */
    public static List<String> problems(JsonNode document) {
        requireNonNull(document, "document is null");
        List<String> problems = new ArrayList<>();
        if (!document.isObject() || !"doc".equals(document.path("type").asText())) {
            problems.add("the body must be an ADF object of type 'doc'");
            return problems;
        }
        if (document.path("version").asInt(-1) != 1) {
            problems.add("the ADF document must have version 1");
        }
        if (!document.path("content").isArray()) {
            problems.add("the ADF document must have a 'content' array");
            return problems;
        }
        for (JsonNode block : document.path("content")) {
            checkBlock(block, problems);
        }
        return problems;
    }

    /**
     * The plain text of a document: blocks separated by a blank line, hard breaks as new lines,
     * mentions as their text.
     *
     * @param document the document
     * @return the text
     */
    public static String plainText(JsonNode document) {
        requireNonNull(document, "document is null");
        List<String> blocks = new ArrayList<>();
        for (JsonNode block : document.path("content")) {
            blocks.add(blockText(block));
        }
        return String.join("\n\n", blocks);
    }

    private static void checkBlock(JsonNode block, List<String> problems) {
        String type = block.path("type").asText();
        if (!BLOCKS.contains(type)) {
            problems.add("unsupported ADF block node '" + type + "'");
            return;
        }
        for (JsonNode child : block.path("content")) {
            String childType = child.path("type").asText();
            if (BLOCKS.contains(childType)) {
                checkBlock(child, problems);
            } else if (!INLINES.contains(childType)) {
                problems.add("unsupported ADF inline node '" + childType + "'");
            } else if ("text".equals(childType)
                    && (!child.path("text").isTextual() || child.path("text").asText().isEmpty())) {
                problems.add("an ADF text node must have a non-empty 'text'");
            }
        }
    }

    private static String blockText(JsonNode block) {
        StringBuilder text = new StringBuilder();
        for (JsonNode child : block.path("content")) {
            switch (child.path("type").asText()) {
                case "text" -> text.append(child.path("text").asText());
                case "hardBreak" -> text.append('\n');
                case "mention", "emoji" -> text.append(child.path("attrs").path("text").asText());
                default -> text.append(blockText(child));
            }
        }
        return text.toString();
    }
}
