package dev.eventagent.tools.notify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A configured allowlist of glob patterns ({@code *} matches any run of characters, everything
 * else literally, case-insensitively, against the whole value), e.g. {@code "#eng-*"},
 * {@code "*@company.com"}, {@code "acme/*"}, {@code "*.company.com"}. An empty list allows nothing;
 * {@code ["*"]} allows everything.
 */
final class Allowlist {

    private final String key;
    private final List<String> entries;
    private final List<Pattern> patterns;

    private Allowlist(String key, List<String> entries) {
        this.key = requireNonNull(key, "key is null");
        this.entries = List.copyOf(requireNonNull(entries, "entries is null"));
        this.patterns = this.entries.stream().map(Allowlist::compile).toList();
    }

    /**
     * Creates the allowlist.
     *
     * @param key the full config key it came from, named in denials
     * @param entries the patterns
     * @return the allowlist
     */
    static Allowlist of(String key, List<String> entries) {
        return new Allowlist(key, entries);
    }

    /**
     * Whether a value matches one of the patterns.
     *
     * @param value the value
     * @return true when allowed
     */
    boolean allows(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.matcher(lower).matches());
    }

    /**
     * The config key and its patterns, for messages.
     *
     * @return e.g. {@code agent.plugins.notify.slack.allowed-channels = [#eng-*]}
     */
    String describe() {
        return key + " = " + (entries.isEmpty() ? "[] (allows nothing)" : entries);
    }

    private static Pattern compile(String glob) {
        String[] literals = glob.toLowerCase(Locale.ROOT).split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
