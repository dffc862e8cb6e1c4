package dev.eventagent.engine.event;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a CloudEvent's {@code type} and {@code source} attributes to one of our sources and the
 * event type its normaliser understands. Matching ignores case; the event type is lower-cased.
 *
 * <ol>
 *   <li>The type names the source when it starts with {@code <source>.} or {@code <source>:}, or
 *       contains {@code .<source>.}; the rest of the type is the event type:
 *       {@code com.github.push}, {@code github.push} and {@code dev.knative.source.github.push}
 *       all map to {@code github} / {@code push}; {@code com.atlassian.jira.issue_created} to
 *       {@code jira} / {@code issue_created}; {@code io.prometheus.alertmanager.alert} to
 *       {@code alertmanager} / {@code alert}. When several sources appear, the leftmost wins.</li>
 *   <li>Otherwise, when the CloudEvents source contains a source name
 *       ({@code https://github.com/acme/api}), that source is used and the whole type is the
 *       event type ({@code push}, {@code pull_request.opened}).</li>
 * </ol>
 */
final class CloudEventTypeMapping {

    /**
     * The result of a mapping.
     *
     * @param source our source name
     * @param eventType the event type for its normaliser
     */
    record Mapping(String source, String eventType) {
    }

    private CloudEventTypeMapping() {
    }

    /**
     * Maps CloudEvents attributes to a source and event type.
     *
     * @param ceType the CloudEvents {@code type}
     * @param ceSource the CloudEvents {@code source}
     * @param knownSources the source names normalisers exist for
     * @return the mapping, or empty when neither attribute names a known source
     */
    static Optional<Mapping> map(String ceType, String ceSource, Collection<String> knownSources) {
        String type = ceType.toLowerCase(Locale.ROOT);
        Mapping best = null;
        int bestAt = Integer.MAX_VALUE;
        for (String source : knownSources) {
            int at;
            int restFrom;
            if (type.startsWith(source + ".") || type.startsWith(source + ":")) {
                at = 0;
                restFrom = source.length() + 1;
            } else {
                int inner = type.indexOf("." + source + ".");
                if (inner < 0) {
                    continue;
                }
                at = inner + 1;
                restFrom = inner + source.length() + 2;
            }
            if (at < bestAt && restFrom < type.length()) {
                bestAt = at;
                best = new Mapping(source, type.substring(restFrom));
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        String origin = ceSource.toLowerCase(Locale.ROOT);
        for (String source : knownSources) {
            if (origin.contains(source)) {
                return Optional.of(new Mapping(source, type));
            }
        }
        return Optional.empty();
    }
}
