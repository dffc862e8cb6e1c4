package dev.eventagent.engine.event;

import dev.eventagent.api.Event;
import dev.eventagent.api.EventSource;
import dev.eventagent.api.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Normalises Prometheus Alertmanager webhook bodies (version 4): one event per notification,
 * typed {@code alert.firing} or {@code alert.resolved} by the top-level {@code status}, keyed by
 * {@code groupKey} so that the notifications of one alert group stay in order.
 */
public final class AlertmanagerNormalizer implements EventSource {

    /** The source name. */
    public static final String SOURCE = "alertmanager";

    /** The event type the decoder gives a raw Alertmanager body. */
    public static final String EVENT_TYPE = "alert";

    /** Alertmanager's "no end time" value, which is left out of {@code ends_at}. */
    static final Instant NO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** Creates the normaliser. */
    public AlertmanagerNormalizer() {
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public List<String> eventTypes() {
        return List.of(EVENT_TYPE, "alert.firing", "alert.resolved");
    }

    @Override
    public boolean supports(String eventType) {
        String type = eventType.trim().toLowerCase(Locale.ROOT);
        return type.equals(EVENT_TYPE) || type.startsWith(EVENT_TYPE + ".");
    }

    /** Alertmanager's webhook body: {@code version} "4", an {@code alerts} array and a {@code groupKey}. */
    @Override
    public Optional<EventSource.Recognized> recognize(Map<String, String> headers, Map<String, Object> body) {
        if ("4".equals(body.get("version")) && body.get("alerts") instanceof List<?> && body.containsKey("groupKey")) {
            return Optional.of(EventSource.Recognized.byBody(EVENT_TYPE, null,
                    "the body's version/alerts/groupKey fields (Alertmanager)"));
        }
        return Optional.empty();
    }

    @Override
    public Event normalize(EventSource.Payload event) throws MalformedEventException {
        JsonObjectView body = JsonObjectView.root(event.data());
        String status = body.string("status").orElse("");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw JsonObjectView.wrongShape(body.pathOf("status"), "\"firing\" or \"resolved\"",
                    body.raw("status"));
        }
        List<Map<String, Object>> alerts = new ArrayList<>();
        Optional<Instant> time = Optional.empty();
        for (JsonObjectView alert : body.objects("alerts").orElse(List.of())) {
            Optional<Instant> startsAt = alert.instant("startsAt");
            Optional<Instant> endsAt = alert.instant("endsAt").filter(t -> !t.equals(NO_TIME));
            if (time.isEmpty()) {
                time = status.equals("resolved") && endsAt.isPresent() ? endsAt : startsAt;
            }
            Optional<Map<String, String>> labels = alert.stringMap("labels");
            alerts.add(new AttributesBuilder()
                    .put("name", labels.map(l -> l.get("alertname")))
                    .put("status", alert.string("status"))
                    .put("severity", labels.map(l -> l.get("severity")))
                    .put("starts_at", startsAt.map(Instant::toString))
                    .put("ends_at", endsAt.map(Instant::toString))
                    .put("fingerprint", alert.string("fingerprint"))
                    .put("labels", labels)
                    .put("annotations", alert.stringMap("annotations"))
                    .put("generator_url", alert.string("generatorURL"))
                    .build());
        }
        Optional<Map<String, String>> commonLabels = body.stringMap("commonLabels");
        Optional<String> project = commonLabels.map(l -> first(l, "project", "service", "job"));
        AttributesBuilder attributes = new AttributesBuilder()
                .put("status", status)
                .put("receiver", body.string("receiver"))
                .put("group_labels", body.stringMap("groupLabels"))
                .put("common_labels", commonLabels)
                .put("common_annotations", body.stringMap("commonAnnotations"))
                .put("external_url", body.string("externalURL"))
                .put("alert_count", alerts.size())
                .putList("alerts", alerts);
        return new Event(event.id(), SOURCE, "alert." + status,
                body.string("groupKey").orElse(event.id()), time.orElse(event.defaultTime()), null,
                project.orElse(null), attributes.build(), event.data());
    }

    private static String first(Map<String, String> labels, String... names) {
        for (String name : names) {
            String value = labels.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
