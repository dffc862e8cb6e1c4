package dev.eventagent.engine.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which wire form a record is in and reads the source-level facts (source, event type,
 * producer id, stated time) from its headers and body. The checks run in this order; the first
 * that matches wins:
 *
 * <ol>
 *   <li>CloudEvents binary mode: headers {@code ce_type}, {@code ce_source}, {@code ce_id}
 *       ({@code ce-} prefix also accepted);</li>
 *   <li>CloudEvents structured mode: header {@code content-type: application/cloudevents+json},
 *       or a body with {@code specversion}, {@code type}, {@code source} and {@code id};</li>
 *   <li>GitHub webhook: header {@code X-GitHub-Event};</li>
 *   <li>generic webhook: header {@code X-Event-Source} (+ optional {@code X-Event-Type},
 *       {@code X-Event-Id});</li>
 *   <li>the flat envelope: a body with string fields {@code source} and {@code event_type};</li>
 *   <li>Jira webhook: a body with a string {@code webhookEvent};</li>
 *   <li>Alertmanager webhook: a body with {@code version} "4", an {@code alerts} array and a
 *       {@code groupKey}.</li>
 * </ol>
 */
final class WireFormDetector {

    static final String GITHUB_EVENT = "X-GitHub-Event";
    static final String GITHUB_DELIVERY = "X-GitHub-Delivery";
    static final String EVENT_SOURCE = "X-Event-Source";
    static final String EVENT_TYPE = "X-Event-Type";
    static final String EVENT_ID = "X-Event-Id";
    static final String JIRA_DELIVERY = "X-Atlassian-Webhook-Identifier";
    static final String CONTENT_TYPE = "content-type";
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private final Collection<String> knownSources;

    /**
     * Creates a detector.
     *
     * @param knownSources the source names normalisers exist for, used to map CloudEvents types
     */
    WireFormDetector(Collection<String> knownSources) {
        this.knownSources = List.copyOf(requireNonNull(knownSources, "knownSources is null"));
    }

    /**
     * Detects the wire form.
     *
     * @param record the record, for its headers
     * @param body the parsed body
     * @return what was detected
     * @throws DecodeException UNKNOWN_SOURCE when nothing says where the event came from,
     *     WRONG_SHAPE when a form is recognised but incomplete
     */
    WireEnvelope detect(RawRecord record, JsonObjectView body) throws DecodeException {
        Optional<WireEnvelope> detected = binaryCloudEvent(record, body);
        if (detected.isEmpty()) {
            detected = structuredCloudEvent(record, body);
        }
        if (detected.isEmpty()) {
            detected = headerWebhook(record, body);
        }
        if (detected.isEmpty()) {
            detected = envelope(body);
        }
        if (detected.isEmpty()) {
            detected = bodyWebhook(record, body);
        }
        return detected.orElseThrow(() -> unknownSource(body));
    }

    private Optional<WireEnvelope> binaryCloudEvent(RawRecord record, JsonObjectView body)
            throws DecodeException {
        Optional<String> type = ceHeader(record, "type");
        Optional<String> source = ceHeader(record, "source");
        Optional<String> id = ceHeader(record, "id");
        if (type.isEmpty() && source.isEmpty() && id.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (type.isEmpty()) {
            missing.add("ce_type");
        }
        if (source.isEmpty()) {
            missing.add("ce_source");
        }
        if (id.isEmpty()) {
            missing.add("ce_id");
        }
        if (!missing.isEmpty()) {
            throw new DecodeException(DecodeException.Reason.WRONG_SHAPE,
                    "CloudEvents binary mode needs the headers ce_type, ce_source and ce_id; "
                            + "missing " + String.join(", ", missing));
        }
        Optional<String> timeHeader = ceHeader(record, "time");
        Instant time = timeHeader.isPresent()
                ? JsonObjectView.parseInstant(timeHeader.get(), "header ce_time") : null;
        CloudEventTypeMapping.Mapping mapping = mapCloudEvent(type.get(), source.get(), "headers");
        return Optional.of(new WireEnvelope(WireForm.CLOUDEVENTS_BINARY, mapping.source(),
                mapping.eventType(), id.get(), time, "the CloudEvents headers ce_type/ce_source",
                body.fields()));
    }

    private Optional<WireEnvelope> structuredCloudEvent(RawRecord record, JsonObjectView body)
            throws DecodeException {
        boolean byHeader = record.header(CONTENT_TYPE)
                .map(v -> v.trim().toLowerCase(Locale.ROOT).startsWith(CLOUDEVENTS_JSON))
                .orElse(false);
        boolean byBody = body.has("specversion") && body.has("type") && body.has("source")
                && body.has("id");
        if (!byHeader && !byBody) {
            return Optional.empty();
        }
        String type = requiredString(body, "type", "a CloudEvents attribute");
        String source = requiredString(body, "source", "a CloudEvents attribute");
        String id = body.identifier("id").orElseThrow(
                () -> missing(body, "id", "a CloudEvents attribute"));
        requiredString(body, "specversion", "a CloudEvents attribute");
        if (body.has("data_base64")) {
            throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, "wrong shape at "
                    + body.pathOf("data_base64") + ": binary CloudEvents data is not supported; "
                    + "send the data as a JSON object in 'data'");
        }
        Map<String, Object> data = body.object("data").map(JsonObjectView::fields).orElse(Map.of());
        Instant time = body.instant("time").orElse(null);
        CloudEventTypeMapping.Mapping mapping = mapCloudEvent(type, source, "attributes");
        return Optional.of(new WireEnvelope(WireForm.CLOUDEVENTS_STRUCTURED, mapping.source(),
                mapping.eventType(), id, time, "the CloudEvents attributes type/source", data));
    }

    private Optional<WireEnvelope> headerWebhook(RawRecord record, JsonObjectView body)
            throws DecodeException {
        Optional<String> githubEvent = nonBlankHeader(record, GITHUB_EVENT);
        if (githubEvent.isPresent()) {
            return Optional.of(new WireEnvelope(WireForm.WEBHOOK, GitHubNormalizer.SOURCE,
                    githubEvent.get().trim(), nonBlankHeader(record, GITHUB_DELIVERY).orElse(null),
                    null, "the X-GitHub-Event header", body.fields()));
        }
        Optional<String> namedSource = nonBlankHeader(record, EVENT_SOURCE);
        if (namedSource.isEmpty()) {
            return Optional.empty();
        }
        String source = namedSource.get().trim().toLowerCase(Locale.ROOT);
        String type = nonBlankHeader(record, EVENT_TYPE).map(String::trim).orElse(null);
        if (type == null) {
            type = inferType(body).orElse(null);
        }
        String producerId = nonBlankHeader(record, EVENT_ID)
                .or(() -> jiraDelivery(record, source)).orElse(null);
        return Optional.of(new WireEnvelope(WireForm.WEBHOOK, source, type, producerId, null,
                "the X-Event-Source header", body.fields()));
    }

    private static Optional<WireEnvelope> envelope(JsonObjectView body) throws DecodeException {
        if (!body.has("source") || !body.has("event_type")) {
            return Optional.empty();
        }
        String source = requiredString(body, "source", "the envelope's source");
        String type = requiredString(body, "event_type", "the envelope's event type");
        Optional<String> id = body.identifier("id");
        if (id.isEmpty()) {
            id = body.identifier("event_id");
        }
        Instant time = body.instantOrEpochMillis("timestamp").orElse(null);
        return Optional.of(new WireEnvelope(WireForm.ENVELOPE, source.trim().toLowerCase(Locale.ROOT),
                type.trim(), id.orElse(null), time, "the envelope's source field", body.fields()));
    }

    private static Optional<WireEnvelope> bodyWebhook(RawRecord record, JsonObjectView body)
            throws DecodeException {
        if (body.raw("webhookEvent") instanceof String webhookEvent) {
            return Optional.of(new WireEnvelope(WireForm.WEBHOOK, JiraNormalizer.SOURCE,
                    webhookEvent.trim(), jiraDelivery(record, JiraNormalizer.SOURCE).orElse(null),
                    null, "the body's webhookEvent field (Jira)", body.fields()));
        }
        if (isAlertmanagerBody(body)) {
            return Optional.of(new WireEnvelope(WireForm.WEBHOOK, AlertmanagerNormalizer.SOURCE,
                    AlertmanagerNormalizer.EVENT_TYPE, null, null,
                    "the body's version/alerts/groupKey fields (Alertmanager)", body.fields()));
        }
        return Optional.empty();
    }

    /** The event type of a generic webhook without an X-Event-Type header, read from the body. */
    private static Optional<String> inferType(JsonObjectView body) {
        for (String field : List.of("event_type", "webhookEvent")) {
            if (body.raw(field) instanceof String s && !s.isBlank()) {
                return Optional.of(s.trim());
            }
        }
        return isAlertmanagerBody(body)
                ? Optional.of(AlertmanagerNormalizer.EVENT_TYPE) : Optional.empty();
    }

    private static boolean isAlertmanagerBody(JsonObjectView body) {
        return "4".equals(body.raw("version")) && body.raw("alerts") instanceof List<?>
                && body.has("groupKey");
    }

    private CloudEventTypeMapping.Mapping mapCloudEvent(String type, String source, String where)
            throws DecodeException {
        return CloudEventTypeMapping.map(type, source, knownSources).orElseThrow(() ->
                new DecodeException(DecodeException.Reason.UNKNOWN_SOURCE, "CloudEvent "
                        + where + " type " + PayloadSnippet.quote(type, 80) + " and source "
                        + PayloadSnippet.quote(source, 80) + " name none of the known sources "
                        + knownSources + "; use a type such as com.github.push or a source "
                        + "URI that contains the source name"));
    }

    private static Optional<String> ceHeader(RawRecord record, String attribute) {
        return nonBlankHeader(record, "ce_" + attribute)
                .or(() -> nonBlankHeader(record, "ce-" + attribute));
    }

    private static Optional<String> nonBlankHeader(RawRecord record, String name) {
        return record.header(name).filter(v -> !v.isBlank());
    }

    private static Optional<String> jiraDelivery(RawRecord record, String source) {
        return JiraNormalizer.SOURCE.equals(source)
                ? nonBlankHeader(record, JIRA_DELIVERY) : Optional.empty();
    }

    private static String requiredString(JsonObjectView body, String name, String what)
            throws DecodeException {
        return body.string(name).orElseThrow(() -> missing(body, name, what));
    }

    private static DecodeException missing(JsonObjectView body, String name, String what) {
        return new DecodeException(DecodeException.Reason.WRONG_SHAPE, "wrong shape at "
                + body.pathOf(name) + ": expected " + what + ", found nothing");
    }

    private static DecodeException unknownSource(JsonObjectView body) {
        StringBuilder fields = new StringBuilder();
        for (String name : body.fields().keySet()) {
            if (fields.length() > 120) {
                fields.append(", …");
                break;
            }
            fields.append(fields.length() == 0 ? "" : ", ").append(PayloadSnippet.cut(name, 30));
        }
        return new DecodeException(DecodeException.Reason.UNKNOWN_SOURCE,
                "cannot tell which system sent this event: no CloudEvents ce_type/ce_source/ce_id "
                        + "headers, no X-GitHub-Event or X-Event-Source header, and the body has "
                        + "none of specversion+type+source+id (CloudEvents), source+event_type "
                        + "(envelope), webhookEvent (Jira) or version+alerts+groupKey "
                        + "(Alertmanager); its top-level fields are [" + fields + "]. Add an "
                        + "X-Event-Source header naming the source");
    }
}
