package dev.eventagent.engine.event;

import static dev.eventagent.engine.event.EventFixtures.failure;
import static dev.eventagent.engine.event.EventFixtures.fixture;
import static dev.eventagent.engine.event.EventFixtures.record;
import static dev.eventagent.engine.event.EventFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerNormalizerTest {

    private static final String GROUP_KEY = "{}/{severity=\"critical\"}:{alertname=\"HighErrorRate\"}";
    private static final Map<String, String> GW1_LABELS = Map.of("alertname", "HighErrorRate",
            "instance", "gw-1:9090", "job", "api-gateway", "project", "api-gateway",
            "service", "api-gateway", "severity", "critical");

    private final EventDecoder decoder = new EventDecoder(DecoderSettings.defaults());

    @Test
    void firing() throws DecodeException {
        Event event = decoder.decode(fixture("alertmanager-firing.json", Map.of()));

        assertThat(event.id()).matches("alertmanager:[0-9a-f]{32}");
        assertThat(event.source()).isEqualTo("alertmanager");
        assertThat(event.type()).isEqualTo("alert.firing");
        assertThat(event.key()).isEqualTo(GROUP_KEY);
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-15T12:00:00.123456789Z"));
        assertThat(event.actorEmail()).isNull();
        assertThat(event.project()).isEqualTo("api-gateway");
        assertThat(event.attributes())
                .containsEntry("status", "firing")
                .containsEntry("receiver", "event-agent")
                .containsEntry("group_labels", Map.of("alertname", "HighErrorRate"))
                .containsEntry("external_url", "http://alertmanager:9093")
                .containsEntry("alert_count", 2);
        List<?> alerts = (List<?>) event.attributes().get("alerts");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).isEqualTo(Map.of(
                "name", "HighErrorRate",
                "status", "firing",
                "severity", "critical",
                "starts_at", "2024-05-15T12:00:00.123456789Z",
                "fingerprint", "c1a2b3d4e5f60718",
                "labels", GW1_LABELS,
                "annotations", Map.of("summary", "5xx rate above 5% on gw-1:9090",
                        "runbook_url", "https://runbooks.company.com/high-error-rate"),
                "generator_url", "http://prometheus:9090/graph?g0.expr=sum%28rate%28http_requests_total"
                        + "%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29&g0.tab=1"));
    }

    @Test
    void resolvedHasEndTimes() throws DecodeException {
        Event event = decoder.decode(fixture("alertmanager-resolved.json", Map.of()));

        assertThat(event.type()).isEqualTo("alert.resolved");
        assertThat(event.key()).isEqualTo(GROUP_KEY);
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-15T12:25:00Z"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) event.attributes().get("alerts");
        assertThat(alerts).hasSize(2).allSatisfy(alert -> assertThat(alert)
                .containsEntry("status", "resolved")
                .containsEntry("ends_at", "2024-05-15T12:25:00Z"));
    }

    @Test
    void firingAndResolvedOfOneGroupShareTheKeyButNotTheId() throws DecodeException {
        Event firing = decoder.decode(fixture("alertmanager-firing.json", Map.of()));
        Event resolved = decoder.decode(fixture("alertmanager-resolved.json", Map.of()));

        assertThat(firing.key()).isEqualTo(resolved.key());
        assertThat(firing.id()).isNotEqualTo(resolved.id());
    }

    @Test
    void anUnknownStatusIsTheWrongShape() {
        String json = text("alertmanager-firing.json").replaceFirst("\"status\": \"firing\"", "\"status\": \"pending\"");

        DecodeException e = failure(decoder, record(json, Map.of()));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e).hasMessage("wrong shape at $.status: expected \"firing\" or \"resolved\", "
                + "found a string ('pending')");
    }

    @Test
    void aLabelThatIsNotAStringNamesItsPath() {
        String json = text("alertmanager-firing.json").replaceFirst("\"severity\": \"critical\"", "\"severity\": 1");

        assertThat(failure(decoder, record(json, Map.of())))
                .hasMessage("wrong shape at $.alerts[0].labels.severity: expected a string, found a number (1)");
    }
}
