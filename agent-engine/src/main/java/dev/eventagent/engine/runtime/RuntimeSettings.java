package dev.eventagent.engine.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka runtime's settings, from {@code agent.kafka} and {@code agent.runtime}.
 *
 * @param bootstrapServers the brokers
 * @param topics the topics to consume (when no pattern)
 * @param topicPattern a regex of topics to consume, or empty
 * @param groupId the consumer group
 * @param deadLetterTopic where events that cannot succeed go
 * @param maxInFlight events dispatched but not finished; above it partitions are paused
 * @param commitInterval how often finished offsets are committed
 * @param rebalanceDrainTimeout how long a revocation waits for in-flight events of the partitions
 * @param shutdownTimeout how long shutdown waits for in-flight events
 * @param consumer extra consumer properties, passed through
 * @param producer extra dead-letter producer properties, passed through
 * @param retryInitialBackoff the first wait before an event whose calls failed transiently runs again
 * @param retryMaxBackoff the longest such wait
 * @param retryMaxAttempts deliveries of an event in all before it is dead-lettered as retries exhausted
 */
public record RuntimeSettings(
        String bootstrapServers,
        List<String> topics,
        String topicPattern,
        String groupId,
        String deadLetterTopic,
        int maxInFlight,
        Duration commitInterval,
        Duration rebalanceDrainTimeout,
        Duration shutdownTimeout,
        Properties consumer,
        Properties producer,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        int retryMaxAttempts) {

    /**
     * Reads the settings.
     *
     * @param config the whole config
     * @return the settings
     */
    public static RuntimeSettings of(Config config) {
        Config kafka = config.getConfig("agent.kafka");
        Config retry = config.getConfig("agent.runtime.retry");
        return new RuntimeSettings(
                kafka.getString("bootstrap-servers"),
                List.copyOf(kafka.getStringList("topics")),
                kafka.getString("topic-pattern"),
                kafka.getString("group-id"),
                kafka.getString("dead-letter-topic"),
                kafka.getInt("max-in-flight"),
                kafka.getDuration("commit-interval"),
                kafka.getDuration("rebalance-drain-timeout"),
                kafka.getDuration("shutdown-timeout"),
                flatten(kafka.getConfig("consumer")),
                flatten(kafka.getConfig("producer")),
                retry.getDuration("initial-backoff"),
                retry.getDuration("max-backoff"),
                retry.getInt("max-attempts"));
    }

    /**
     * The same settings with other servers, topics and group (demo, tests, bench).
     *
     * @param servers the brokers
     * @param topic the one topic
     * @param group the group
     * @return the settings
     */
    public RuntimeSettings with(String servers, String topic, String group) {
        return new RuntimeSettings(servers, List.of(topic), "", group, deadLetterTopic, maxInFlight, commitInterval,
                rebalanceDrainTimeout, shutdownTimeout, consumer, producer, retryInitialBackoff, retryMaxBackoff,
                retryMaxAttempts);
    }

    /**
     * Kafka properties from a HOCON object: {@code "security.protocol" = SASL_SSL} and
     * {@code security.protocol = SASL_SSL} (nested) both give {@code security.protocol}.
     */
    private static Properties flatten(Config config) {
        Properties properties = new Properties();
        for (Map.Entry<String, ConfigValue> entry : config.entrySet()) {
            properties.setProperty(entry.getKey().replace("\"", ""), String.valueOf(entry.getValue().unwrapped()));
        }
        return properties;
    }
}
