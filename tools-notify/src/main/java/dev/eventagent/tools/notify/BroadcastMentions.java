package dev.eventagent.tools.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes Slack mentions that notify whole channels or groups: {@code <!channel>}, {@code <!here>},
 * {@code <!everyone>} (with or without a {@code |label}), user-group mentions
 * {@code <!subteam^ID|@group>}, and the plain-text forms {@code @channel}, {@code @here},
 * {@code @everyone}. Each is replaced by its bare word, so the text still reads but pings nobody.
 * Event text is untrusted: a commit message must not be able to page a whole workspace.
 */
final class BroadcastMentions {

    private static final Pattern SPECIAL = Pattern.compile("<!(channel|here|everyone)(?:\\|[^>]*)?>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBTEAM = Pattern.compile("<!subteam\\^[^>|]*(?:\\|@?([^>]*))?>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN = Pattern.compile("(?<![\\w@])@(channel|here|everyone)\\b",
            Pattern.CASE_INSENSITIVE);

    /** A text with its broadcast mentions removed, and how many there were. */
    record Stripped(String text, int removed) {
    }

    private BroadcastMentions() {
    }

    /**
     * Strips one text.
     *
     * @param text the text
     * @return the stripped text and the count
     */
    static Stripped strip(String text) {
        int[] removed = new int[1];
        String result = replace(SPECIAL, text, m -> m.group(1), removed);
        result = replace(SUBTEAM, result, m -> m.group(1) == null ? "group" : m.group(1), removed);
        result = replace(PLAIN, result, m -> m.group(1), removed);
        return new Stripped(result, removed[0]);
    }

    /**
     * Strips every string inside a JSON value (maps, lists, strings), e.g. Block Kit blocks.
     *
     * @param value the value
     * @param removed a one-element counter the number of removed mentions is added to
     * @return a stripped copy
     */
    static Object stripAll(Object value, int[] removed) {
        if (value instanceof String text) {
            Stripped stripped = strip(text);
            removed[0] += stripped.removed();
            return stripped.text();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), stripAll(v, removed)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(stripAll(v, removed)));
            return copy;
        }
        return value;
    }

    private interface Replacement {
        String of(Matcher matcher);
    }

    private static String replace(Pattern pattern, String text, Replacement replacement, int[] removed) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            removed[0]++;
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.of(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
