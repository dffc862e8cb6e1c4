package dev.eventagent.tools.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allowlist globs, mention stripping and Retry-After parsing. */
class AllowlistAndMentionsTest {

    @Test
    void globsMatchWholeValuesCaseInsensitively() {
        Allowlist channels = Allowlist.of("k", List.of("#eng-*", "*@company.com", "C0ABC"));
        assertThat(channels.allows("#eng-alerts")).isTrue();
        assertThat(channels.allows("#ENG-x")).isTrue();
        assertThat(channels.allows("#eng")).isFalse();
        assertThat(channels.allows("x#eng-alerts")).isFalse();
        assertThat(channels.allows("dana@company.com")).isTrue();
        assertThat(channels.allows("dana@company.com.evil.io")).isFalse();
        assertThat(channels.allows("dana@subcompany.com")).isFalse();
        assertThat(channels.allows("C0ABC")).isTrue();
        assertThat(channels.allows("C0ABCD")).isFalse();
        assertThat(Allowlist.of("k", List.of()).allows("anything")).isFalse();
        assertThat(Allowlist.of("k", List.of("*")).allows("anything")).isTrue();
        assertThat(Allowlist.of("k", List.of("a.b")).allows("aXb")).as("dots are literal").isFalse();
        assertThat(Allowlist.of("k", List.of()).describe()).isEqualTo("k = [] (allows nothing)");
    }

    @Test
    void mentionsAreReducedToTheirWord() {
        assertThat(BroadcastMentions.strip("<!here> <!channel|@channel> <!EVERYONE> @here @Channel!"))
                .isEqualTo(new BroadcastMentions.Stripped("here channel EVERYONE here Channel!", 5));
        assertThat(BroadcastMentions.strip("mail dana@here.com, see <@U123> and <#C123|eng> at 10@channels"))
                .isEqualTo(new BroadcastMentions.Stripped("mail dana@here.com, see <@U123> and <#C123|eng> at 10@channels", 0));
        assertThat(BroadcastMentions.strip("<!subteam^S0123|@oncall> and <!subteam^S9>").text())
                .isEqualTo("oncall and group");
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("30", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 00:01:00 GMT", clock)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Tue, 31 Dec 2024 00:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }
}
