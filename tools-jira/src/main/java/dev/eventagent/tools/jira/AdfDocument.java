package dev.eventagent.tools.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Turns plain text into an Atlassian Document Format (ADF) document: one paragraph per block of
 * text separated by blank lines, single line breaks as {@code hardBreak} nodes, everything else
 * as plain {@code text} nodes. Nothing is interpreted: {@code *bold*}, {@code {code}},
 * {@code [~mention]}, {@code @channel}, HTML and ADF-looking JSON all stay literal characters.
 * Control characters other than tab and line breaks are dropped (Jira rejects or hides them).
 */
final class AdfDocument {

    private static final Pattern BLANK_LINES = Pattern.compile("\n[ \t]*\n[ \t\n]*");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    private AdfDocument() {
    }

    /**
     * The text as Jira will show it: line endings normalised to {@code \n}, control characters
     * dropped.
     *
     * @param text the text
     * @return the normalised text
     */
    static String normalise(String text) {
        return CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
    }

    /**
     * The ADF document of a normalised text.
     *
     * @param mapper the JSON factory
     * @param text the text, already {@link #normalise normalised}
     * @return the {@code doc} node
     */
    static ObjectNode of(ObjectMapper mapper, String text) {
        ObjectNode doc = mapper.createObjectNode().put("type", "doc").put("version", 1);
        ArrayNode blocks = doc.putArray("content");
        for (String paragraph : BLANK_LINES.split(text)) {
            if (paragraph.isBlank()) {
                continue;
            }
            ObjectNode node = blocks.addObject().put("type", "paragraph");
            ArrayNode inline = node.putArray("content");
            String[] lines = paragraph.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    inline.addObject().put("type", "hardBreak");
                }
                if (!lines[i].isEmpty()) {
                    inline.addObject().put("type", "text").put("text", lines[i]);
                }
            }
        }
        return doc;
    }
}
