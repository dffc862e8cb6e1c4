package dev.eventagent.engine.event;

import static dev.eventagent.engine.event.EventFixtures.RECEIVED;
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

class JiraNormalizerTest {

    private final EventDecoder decoder = new EventDecoder(DecoderSettings.defaults());

    @Test
    void seedIssueCreatedEnvelope() throws DecodeException {
        Event event = decoder.decode(fixture("seed-jira-issue-created.json", Map.of()));

        assertThat(event.id()).matches("jira:[0-9a-f]{32}");
        assertThat(event.source()).isEqualTo("jira");
        assertThat(event.type()).isEqualTo("issue_created");
        assertThat(event.key()).isEqualTo("PROJ-456");
        assertThat(event.time()).isEqualTo(RECEIVED);
        assertThat(event.actorEmail()).isEqualTo("pm@company.com");
        assertThat(event.project()).isEqualTo("api-gateway");
        assertThat(event.attributes()).containsExactly(
                Map.entry("issue_key", "PROJ-456"),
                Map.entry("summary", "Implement real-time notifications"),
                Map.entry("description", "Build WebSocket server for push notifications using FastAPI and Redis"),
                Map.entry("issue_type", "Story"),
                Map.entry("priority", "High"),
                Map.entry("story_points", 8),
                Map.entry("project_key", "api-gateway"));
    }

    @Test
    void cloudIssueCreatedWebhook() throws DecodeException {
        Event event = decoder.decode(fixture("jira-issue-created.json",
                Map.of("X-Atlassian-Webhook-Identifier", "d0e7f2c1-47b5-4f2e-9d6a-0b9c1e2f3a4b")));

        assertThat(event.id()).isEqualTo("jira:d0e7f2c1-47b5-4f2e-9d6a-0b9c1e2f3a4b");
        assertThat(event.type()).isEqualTo("issue_created");
        assertThat(event.eventClass()).isEqualTo("jira.issue_created");
        assertThat(event.key()).isEqualTo("PROJ-456");
        assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1715770800123L));
        assertThat(event.actorEmail()).isEqualTo("pm@company.com");
        assertThat(event.project()).isEqualTo("PROJ");
        assertThat(event.attributes()).containsExactly(
                Map.entry("issue_key", "PROJ-456"),
                Map.entry("summary", "Implement real-time notifications"),
                Map.entry("description", "Build WebSocket server for push notifications using FastAPI and Redis"),
                Map.entry("issue_type", "Story"),
                Map.entry("priority", "High"),
                Map.entry("story_points", 8.0),
                Map.entry("project_key", "PROJ"),
                Map.entry("status", "To Do"),
                Map.entry("labels", List.of("backend", "realtime")),
                Map.entry("reporter_email", "pm@company.com"));
    }

    @Test
    void cloudIssueUpdatedWithStatusChangeAndRichTextDescription() throws DecodeException {
        Event event = decoder.decode(fixture("jira-issue-updated.json", Map.of()));

        assertThat(event.id()).matches("jira:[0-9a-f]{32}");
        assertThat(event.type()).isEqualTo("issue_updated");
        assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1715857200456L));
        assertThat(event.actorEmail()).isEqualTo("dev@company.com");
        assertThat(event.attributes())
                .containsEntry("description", "Build a WebSocket server for push notifications using FastAPI and Redis.\n"
                        + "Acceptance criteria\n"
                        + "Clients reconnect within 5s\n"
                        + "Reviewed by @Priya Menon\n"
                        + "Design: https://wiki.company.com/rt-notify\n"
                        + "Owner: platform team 🚀")
                .containsEntry("status", "In Progress")
                .containsEntry("status_from", "To Do")
                .containsEntry("status_to", "In Progress")
                .containsEntry("changed_fields", List.of("status", "assignee"))
                .containsEntry("assignee_email", "dev@company.com")
                .containsEntry("reporter_email", "pm@company.com")
                .containsEntry("story_points", 8.0);
    }

    @Test
    void seedAndCloudIssueUseTheSameAttributeNames() throws DecodeException {
        Event seed = decoder.decode(fixture("seed-jira-issue-created.json", Map.of()));
        Event cloud = decoder.decode(fixture("jira-issue-created.json", Map.of()));

        assertThat(cloud.attributes().keySet()).containsAll(seed.attributes().keySet());
    }

    @Test
    void commentCreatedCarriesTheComment() throws DecodeException {
        String json = "{\"timestamp\":1715860000000,\"webhookEvent\":\"comment_created\","
                + "\"comment\":{\"id\":\"10301\",\"author\":{\"emailAddress\":\"qa@company.com\"},"
                + "\"body\":\"Reproduced on staging.\"},"
                + "\"issue\":{\"id\":\"10045\",\"key\":\"PROJ-456\",\"fields\":{\"summary\":\"Implement real-time "
                + "notifications\",\"project\":{\"key\":\"PROJ\"}}}}";

        Event event = decoder.decode(record(json, Map.of()));

        assertThat(event.type()).isEqualTo("comment_created");
        assertThat(event.key()).isEqualTo("PROJ-456");
        assertThat(event.attributes())
                .containsEntry("comment_id", "10301")
                .containsEntry("comment_body", "Reproduced on staging.")
                .containsEntry("comment_author_email", "qa@company.com");
    }

    @Test
    void nonNumericStoryPointsAreLeftOut() throws DecodeException {
        String json = text("jira-issue-created.json").replace("\"customfield_10016\": 8.0", "\"customfield_10016\": \"8\"");

        assertThat(decoder.decode(record(json, Map.of())).attributes()).doesNotContainKey("story_points");
    }

    @Test
    void aDescriptionOfTheWrongTypeNamesItsPath() {
        String json = text("jira-issue-created.json").replace(
                "\"description\": \"Build WebSocket server for push notifications using FastAPI and Redis\"",
                "\"description\": 17");

        DecodeException e = failure(decoder, record(json, Map.of()));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(e).hasMessage("wrong shape at $.issue.fields.description: expected a string or an "
                + "Atlassian Document Format object, found a number (17)");
    }

    @Test
    void unknownJiraEventTypeIsRejectedOrPassedThrough() throws DecodeException {
        RawRecord sprint = record("{\"timestamp\":1715860000000,\"webhookEvent\":\"sprint_started\","
                + "\"sprint\":{\"id\":5}}", Map.of());

        DecodeException e = failure(decoder, sprint);
        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_TYPE);
        assertThat(e.getMessage()).contains("jira event with event type 'sprint_started'");

        Event event = new EventDecoder(new DecoderSettings(4096, true)).decode(sprint);
        assertThat(event.type()).isEqualTo("sprint_started");
        assertThat(event.attributes()).isEmpty();
    }
}
