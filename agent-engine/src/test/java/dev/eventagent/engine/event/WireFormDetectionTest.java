package dev.eventagent.engine.event;

import static dev.eventagent.engine.event.EventFixtures.DELIVERY;
import static dev.eventagent.engine.event.EventFixtures.RECEIVED;
import static dev.eventagent.engine.event.EventFixtures.failure;
import static dev.eventagent.engine.event.EventFixtures.fixture;
import static dev.eventagent.engine.event.EventFixtures.github;
import static dev.eventagent.engine.event.EventFixtures.record;
import static dev.eventagent.engine.event.EventFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Event;
import dev.eventagent.engine.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormDetectionTest {

    private final EventDecoder decoder = new EventDecoder(DecoderSettings.defaults());

    @Test
    void structuredCloudEventCarriesItsDataAsPayload() throws DecodeException, IOException {
        Event event = decoder.decode(fixture("cloudevent-structured-pull-request.json", Map.of()));
        Event webhook = decoder.decode(github("github-pull-request-merged.json", "pull_request"));

        assertThat(event.id()).isEqualTo("github:5f6b1c2e-8d3a-11ee-b9d1-0242ac120002");
        assertThat(event.source()).isEqualTo("github");
        assertThat(event.type()).isEqualTo("pull_request.merged");
        assertThat(event.time()).as("the payload's updated_at wins over the CloudEvents time")
                .isEqualTo(Instant.parse("2024-05-16T14:31:07Z"));
        assertThat(event.attributes()).isEqualTo(webhook.attributes());
        assertThat(event.payload()).isEqualTo(
                Json.readObject(text("github-pull-request-merged.json")));
    }

    @Test
    void structuredCloudEventByContentTypeNeedsItsAttributes() {
        RawRecord incomplete = record("{\"specversion\":\"1.0\",\"type\":\"com.github.push\","
                + "\"source\":\"https://github.com/acme/api-gateway\",\"data\":{}}",
                Map.of("content-type", "application/cloudevents+json; charset=UTF-8"));

        DecodeException e = failure(decoder, incomplete);

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e).hasMessage("wrong shape at $.id: expected a CloudEvents attribute, found nothing");
    }

    @Test
    void structuredCloudEventTimeIsUsedWhenThePayloadHasNone() throws DecodeException {
        RawRecord event = record("{\"specversion\":\"1.0\",\"type\":\"com.github.push\","
                + "\"source\":\"https://github.com/acme/api-gateway\",\"id\":\"ce-1\","
                + "\"time\":\"2024-05-20T10:00:00+02:00\",\"data\":{\"repository\":\"acme/api-gateway\"}}", Map.of());

        Event decoded = decoder.decode(event);

        assertThat(decoded.type()).isEqualTo("push");
        assertThat(decoded.time()).isEqualTo(Instant.parse("2024-05-20T08:00:00Z"));
        assertThat(decoded.attributes()).containsEntry("repository", "api-gateway")
                .containsEntry("repository_full_name", "acme/api-gateway");
    }

    @Test
    void binaryCloudEventWithKafkaHeaders() throws DecodeException {
        Event event = decoder.decode(fixture("jira-issue-created.json", Map.of(
                "ce_specversion", "1.0",
                "ce_type", "com.atlassian.jira.issue_created",
                "ce_source", "https://acme.atlassian.net",
                "ce_id", "evt-20240515-0001",
                "content-type", "application/json")));

        assertThat(event.id()).isEqualTo("jira:evt-20240515-0001");
        assertThat(event.type()).isEqualTo("issue_created");
        assertThat(event.key()).isEqualTo("PROJ-456");
        assertThat(event.attributes()).containsEntry("summary", "Implement real-time notifications");
    }

    @Test
    void binaryCloudEventWithHttpStyleHeaders() throws DecodeException {
        Event viaCloudEvent = decoder.decode(fixture("github-push.json", Map.of(
                "ce-type", "com.github.push",
                "ce-source", "https://github.com/acme/api-gateway",
                "ce-id", DELIVERY,
                "ce-time", "2024-05-14T16:40:03Z")));
        Event viaWebhook = decoder.decode(github("github-push.json", "push"));

        assertThat(viaCloudEvent.id()).isEqualTo(viaWebhook.id());
        assertThat(viaCloudEvent.type()).isEqualTo("push");
        assertThat(viaCloudEvent.attributes()).isEqualTo(viaWebhook.attributes());
    }

    @Test
    void binaryCloudEventNeedsAllThreeHeaders() {
        DecodeException e = failure(decoder, fixture("github-push.json",
                Map.of("ce_type", "com.github.push", "ce_source", "https://github.com/acme/api-gateway")));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e).hasMessage("CloudEvents binary mode needs the headers ce_type, ce_source and ce_id; missing ce_id");
    }

    @Test
    void binaryCloudEventWithABadTime() {
        DecodeException e = failure(decoder, fixture("github-push.json", Map.of("ce_type", "com.github.push",
                "ce_source", "/github", "ce_id", "1", "ce_time", "yesterday")));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e.getMessage()).startsWith("wrong shape at header ce_time: expected an ISO-8601 timestamp");
    }

    @Test
    void cloudEventOfAnUnknownSource() {
        DecodeException e = failure(decoder, record("{\"specversion\":\"1.0\",\"type\":\"com.example.build\","
                + "\"source\":\"urn:ci:builder\",\"id\":\"1\",\"data\":{}}", Map.of()));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_SOURCE);
        assertThat(e.getMessage()).contains("'com.example.build'").contains("[alertmanager, github, jira]");
    }

    @Test
    void cloudEventTypeMapping() {
        List<String> sources = List.of("alertmanager", "github", "jira");
        assertThat(CloudEventTypeMapping.map("com.github.push", "/x", sources))
                .contains(new CloudEventTypeMapping.Mapping("github", "push"));
        assertThat(CloudEventTypeMapping.map("github.pull_request", "/x", sources))
                .contains(new CloudEventTypeMapping.Mapping("github", "pull_request"));
        assertThat(CloudEventTypeMapping.map("dev.knative.source.github.pull_request", "/x", sources))
                .contains(new CloudEventTypeMapping.Mapping("github", "pull_request"));
        assertThat(CloudEventTypeMapping.map("jira:issue_updated", "/x", sources))
                .contains(new CloudEventTypeMapping.Mapping("jira", "issue_updated"));
        assertThat(CloudEventTypeMapping.map("io.prometheus.alertmanager.alert", "/x", sources))
                .contains(new CloudEventTypeMapping.Mapping("alertmanager", "alert"));
        assertThat(CloudEventTypeMapping.map("push", "https://github.com/acme/api-gateway", sources))
                .contains(new CloudEventTypeMapping.Mapping("github", "push"));
        assertThat(CloudEventTypeMapping.map("com.example.push", "urn:ci", sources)).isEmpty();
    }

    @Test
    void githubHeaderIsFoundWhateverItsCase() throws DecodeException {
        Event event = decoder.decode(fixture("github-push.json",
                Map.of("x-github-event", "push", "X-GITHUB-DELIVERY", DELIVERY)));

        assertThat(event.id()).isEqualTo("github:" + DELIVERY);
        assertThat(event.type()).isEqualTo("push");
    }

    @Test
    void genericSourceHeaderWithTypeAndId() throws DecodeException {
        Event event = decoder.decode(fixture("github-pull-request-opened.json", Map.of(
                "X-Event-Source", "GitHub", "X-Event-Type", "pull_request", "X-Event-Id", "relay-77")));

        assertThat(event.id()).isEqualTo("github:relay-77");
        assertThat(event.type()).isEqualTo("pull_request.opened");
    }

    @Test
    void genericSourceHeaderInfersTheTypeOfAnAlertmanagerBody() throws DecodeException {
        Event event = decoder.decode(fixture("alertmanager-firing.json", Map.of("X-Event-Source", "alertmanager")));

        assertThat(event.type()).isEqualTo("alert.firing");
    }

    @Test
    void genericSourceHeaderWithoutAnyType() {
        DecodeException e = failure(decoder, fixture("github-push.json", Map.of("X-Event-Source", "github")));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_TYPE);
        assertThat(e.getMessage()).contains("no event type").contains("X-Event-Type");
    }

    @Test
    void genericSourceHeaderNamingAnUnknownSource() {
        DecodeException e = failure(decoder, record("{\"object_kind\":\"push\"}", Map.of("X-Event-Source", "gitlab")));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_SOURCE);
        assertThat(e).hasMessage("source 'gitlab' (from the X-Event-Source header) has no event source; "
                + "known sources are [alertmanager, github, jira] (a plugin adds others)");
    }

    @Test
    void envelopeIdAndTimestamp() throws DecodeException {
        Event event = decoder.decode(record("{\"source\":\"github\",\"event_type\":\"push\",\"id\":\"evt-9\","
                + "\"timestamp\":\"2024-05-01T09:00:00Z\",\"repository\":\"api-gateway\",\"commits\":[]}", Map.of()));

        assertThat(event.id()).isEqualTo("github:evt-9");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
    }

    @Test
    void envelopeEventIdAndEpochMillis() throws DecodeException {
        Event event = decoder.decode(record("{\"source\":\"jira\",\"event_type\":\"jira:issue_updated\","
                + "\"event_id\":4711,\"issue\":{\"key\":\"PROJ-1\"}}", Map.of()));

        assertThat(event.id()).isEqualTo("jira:4711");
        assertThat(event.type()).isEqualTo("issue_updated");
        assertThat(event.time()).isEqualTo(RECEIVED);
    }

    @Test
    void envelopeOfAnUnknownSource() {
        DecodeException e = failure(decoder, record("{\"source\":\"gitlab\",\"event_type\":\"push\"}", Map.of()));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_SOURCE);
        assertThat(e.getMessage()).startsWith("source 'gitlab' (from the envelope's source field) has no event source");
    }

    @Test
    void producerIdsAlreadyPrefixedAreNotPrefixedTwice() throws DecodeException {
        Event event = decoder.decode(fixture("github-push.json",
                Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "github:abc")));

        assertThat(event.id()).isEqualTo("github:abc");
    }
}
