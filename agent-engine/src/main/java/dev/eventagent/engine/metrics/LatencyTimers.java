package dev.eventagent.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The engine's latency histograms: Micrometer timers that publish a percentile histogram
 * (Prometheus {@code _bucket} series, for {@code histogram_quantile}) within the range each
 * measures, plus service-level buckets at round values to alert on. One place, so that the
 * three agree on the scheme. A series has 74 (tool calls), 62 (model) or 90 (events) buckets:
 * the percentile buckets within the range, and the SLO buckets.
 *
 * <table>
 *   <caption>The timers</caption>
 *   <tr><th>meter</th><th>tags</th><th>range</th><th>SLO buckets</th></tr>
 *   <tr><td>{@code agent.tool.calls}</td><td>plugin, tool, outcome</td><td>5 ms – 60 s</td>
 *       <td>10, 50, 100, 250, 500 ms, 1, 2.5, 5, 10, 30, 60 s</td></tr>
 *   <tr><td>{@code agent.llm.requests}</td><td>outcome</td><td>50 ms – 2 min</td>
 *       <td>250, 500 ms, 1, 2, 5, 10, 30, 60, 120 s</td></tr>
 *   <tr><td>{@code agent.events.latency}</td><td>class, outcome</td><td>10 ms – 30 min</td>
 *       <td>100, 500 ms, 1, 5, 10, 30 s, 1, 5, 15, 30 min</td></tr>
 * </table>
 */
public final class LatencyTimers {

    private static final Duration[] TOOL_CALL_SLOS = {ms(10), ms(50), ms(100), ms(250), ms(500), s(1), ms(2500),
        s(5), s(10), s(30), s(60)};
    private static final Duration[] MODEL_REQUEST_SLOS = {ms(250), ms(500), s(1), s(2), s(5), s(10), s(30), s(60),
        s(120)};
    private static final Duration[] EVENT_SLOS = {ms(100), ms(500), s(1), s(5), s(10), s(30), s(60), s(300), s(900),
        s(1800)};

    private LatencyTimers() {
    }

    /**
     * One tool call, from the first attempt to its end, retries included.
     *
     * @param meters the registry
     * @param plugin the tool's plugin
     * @param tool the tool
     * @param outcome how the call ended: {@code ok}, {@code failed}, {@code denied}, {@code invalid}
     * @return the timer
     */
    public static Timer toolCall(MeterRegistry meters, String plugin, String tool, String outcome) {
        return Timer.builder("agent.tool.calls")
                .description("Tool calls, from the first attempt to the end, retries included")
                .tags("plugin", plugin, "tool", tool, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(ms(5))
                .maximumExpectedValue(s(60))
                .serviceLevelObjectives(TOOL_CALL_SLOS)
                .register(meters);
    }

    /**
     * One request to the model endpoint (an attempt: each retry is a request of its own).
     *
     * @param meters the registry
     * @param outcome {@code ok}, {@code failed} (the endpoint's failure) or {@code refused} (the
     *     request itself: authentication, unknown model)
     * @return the timer
     */
    public static Timer modelRequest(MeterRegistry meters, String outcome) {
        return Timer.builder("agent.llm.requests")
                .description("Requests to the model endpoint, each attempt on its own")
                .tags("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(ms(50))
                .maximumExpectedValue(s(120))
                .serviceLevelObjectives(MODEL_REQUEST_SLOS)
                .register(meters);
    }

    /**
     * One event, from its receipt from Kafka to its end, waits in its key's queue and retries
     * included.
     *
     * @param meters the registry
     * @param eventClass the event's class ({@code undecodable} when it could not be decoded)
     * @param outcome {@code processed}, {@code dead_lettered} or {@code abandoned} (left for
     *     redelivery at a revocation or shutdown)
     * @return the timer
     */
    public static Timer event(MeterRegistry meters, String eventClass, String outcome) {
        return Timer.builder("agent.events.latency")
                .description("Events from their receipt to their end, retries included")
                .tags("class", eventClass, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(ms(10))
                .maximumExpectedValue(s(1800))
                .serviceLevelObjectives(EVENT_SLOS)
                .register(meters);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
