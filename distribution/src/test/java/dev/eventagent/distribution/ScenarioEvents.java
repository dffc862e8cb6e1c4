package dev.eventagent.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The scenarios' events: the repository's example payloads (GitHub and Jira webhook bodies as
 * their documentation shows them, the seed's envelopes, Alertmanager notifications), with their
 * May 2024 dates moved into the recent past so that the windowed metrics (DORA, workload) see them.
 */
final class ScenarioEvents {

    /** The month the fixtures' {@code 2024-05-} dates are moved to: 31 to 61 days ago. */
    static final String MONTH = YearMonth.from(LocalDate.now(ZoneOffset.UTC).minusDays(45)) + "-";

    /** One record: a file's line or whole body, and the headers its sender sets. */
    record Item(String file, byte[] value, Map<String, String> headers) {
    }

    private ScenarioEvents() {
    }

    /** The history: pushes (seed example 1 and the team's), a merged pull request, a deployment, alerts firing. */
    static List<Item> history() {
        List<Item> items = new ArrayList<>();
        items.addAll(load("seed-github-push.json", Map.of()));
        items.addAll(load("demo-team-pushes.jsonl", Map.of()));
        items.addAll(load("github-push-webhook.json", Map.of("X-GitHub-Event", "push")));
        items.addAll(load("github-pull-request-merged.json", Map.of("X-GitHub-Event", "pull_request")));
        items.addAll(load("github-deployment-status-webhook.json", Map.of("X-GitHub-Event", "deployment_status")));
        items.addAll(load("alertmanager-firing.json", Map.of()));
        return items;
    }

    /**
     * New work: the alerts resolved, the seed's Jira issue (seed example 2), and a Jira Cloud
     * update webhook twice — once by dev@company.com, once as if by an outsider
     * (mallory@attacker.io), whom no mail may reach.
     */
    static List<Item> newWork() {
        List<Item> items = new ArrayList<>();
        items.addAll(load("alertmanager-resolved.json", Map.of()));
        items.addAll(load("seed-jira-issue-created.json", Map.of()));
        List<Item> update = load("jira-issue-updated-webhook.json", Map.of());
        items.addAll(update);
        String hostile = new String(update.get(0).value(), StandardCharsets.UTF_8)
                .replace("dev@company.com", OUTSIDER);
        items.add(new Item("jira-issue-updated-webhook.json (outsider)", hostile.getBytes(StandardCharsets.UTF_8),
                Map.of()));
        return items;
    }

    /** An address outside the allowed recipient domains. */
    static final String OUTSIDER = "mallory@attacker.io";

    /** A fixture timestamp moved like the payloads: {@code 16T15:02:44Z} → {@code <month>16T15:02:44Z}. */
    static String at(String dayAndTime) {
        return MONTH + dayAndTime;
    }

    private static List<Item> load(String file, Map<String, String> headers) {
        Path path = BuildOutput.repositoryRoot().resolve("examples/events").resolve(file);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).replace("2024-05-", MONTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!file.endsWith(".jsonl")) {
            return List.of(new Item(file, text.getBytes(StandardCharsets.UTF_8), headers));
        }
        return text.lines().filter(line -> !line.isBlank())
                .map(line -> new Item(file, line.getBytes(StandardCharsets.UTF_8), headers)).toList();
    }

    /**
     * Produces records to a topic and waits until the broker has them.
     *
     * @param servers the bootstrap servers
     * @param topic the topic
     * @param items the records
     */
    static void produce(String servers, String topic, List<Item> items) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Item item : items) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, item.value());
                item.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
