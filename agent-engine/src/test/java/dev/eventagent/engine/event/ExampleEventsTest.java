package dev.eventagent.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps the examples shipped in {@code examples/events} decodable, with the headers their README names. */
class ExampleEventsTest {

    private final EventDecoder decoder = new EventDecoder(DecoderSettings.defaults());

    @Test
    void everyExampleDecodes() throws IOException, DecodeException {
        Path examples = examplesDirectory();

        assertThat(decode(examples, "seed-github-push.json", Map.of()).eventClass()).isEqualTo("github.push");
        assertThat(decode(examples, "seed-jira-issue-created.json", Map.of()).eventClass())
                .isEqualTo("jira.issue_created");
        assertThat(decode(examples, "github-push-webhook.json", Map.of("X-GitHub-Event", "push")).eventClass())
                .isEqualTo("github.push");
        assertThat(decode(examples, "github-pull-request-merged.json", Map.of("X-GitHub-Event", "pull_request"))
                .eventClass()).isEqualTo("github.pull_request.merged");
        assertThat(decode(examples, "jira-issue-updated-webhook.json", Map.of()).eventClass())
                .isEqualTo("jira.issue_updated");
        assertThat(decode(examples, "alertmanager-firing.json", Map.of()).eventClass())
                .isEqualTo("alertmanager.alert.firing");
    }

    @Test
    void theGitHubWebhookExampleNeedsItsHeader() throws IOException {
        String body = Files.readString(examplesDirectory().resolve("github-push-webhook.json"));

        DecodeException e = EventFixtures.failure(decoder, RawRecord.of(body, Map.of()));

        assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_SOURCE);
    }

    @Test
    void malformedLinesFailEachForItsOwnReason() throws IOException, DecodeException {
        List<String> lines = Files.readAllLines(examplesDirectory().resolve("malformed.jsonl"), StandardCharsets.UTF_8);

        assertThat(lines).hasSize(3);
        assertThat(decoder.decode(RawRecord.of(lines.get(0), Map.of())).eventClass()).isEqualTo("github.push");
        assertThat(EventFixtures.failure(decoder, RawRecord.of(lines.get(1), Map.of())).reason())
                .isEqualTo(DecodeException.Reason.MALFORMED_JSON);
        DecodeException wrongShape = EventFixtures.failure(decoder, RawRecord.of(lines.get(2), Map.of()));
        assertThat(wrongShape.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
        assertThat(wrongShape.getMessage()).startsWith("wrong shape at $.commits: expected an array");
    }

    @Test
    void seedExamplesMatchTheTestFixtures() throws IOException {
        Path examples = examplesDirectory();

        assertThat(Files.readString(examples.resolve("seed-github-push.json")))
                .isEqualTo(EventFixtures.text("seed-github-push.json"));
        assertThat(Files.readString(examples.resolve("github-push-webhook.json")))
                .isEqualTo(EventFixtures.text("github-push.json"));
    }

    private Event decode(Path examples, String name, Map<String, String> headers) throws IOException, DecodeException {
        return decoder.decode(RawRecord.of(Files.readString(examples.resolve(name)), headers));
    }

    /** {@code examples/events} of the project, found from the module's working directory upwards. */
    private static Path examplesDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve("events");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no examples/events above " + Path.of("").toAbsolutePath());
    }
}
