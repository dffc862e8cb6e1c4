package dev.eventagent.engine.testing;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written fake {@link Tool}: each call is answered by the next scripted {@link Step}, the
 * last step answering every call after it. It records how often and when (in
 * {@link System#nanoTime()}) it was called, and the thread's context class loader of each call.
 *
 * <pre>
 *   ScriptedTool tool = ScriptedTool.named("lookup")
 *           .then(ScriptedTool.fail(new TransientToolException("503", null)))
 *           .then(ScriptedTool.answer(ToolResult.of("ok", true)));
 * </pre>
 */
public final class ScriptedTool implements Tool {

    /** What the tool does on one call. */
    @FunctionalInterface
    public interface Step {
        /**
         * Answers a call.
         *
         * @param call the call
         * @return the result
         */
        ToolResult answer(ToolCall call);
    }

    private final ToolDescriptor descriptor;
    private final Queue<Step> script = new ConcurrentLinkedQueue<>();
    private volatile Step last;
    private final AtomicInteger invocations = new AtomicInteger();
    private final List<Long> startNanos = new ArrayList<>();
    private final List<ClassLoader> contextLoaders = new ArrayList<>();

    private ScriptedTool(ToolDescriptor descriptor) {
        this.descriptor = requireNonNull(descriptor, "descriptor is null");
    }

    /**
     * A READ tool with an empty-object schema.
     *
     * @param name the tool's name
     * @return the tool, with no steps yet
     */
    public static ScriptedTool named(String name) {
        return new ScriptedTool(ToolDescriptor.builder(name)
                .description("A scripted fake. Use this when testing the engine.")
                .build());
    }

    /**
     * A tool with a given descriptor.
     *
     * @param descriptor the descriptor
     * @return the tool, with no steps yet
     */
    public static ScriptedTool describedBy(ToolDescriptor descriptor) {
        return new ScriptedTool(descriptor);
    }

    /**
     * Adds a step.
     *
     * @param step what the next call does
     * @return this tool
     */
    public ScriptedTool then(Step step) {
        script.add(requireNonNull(step, "step is null"));
        return this;
    }

    /**
     * A step that returns a result.
     *
     * @param result the result
     * @return the step
     */
    public static Step answer(ToolResult result) {
        return call -> result;
    }

    /**
     * A step that throws.
     *
     * @param failure the exception
     * @return the step
     */
    public static Step fail(RuntimeException failure) {
        return call -> {
            throw failure;
        };
    }

    /**
     * A step that sleeps (interruptibly) and then returns a result.
     *
     * @param duration how long to sleep
     * @param result the result
     * @return the step
     */
    public static Step sleep(Duration duration, ToolResult result) {
        return call -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result;
        };
    }

    /**
     * A step that signals it started and then blocks until released.
     *
     * @param started counted down when the call starts
     * @param release awaited (at most 10 s) before answering
     * @param result the result
     * @return the step
     */
    public static Step block(CountDownLatch started, CountDownLatch release, ToolResult result) {
        return call -> {
            started.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the blocked call");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result;
        };
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        long now = System.nanoTime();
        int number = invocations.incrementAndGet();
        synchronized (this) {
            startNanos.add(now);
            contextLoaders.add(Thread.currentThread().getContextClassLoader());
        }
        Step step = script.poll();
        if (step == null) {
            step = last;
        } else {
            last = step;
        }
        if (step == null) {
            throw new AssertionError("tool " + descriptor.name() + " has no step for call #" + number);
        }
        return step.answer(call);
    }

    /**
     * How often the tool was called.
     *
     * @return the count
     */
    public int invocations() {
        return invocations.get();
    }

    /**
     * When each call started, in {@link System#nanoTime()}.
     *
     * @return the times, in call order
     */
    public synchronized List<Long> startNanos() {
        return List.copyOf(startNanos);
    }

    /**
     * The thread's context class loader during each call.
     *
     * @return the loaders, in call order
     */
    public synchronized List<ClassLoader> contextLoaders() {
        return new ArrayList<>(contextLoaders);
    }
}
