package dev.eventagent.tools.pinecone;

import dev.eventagent.api.LazyStartUp;
import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import io.pinecone.clients.Pinecone;
import io.pinecone.exceptions.PineconeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.openapitools.db_control.client.model.IndexModel;

/**
 * What the first call does before the tools can work, once: describe the index (create it when
 * it is missing and {@code bootstrap = true}), check that the embedder's dimension is the
 * index's, and open the data-plane connection. A failure is reported to the caller (transient
 * while Pinecone is unreachable or the index is not ready, permanent for what the user must fix)
 * and the next call tries again.
 */
final class PineconeStartUp implements AutoCloseable {

    private final PineconeSettings settings;
    private final PineconeClients clients;
    private final Embedder embedder;
    private final LazyStartUp<PineconeIndex> lazy;
    private volatile boolean closed;

    PineconeStartUp(PineconeSettings settings, PineconeClients clients, Embedder embedder) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.lazy = new LazyStartUp<>(this::start);
    }

    /**
     * The open index, after start-up has run (by this call or an earlier one).
     *
     * @param call the call that needs it (its deadline bounds the wait)
     * @return the open index
     * @throws ToolException when start-up failed
     */
    PineconeIndex await(ToolCall call) {
        Duration wait = Duration.between(Instant.now(), call.deadline());
        try {
            return lazy.get(wait.isNegative() ? Duration.ZERO : wait);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolException failure) {
                throw failure;
            }
            throw new PermanentToolException("the pinecone plugin could not start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TransientToolException("the pinecone plugin is still starting (describing index "
                    + settings.index() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientToolException("interrupted while the pinecone plugin was starting", e);
        }
    }

    /**
     * The open index, when start-up has succeeded.
     *
     * @return the index, or empty
     */
    Optional<PineconeIndex> done() {
        return lazy.done();
    }

    /**
     * Why the last start-up failed, while none has succeeded.
     *
     * @return the failure, or empty
     */
    Optional<Throwable> lastFailure() {
        return lazy.lastFailure();
    }

    private PineconeIndex start() {
        Pinecone control = clients.control().orElseThrow(() -> new PermanentToolException(
                "agent.plugins.pinecone.api-key is not set: set PINECONE_API_KEY", null));
        IndexModel model = describeOrCreate(control);
        int expected = embedder.dimension();
        IndexFacts facts = IndexFacts.of(model);
        if (facts.dimension() != expected) {
            throw dimensionMismatch(facts.dimension(), expected);
        }
        if (!facts.ready()) {
            throw new TransientToolException("Pinecone index " + settings.index() + " is not ready yet (state "
                    + facts.state() + ")", null);
        }
        String host = settings.indexHost().orElse(facts.host());
        if (host == null || host.isBlank()) {
            throw new PermanentToolException("Pinecone reported no host for index " + settings.index()
                    + "; set agent.plugins.pinecone.index-host", null);
        }
        if (closed) {
            throw new TransientToolException("the pinecone plugin is closing", null);
        }
        return clients.openIndex(host, facts.dimension(), facts.metric());
    }

    private IndexModel describeOrCreate(Pinecone control) {
        try {
            return control.describeIndex(settings.index());
        } catch (PineconeException e) {
            if (PineconeFailures.status(e) != 404) {
                throw PineconeFailures.controlPlane("describe index " + settings.index(), e);
            }
        }
        if (!settings.bootstrap()) {
            throw new PermanentToolException("Pinecone index " + settings.index() + " does not exist: create a dense"
                    + " index with metric cosine and dimension " + embedder.dimension() + " (the embedder '"
                    + embedder.name() + "'), or set agent.plugins.pinecone.bootstrap = true", null);
        }
        try {
            return control.createServerlessIndex(settings.index(), "cosine", embedder.dimension(), settings.cloud(),
                    settings.region(), "disabled", Map.of("created-by", "event-agent"));
        } catch (PineconeException e) {
            if (PineconeFailures.status(e) == 409) { // created meanwhile by another instance
                return control.describeIndex(settings.index());
            }
            throw PineconeFailures.controlPlane("create index " + settings.index() + " (bootstrap)", e);
        }
    }

    /**
     * The failure of an index whose dimension is not the embedder's.
     *
     * @param indexDimension the index's dimension
     * @param embedderDimension the embedder's
     * @return the failure
     */
    PermanentToolException dimensionMismatch(int indexDimension, int embedderDimension) {
        return new PermanentToolException("Pinecone index " + settings.index() + " has dimension " + indexDimension
                + " but the embedder '" + embedder.name() + "' (agent.embedder) makes vectors of dimension "
                + embedderDimension + ": select an embedder of dimension " + indexDimension
                + " or point agent.plugins.pinecone.index at an index of dimension " + embedderDimension, null);
    }

    /** Marks the start-up closed, so that no connection opens after the plugin closed. */
    @Override
    public void close() {
        closed = true;
        lazy.done().ifPresent(PineconeIndex::close);
    }

    /**
     * What the control plane said about the index.
     *
     * @param dimension its dimension (0 when it reported none)
     * @param metric its metric
     * @param host its data-plane host
     * @param ready whether it is ready
     * @param state its state
     */
    record IndexFacts(int dimension, String metric, String host, boolean ready, String state) {

        static IndexFacts of(IndexModel model) {
            Integer dimension = model.getDimension();
            boolean ready = model.getStatus() != null && Boolean.TRUE.equals(model.getStatus().getReady());
            String state = model.getStatus() == null ? "unknown" : String.valueOf(model.getStatus().getState());
            return new IndexFacts(dimension == null ? 0 : dimension, String.valueOf(model.getMetric()),
                    model.getHost(), ready, state);
        }
    }
}
