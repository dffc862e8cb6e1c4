package dev.eventagent.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawRecordTest {

    @Test
    void headersAreFoundWhateverTheirCase() {
        RawRecord record = RawRecord.of("{}", Map.of("X-GitHub-Event", "push"));

        assertThat(record.header("x-github-event")).contains("push");
        assertThat(record.header("X-GITHUB-EVENT")).contains("push");
        assertThat(record.headers().get("x-GitHub-event")).isEqualTo("push");
        assertThat(record.header("X-GitHub-Delivery")).isEmpty();
    }

    @Test
    void headersWithoutValueAreAbsent() {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_time", null);

        assertThat(RawRecord.of("{}", headers).header("ce_time")).isEmpty();
        assertThat(RawRecord.of("{}", null).headers()).isEmpty();
    }

    @Test
    void replayRecordDefaults() {
        Instant before = Instant.now();
        RawRecord record = RawRecord.of("{\"a\":\"é\"}", Map.of());

        assertThat(record.topic()).isEqualTo("replay");
        assertThat(record.partition()).isZero();
        assertThat(record.offset()).isEqualTo(-1);
        assertThat(record.timestamp()).isBetween(before, Instant.now());
        assertThat(record.key()).isNull();
        assertThat(record.value()).isEqualTo("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(record.valueLength()).isEqualTo(10);
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        RawRecord record = new RawRecord("t", 1, 2, Instant.EPOCH, new byte[] {1}, value, Map.of());

        value[0] = 'x';
        record.value()[1] = 'y';
        record.key()[0] = 9;

        assertThat(record.value()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(record.key()).containsExactly(1);
    }

    @Test
    void equalityComparesContentAndToStringHidesIt() {
        RawRecord one = new RawRecord("t", 1, 2, Instant.EPOCH, null, "{\"secret\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("A", "1"));
        RawRecord two = new RawRecord("t", 1, 2, Instant.EPOCH, null, "{\"secret\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("a", "1"));

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one.toString()).isEqualTo("RawRecord[t-1@2, 12 bytes, headers=[A]]").doesNotContain("secret");
    }

    @Test
    void requiredFields() {
        assertThatThrownBy(() -> new RawRecord(null, 0, 0, Instant.EPOCH, null, null, null))
                .hasMessage("topic is null");
        assertThatThrownBy(() -> new RawRecord("t", 0, 0, null, null, null, null))
                .hasMessage("timestamp is null");
    }

    @Test
    void settingsFromConfig() {
        DecoderSettings custom = DecoderSettings.fromConfig(ConfigFactory.parseString(
                "agent.decode { max-payload-bytes = 2 MiB, accept-unknown-types = true }"));
        DecoderSettings plain = DecoderSettings.fromConfig(ConfigFactory.parseString(
                "agent.decode.max-payload-bytes = 4096"));

        assertThat(custom).isEqualTo(new DecoderSettings(2 * 1024 * 1024, true));
        assertThat(plain).isEqualTo(new DecoderSettings(4096, false));
        assertThat(DecoderSettings.fromConfig(ConfigFactory.empty())).isEqualTo(DecoderSettings.defaults());
        assertThat(DecoderSettings.defaults().maxPayloadBytes()).isEqualTo(1_048_576);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new DecoderSettings(0, false))
                .hasMessage("agent.decode.max-payload-bytes must be positive, but is 0");
        assertThatThrownBy(() -> DecoderSettings.fromConfig(ConfigFactory.parseString(
                "agent.decode.max-payload-bytes = 3 GiB")))
                .hasMessageContaining("agent.decode.max-payload-bytes");
        assertThatThrownBy(() -> DecoderSettings.fromConfig(ConfigFactory.parseString(
                "agent.decode.accept-unknown-types = maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("accept-unknown-types");
    }
}
