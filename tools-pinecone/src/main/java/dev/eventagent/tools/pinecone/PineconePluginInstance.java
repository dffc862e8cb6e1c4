package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.Health;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolException;
import io.pinecone.clients.Pinecone;
import io.pinecone.exceptions.PineconeException;
import io.pinecone.proto.DescribeIndexStatsResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openapitools.db_control.client.model.IndexModel;

/** What the pinecone plugin created: its five tools, its Inference embedder and its clients. */
final class PineconePluginInstance implements PluginInstance {

    private final PineconeSettings settings;
    private final PineconeClients clients;
    private final PineconeStartUp startUp;
    private final Embedder sharedEmbedder;
    private final List<Tool> tools;
    private final List<Embedder> embedders;

    PineconePluginInstance(PineconeSettings settings, PineconeClients clients, PineconeStartUp startUp,
            Embedder sharedEmbedder, List<Tool> tools, List<Embedder> embedders) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.startUp = requireNonNull(startUp, "startUp is null");
        this.sharedEmbedder = requireNonNull(sharedEmbedder, "sharedEmbedder is null");
        this.tools = List.copyOf(tools);
        this.embedders = List.copyOf(embedders);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public List<Embedder> embedders() {
        return embedders;
    }

    /**
     * Describes the index (3 s at most), checks its dimension against the embedder's and, once
     * the data plane is open, counts its vectors. Down without a key, while Pinecone is
     * unreachable, when the index is missing (and bootstrap is off) and on a dimension mismatch.
     *
     * @return the health; never throws
     */
    @Override
    public Health health() {
        Optional<Pinecone> probe = clients.probe();
        if (probe.isEmpty()) {
            return Health.down("agent.plugins.pinecone.api-key is not set (PINECONE_API_KEY)");
        }
        String where = "Pinecone index " + settings.index() + settings.apiUrl().map(url -> " at " + url).orElse("");
        IndexModel model;
        try {
            model = probe.get().describeIndex(settings.index());
        } catch (PineconeException e) {
            int status = PineconeFailures.status(e);
            if (status == 404) {
                return settings.bootstrap()
                        ? Health.up(where + " does not exist yet; the first call creates it (bootstrap)")
                        : Health.down(where + " does not exist and bootstrap is off");
            }
            return Health.down(where + ": " + PineconeFailures.controlPlane("describe the index", e).getMessage());
        } catch (RuntimeException e) {
            return Health.down(where + ": " + e);
        }
        PineconeStartUp.IndexFacts facts = PineconeStartUp.IndexFacts.of(model);
        String embedderText;
        try {
            int dimension = sharedEmbedder.dimension();
            if (dimension != facts.dimension()) {
                return Health.down(startUp.dimensionMismatch(facts.dimension(), dimension).getMessage());
            }
            embedderText = "embedder " + sharedEmbedder.name() + " (" + dimension + ")";
        } catch (ToolException e) {
            return Health.down(where + ": no embedder: " + e.getMessage());
        }
        String summary = where + " (dimension " + facts.dimension() + ", " + facts.metric() + ", " + facts.state()
                + "), " + embedderText;
        Optional<PineconeIndex> open = startUp.done();
        if (open.isEmpty()) {
            return Health.up(summary + "; the data plane opens on the first call");
        }
        try {
            DescribeIndexStatsResponse stats = open.get().stats(Instant.now().plus(PineconeClients.PROBE_TIMEOUT));
            String counts = stats.getNamespacesMap().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().getVectorCount())
                    .collect(Collectors.joining(", "));
            return Health.up(summary + "; " + open.get().host() + ": " + stats.getTotalVectorCount() + " vectors"
                    + (counts.isEmpty() ? "" : " (" + counts + ")"));
        } catch (ToolException e) {
            return Health.down(summary + "; data plane " + open.get().host() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            startUp.close();
        } finally {
            clients.close();
        }
    }
}
