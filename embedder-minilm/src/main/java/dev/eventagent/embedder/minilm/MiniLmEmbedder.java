package dev.eventagent.embedder.minilm;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.Health;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local-minilm} embedder: all-MiniLM-L6-v2 (384 dimensions, mean pooling) run
 * in-process. The model is loaded once, by the first call (or in the background when
 * {@code preload} is set), and shared by every caller; loading and embedding run with this
 * plugin's class loader as the thread's context loader, because langchain4j finds the model file
 * through it. Vectors are L2-normalised. Query and passage are embedded alike (the model is
 * symmetric). Thread-safe.
 */
final class MiniLmEmbedder implements Embedder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEmbedder.class);

    /** The name {@code agent.embedder} selects. */
    static final String NAME = "local-minilm";

    /** The length of every vector. */
    static final int DIMENSION = 384;

    private final MiniLmSettings settings;
    private final Supplier<EmbeddingModel> loader;
    private final ClassLoader pluginLoader = MiniLmEmbedder.class.getClassLoader();
    private final ThreadPoolExecutor executor;
    private final Object loadLock = new Object();
    private volatile EmbeddingModel model;
    private volatile RuntimeException loadFailure;
    private volatile long loadMillis = -1;
    private volatile boolean closed;

    /**
     * Creates the embedder; nothing is loaded yet.
     *
     * @param settings the settings
     * @param factory makes the model from the executor that embeds a batch's texts in parallel
     *     (the real one loads all-MiniLM-L6-v2 from the jar)
     */
    MiniLmEmbedder(MiniLmSettings settings, Function<ExecutorService, EmbeddingModel> factory) {
        this.settings = requireNonNull(settings, "settings is null");
        requireNonNull(factory, "factory is null");
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "local-minilm-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setContextClassLoader(pluginLoader);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.loader = () -> factory.apply(executor);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<float[]> embed(List<String> texts, InputType type) throws ToolException {
        requireNonNull(texts, "texts is null");
        requireNonNull(type, "type is null");
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new InvalidArgumentsException("text " + (i + 1) + " of " + texts.size() + " is "
                        + (text == null ? "null" : "empty or blank") + ": there is nothing to embed");
            }
            segments.add(TextSegment.from(cut(text, settings.maxTextChars())));
        }
        EmbeddingModel loaded = model();
        List<Embedding> embeddings;
        try {
            embeddings = withPluginLoader(() -> loaded.embedAll(segments).content());
        } catch (RejectedExecutionException e) {
            throw new PermanentToolException("the local-minilm embedder is closed", e);
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                Thread.currentThread().interrupt();
                throw new TransientToolException("interrupted while embedding " + texts.size() + " texts", e);
            }
            throw new PermanentToolException("the local all-MiniLM-L6-v2 model failed to embed " + texts.size()
                    + " texts: " + rootMessage(e), e);
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(normalised(embedding.vector()));
        }
        return vectors;
    }

    /**
     * Starts loading the model on a pool thread, for {@code preload = true}.
     */
    void preload() {
        executor.execute(() -> {
            try {
                model();
            } catch (ToolException e) {
                // remembered: health() and every call report it
            }
        });
    }

    /**
     * Whether the model is loaded, how long the load took, or why it failed. Never loads it.
     *
     * @return the health
     */
    Health health() {
        RuntimeException failure = loadFailure;
        if (failure != null) {
            return Health.down("all-MiniLM-L6-v2 failed to load: " + rootMessage(failure));
        }
        if (closed) {
            return Health.down("local-minilm is closed");
        }
        long millis = loadMillis;
        return Health.up(millis < 0 ? "all-MiniLM-L6-v2 (" + DIMENSION + " dimensions) loads on first use"
                : "all-MiniLM-L6-v2 (" + DIMENSION + " dimensions) loaded in " + millis + " ms");
    }

    /**
     * How long loading the model took.
     *
     * @return milliseconds, or -1 while it is not loaded
     */
    long loadMillis() {
        return loadMillis;
    }

    /**
     * Whether the model is loaded.
     *
     * @return true once the first load succeeded
     */
    boolean loaded() {
        return model != null;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    /** The model, loaded once; a failed load is remembered (the model is in the jar: it would fail again). */
    private EmbeddingModel model() throws ToolException {
        EmbeddingModel current = model;
        if (current != null) {
            return current;
        }
        synchronized (loadLock) {
            if (model != null) {
                return model;
            }
            if (loadFailure != null) {
                throw new PermanentToolException("the local all-MiniLM-L6-v2 model could not be loaded: "
                        + rootMessage(loadFailure), loadFailure);
            }
            if (closed) {
                throw new PermanentToolException("the local-minilm embedder is closed", null);
            }
            long start = System.nanoTime();
            try {
                EmbeddingModel loaded = withPluginLoader(loader);
                if (loaded.dimension() != DIMENSION) {
                    throw new IllegalStateException("the model gives " + loaded.dimension() + " dimensions, not "
                            + DIMENSION);
                }
                loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                model = loaded;
                LOG.info("Loaded all-MiniLM-L6-v2 ({} dimensions) in {} ms", DIMENSION, loadMillis);
                return loaded;
            } catch (RuntimeException | LinkageError e) {
                loadFailure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                LOG.error("all-MiniLM-L6-v2 could not be loaded", e);
                throw new PermanentToolException("the local all-MiniLM-L6-v2 model could not be loaded: "
                        + rootMessage(e) + " (its native libraries are unpacked to java.io.tmpdir and "
                        + "DJL_CACHE_DIR / ~/.djl.ai: both must be writable)", e);
            }
        }
    }

    private <T> T withPluginLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(pluginLoader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Cuts a text to at most {@code max} characters, at the last whitespace in the limit's last
     * tenth when there is one, never inside a surrogate pair.
     *
     * @param text the text
     * @param max the most characters
     * @return the text or its beginning
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        for (int i = end; i >= end - max / 10 && i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return text.substring(0, i);
            }
        }
        return text.substring(0, end);
    }

    /** The model already normalises; this guards the contract (unit length) against a change there. */
    private static float[] normalised(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || Math.abs(norm - 1) < 1e-6) {
            return vector;
        }
        float[] result = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = (float) (vector[i] / norm);
        }
        return result;
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
