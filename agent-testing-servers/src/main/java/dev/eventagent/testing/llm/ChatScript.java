package dev.eventagent.testing.llm;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One script of a {@link ScriptedModelServer}: a predicate on the request and the replies given to
 * the requests it matches, in turn (the last one repeats). Made by
 * {@link ScriptedModelServer#when(Predicate)} and put in force by {@link #reply(Reply...)}.
 */
public final class ChatScript {

    private final Predicate<ChatRequestView> predicate;
    private final Consumer<ChatScript> register;
    private final AtomicInteger matched = new AtomicInteger();
    private volatile List<Reply> replies;

    ChatScript(Predicate<ChatRequestView> predicate, Consumer<ChatScript> register) {
        this.predicate = requireNonNull(predicate, "predicate is null");
        this.register = requireNonNull(register, "register is null");
    }

    /**
     * Sets the replies and puts the script in force: the n-th matching request gets the n-th
     * reply, and every request after the last reply gets the last reply again.
     *
     * @param replies the replies, at least one
     * @return this script, to ask {@link #timesMatched()} later
     * @throws IllegalStateException if the replies were already set
     */
    public ChatScript reply(Reply... replies) {
        requireNonNull(replies, "replies is null");
        if (replies.length == 0) {
            throw new IllegalArgumentException("a script needs at least one reply");
        }
        List<Reply> copy = List.of(replies);
        synchronized (this) {
            if (this.replies != null) {
                throw new IllegalStateException("the replies of this script are already set");
            }
            this.replies = copy;
        }
        register.accept(this);
        return this;
    }

    /** @return how many requests this script has answered */
    public int timesMatched() {
        return matched.get();
    }

    boolean matches(ChatRequestView request) {
        return replies != null && predicate.test(request);
    }

    Reply next() {
        List<Reply> current = replies;
        int index = matched.getAndIncrement();
        return current.get(Math.min(index, current.size() - 1));
    }
}
