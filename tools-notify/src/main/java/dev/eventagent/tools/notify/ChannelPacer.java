package dev.eventagent.tools.notify;

import dev.eventagent.api.TransientToolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps posts to one channel at least a minimum interval apart (Slack allows about one message
 * per second per channel). A caller reserves the next free slot of its channel and sleeps until
 * it; when that slot lies beyond the call's deadline it takes no slot and fails as transient with
 * the wait as its retry-after, so no thread waits longer than its call may run.
 */
final class ChannelPacer {

    private static final int PRUNE_AT = 10_000;

    private final long intervalNanos;
    private final Clock clock;
    private final Map<String, Long> nextSlots = new ConcurrentHashMap<>();

    /**
     * Creates the pacer.
     *
     * @param interval the minimum interval between two posts to one channel; zero turns pacing off
     * @param clock the clock the calls' deadlines are read with
     */
    ChannelPacer(Duration interval, Clock clock) {
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /**
     * Waits for the channel's next free slot.
     *
     * @param channel the channel as requested (name, id or e-mail)
     * @param deadline when the call must have finished
     * @throws TransientToolException when the slot is past the deadline, or the wait was interrupted
     */
    void awaitTurn(String channel, Instant deadline) {
        if (intervalNanos <= 0) {
            return;
        }
        long now = System.nanoTime();
        long budget = Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
        long[] slot = new long[1];
        if (nextSlots.size() > PRUNE_AT) {
            nextSlots.values().removeIf(next -> next - now < 0);
        }
        nextSlots.compute(channel.toLowerCase(Locale.ROOT), (key, last) -> {
            long free = last == null || last - now < 0 ? now : last;
            if (free - now > budget) {
                slot[0] = -(free - now);
                return last;
            }
            slot[0] = free;
            return free + intervalNanos;
        });
        if (slot[0] < 0) {
            Duration wait = Duration.ofNanos(-slot[0]);
            throw new TransientToolException("posts to " + channel + " are paced (agent.plugins.notify.slack."
                    + "channel-min-interval); its next free slot is " + wait.toMillis() + " ms away, past the call's "
                    + "deadline", null, wait);
        }
        long sleep = slot[0] - System.nanoTime();
        if (sleep > 0) {
            try {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientToolException("interrupted while waiting to post to " + channel, e);
            }
        }
    }
}
