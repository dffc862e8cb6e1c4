package dev.eventagent.engine.runtime;

import java.util.TreeSet;

/**
 * The state of one assigned partition, kept by the poll thread only.
 *
 * <p>{@code unfinished} holds the offsets received and not finished; the committable offset is
 * the lowest of them (or one past the highest received): everything below it is finished, so a
 * commit never skips an unfinished event. {@code outstanding} counts records handed to workers
 * and not yet reported back, finished or not; a revocation waits for it to reach zero.
 */
final class PartitionProgress {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long nextAfterReceived = -1;
    private long committed = -1;
    private int outstanding;

    void received(long offset) {
        unfinished.add(offset);
        nextAfterReceived = Math.max(nextAfterReceived, offset + 1);
        outstanding++;
    }

    /**
     * A worker reported back.
     *
     * @param offset the record's offset
     * @param finished whether the event is done (processed or dead-lettered); false when it was
     *     abandoned (revocation, shutdown) and must be redelivered
     */
    void reported(long offset, boolean finished) {
        outstanding--;
        if (finished) {
            unfinished.remove(offset);
        }
    }

    int outstanding() {
        return outstanding;
    }

    /**
     * The offset to commit, if it moved since the last commit.
     *
     * @return the offset, or -1 when there is nothing new to commit
     */
    long committable() {
        long next = unfinished.isEmpty() ? nextAfterReceived : unfinished.first();
        return next > committed ? next : -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }
}
