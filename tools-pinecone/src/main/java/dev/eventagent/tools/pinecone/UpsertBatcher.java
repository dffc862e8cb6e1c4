package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import io.pinecone.unsigned_indices_model.VectorWithUnsignedIndices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts together upserts that arrive together (a push's commits, an event's several profiles):
 * the first caller waits {@code upsert-batch.linger} for others, then embeds every text of the
 * batch in one embedder call per namespace and writes the vectors in as few upsert requests as
 * the size limits allow. Each caller gets its own vector's outcome. Upserts of one id in one
 * batch collapse to the last. No retries here: a failed batch fails its callers, and the engine
 * retries each call.
 */
final class UpsertBatcher {

    /** Pinecone's limit on one upsert request is 2 MB; this keeps a margin. */
    static final int MAX_REQUEST_BYTES = 1_800_000;

    /**
     * One vector to write.
     *
     * @param namespace the namespace
     * @param id the vector id
     * @param text the text to embed, whole
     * @param metadata the metadata to store (texts in it already cut to fit)
     * @param deadline when the caller stops waiting
     */
    record Item(String namespace, String id, String text, Map<String, Object> metadata, Instant deadline) {
        /** Validates the fields. */
        Item {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(id, "id is null");
            requireNonNull(text, "text is null");
            requireNonNull(metadata, "metadata is null");
            requireNonNull(deadline, "deadline is null");
        }
    }

    private record Pending(Item item, CompletableFuture<Void> done) {
    }

    private final Embedder embedder;
    private final int maxSize;
    private final Duration linger;
    private final Metrics metrics;
    private final List<Pending> pending = new ArrayList<>(); // guarded by this
    private boolean leaderWaiting; // guarded by this

    UpsertBatcher(Embedder embedder, int maxSize, Duration linger, Metrics metrics) {
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.maxSize = maxSize;
        this.linger = requireNonNull(linger, "linger is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * Writes one vector, in a batch with those that arrive meanwhile.
     *
     * @param index the open index
     * @param item the vector
     * @throws ToolException when its batch failed or the caller's deadline passed first
     */
    void upsert(PineconeIndex index, Item item) {
        Pending mine = new Pending(item, new CompletableFuture<>());
        boolean lead;
        synchronized (this) {
            pending.add(mine);
            lead = !leaderWaiting;
            leaderWaiting = true;
        }
        if (lead) {
            linger();
            List<Pending> batch;
            synchronized (this) {
                batch = new ArrayList<>(pending);
                pending.clear();
                leaderWaiting = false;
            }
            write(index, batch);
        }
        await(mine);
    }

    private void linger() {
        if (linger.isZero()) {
            return;
        }
        try {
            Thread.sleep(linger.toMillis(), (int) (linger.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void await(Pending mine) {
        long nanos = Duration.between(Instant.now(), mine.item().deadline()).toNanos();
        try {
            mine.done().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolException failure) {
                throw failure;
            }
            throw new PermanentToolException("upsert into Pinecone failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TransientToolException("the upsert of " + mine.item().id() + " did not finish before the"
                    + " call's deadline", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted while upserting " + mine.item().id(), e);
        }
    }

    private void write(PineconeIndex index, List<Pending> batch) {
        Map<String, List<Pending>> byNamespace = new LinkedHashMap<>();
        batch.forEach(p -> byNamespace.computeIfAbsent(p.item().namespace(), n -> new ArrayList<>()).add(p));
        metrics.increment("upsert.batches");
        for (Map.Entry<String, List<Pending>> group : byNamespace.entrySet()) {
            try {
                writeNamespace(index, group.getKey(), group.getValue());
                group.getValue().forEach(p -> p.done().complete(null));
            } catch (ToolException e) {
                group.getValue().forEach(p -> p.done().completeExceptionally(e));
            } catch (RuntimeException | Error e) {
                PermanentToolException failure = new PermanentToolException("upsert into namespace " + group.getKey()
                        + " failed: " + e, e);
                group.getValue().forEach(p -> p.done().completeExceptionally(failure));
            }
        }
    }

    private void writeNamespace(PineconeIndex index, String namespace, List<Pending> items) {
        Map<String, Item> lastById = new LinkedHashMap<>();
        items.forEach(p -> {
            lastById.remove(p.item().id()); // keep the order of the last write
            lastById.put(p.item().id(), p.item());
        });
        List<Item> unique = new ArrayList<>(lastById.values());
        Instant deadline = items.stream().map(p -> p.item().deadline()).min(Comparator.naturalOrder()).orElseThrow();
        List<List<Float>> vectors = Embeddings.embed(embedder, unique.stream().map(Item::text).toList(),
                Embedder.InputType.PASSAGE, index.dimension());
        List<VectorWithUnsignedIndices> request = new ArrayList<>();
        int requestBytes = 0;
        for (int i = 0; i < unique.size(); i++) {
            Item item = unique.get(i);
            int bytes = item.id().length() + 4 * vectors.get(i).size() + Metadata.jsonBytes(item.metadata()) + 64;
            if (!request.isEmpty() && (request.size() >= maxSize || requestBytes + bytes > MAX_REQUEST_BYTES)) {
                index.upsert(namespace, request, deadline);
                request = new ArrayList<>();
                requestBytes = 0;
            }
            request.add(new VectorWithUnsignedIndices(item.id(), vectors.get(i), Metadata.struct(item.metadata()),
                    null));
            requestBytes += bytes;
        }
        index.upsert(namespace, request, deadline);
        metrics.increment("upsert.vectors", "namespace", namespace);
    }
}
