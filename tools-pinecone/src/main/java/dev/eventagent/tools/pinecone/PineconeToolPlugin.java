package dev.eventagent.tools.pinecone;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pinecone tools: developer and issue embeddings in one Pinecone index (upsert, search, delete),
 * and the Pinecone Inference embedder {@code pinecone-inference}.
 *
 * <p>{@link #create(PluginContext)} builds the clients without contacting Pinecone and returns the
 * tools at once, so the plugin starts while Pinecone is unreachable. The first call describes the
 * index (creating it when {@code bootstrap = true}), checks that the embedder selected by
 * {@code agent.embedder} has the index's dimension, and opens the one data-plane connection
 * ({@link PineconeStartUp}); until then calls fail as transient. See docs/tools/pinecone.md.
 */
public final class PineconeToolPlugin implements ToolPlugin {

    @Override
    public String name() {
        return "pinecone";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("api-key");
    }

    /**
     * Creates the plugin without contacting Pinecone.
     *
     * @param context the plugin's config, secrets and shared services
     * @return the instance with its five tools and its embedder
     * @throws IllegalArgumentException naming the key when a setting is invalid
     */
    @Override
    public PluginInstance create(PluginContext context) {
        PineconeSettings settings = PineconeSettings.from(context.config(), context.secret("api-key"));
        PineconeClients clients = PineconeClients.open(settings, context.clock());
        try {
            Embedder shared = context.embedder();
            PineconeStartUp startUp = new PineconeStartUp(settings, clients, shared);
            UpsertBatcher batcher = new UpsertBatcher(shared, settings.batchMaxSize(), settings.batchLinger(),
                    context.metrics());
            VectorStore store = new VectorStore(startUp, batcher, shared);
            List<Tool> tools = new ArrayList<>();
            tools.addAll(new DeveloperTools(store, settings).tools());
            tools.addAll(new IssueTools(store, settings).tools());
            Embedder inference = new PineconeInferenceEmbedder(clients.inference(), settings);
            return new PineconePluginInstance(settings, clients, startUp, shared, tools, List.of(inference));
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }
}
