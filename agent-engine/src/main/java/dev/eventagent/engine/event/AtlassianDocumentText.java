package dev.eventagent.engine.event;

import dev.eventagent.api.MalformedEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flattens an Atlassian Document Format (ADF) document, the JSON Jira Cloud uses for rich text,
 * to plain text: the text of each block (paragraph, heading, code block, list item, table cell,
 * …) on its own line, hard breaks as line breaks, mentions, emoji, dates and inline cards by their
 * text. Marks (bold, links, …) are dropped; the text itself is kept exactly as it was.
 */
final class AtlassianDocumentText {

    /** Nodes whose inline content forms one line. */
    private static final Set<String> TEXT_BLOCKS = Set.of("paragraph", "heading", "codeBlock");

    /** Inline nodes; one found directly among blocks forms a line of its own. */
    private static final Set<String> INLINE =
            Set.of("text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard");

    private AtlassianDocumentText() {
    }

    /**
     * Flattens a document.
     *
     * @param document the ADF {@code doc} node (or any node)
     * @return the plain text, lines separated by {@code \n}
     * @throws MalformedEventException when a node's {@code content} is not an array of objects
     */
    static String toPlainText(JsonObjectView document) throws MalformedEventException {
        List<String> lines = new ArrayList<>();
        collectBlocks(document, lines);
        return String.join("\n", lines);
    }

    private static void collectBlocks(JsonObjectView node, List<String> lines) throws MalformedEventException {
        String type = node.string("type").orElse("");
        if (TEXT_BLOCKS.contains(type) || INLINE.contains(type)) {
            StringBuilder line = new StringBuilder();
            appendInline(node, line);
            lines.add(line.toString());
            return;
        }
        for (JsonObjectView child : node.objects("content").orElse(List.of())) {
            collectBlocks(child, lines);
        }
    }

    private static void appendInline(JsonObjectView node, StringBuilder out) throws MalformedEventException {
        String type = node.string("type").orElse("");
        switch (type) {
            case "text" -> node.string("text").ifPresent(out::append);
            case "hardBreak" -> out.append('\n');
            case "mention", "emoji", "date", "status" -> attribute(node, "text", "shortName", "timestamp")
                    .ifPresent(out::append);
            case "inlineCard" -> attribute(node, "url").ifPresent(out::append);
            default -> {
                for (JsonObjectView child : node.objects("content").orElse(List.of())) {
                    appendInline(child, out);
                }
            }
        }
    }

    /** The first of the named {@code attrs} that is present, as text. */
    private static Optional<String> attribute(JsonObjectView node, String... names) throws MalformedEventException {
        Optional<JsonObjectView> attrs = node.object("attrs");
        if (attrs.isEmpty()) {
            return Optional.empty();
        }
        for (String name : names) {
            Optional<String> value = attrs.get().identifier(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
