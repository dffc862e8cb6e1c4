package dev.eventagent.demo.backends;

import dev.eventagent.api.LocalBackend;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * For the pinecone plugin: an in-process server speaking Pinecone's gRPC data plane and HTTP
 * control plane (a protocol-level stand-in, not Pinecone). The plugin's bootstrap creates the
 * index with the dimension of the configured embedder (local-minilm: 384), so the vectors are
 * made by the local model; the stand-in's own Inference endpoint is not used.
 */
public final class PineconeDemoBackend implements LocalBackend.Provider {

    private static final List<String> NAMESPACES = List.of("developer_profiles", "issues");

    @Override
    public String plugin() {
        return "pinecone";
    }

    @Override
    public LocalBackend start(Path directory) {
        TestingPineconeServer server = new TestingPineconeServer();
        return new LocalBackend() {
            @Override
            public String describe() {
                return "an in-process Pinecone stand-in (gRPC VectorService + control plane) at " + server.apiUrl()
                        + "; vectors from the configured embedder";
            }

            @Override
            public Map<String, Object> settings() {
                return server.pluginSettings();
            }

            @Override
            public List<String> report() {
                StringBuilder line = new StringBuilder("vectors in index " + TestingPineconeServer.INDEX + ":");
                for (String namespace : NAMESPACES) {
                    line.append(' ').append(namespace).append('=')
                            .append(server.vectorCount(TestingPineconeServer.INDEX, namespace));
                }
                return List.of(line.toString());
            }

            @Override
            public Map<String, Map<String, Long>> counts() {
                long vectors = NAMESPACES.stream()
                        .mapToLong(namespace -> server.vectorCount(TestingPineconeServer.INDEX, namespace)).sum();
                return Map.of("pinecone", Map.of("vectors", vectors));
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
