package dev.eventagent.testing.pinecone;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import dev.eventagent.api.Embedder;
import dev.eventagent.testing.TestingEmbedder;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A protocol-level stand-in for Pinecone, <b>not Pinecone</b>: enough of its wire protocols for
 * the real {@code io.pinecone:pinecone-client} to run against it on 127.0.0.1.
 *
 * <ul>
 *   <li>Data plane: per index, an in-process gRPC server (random port) implementing Pinecone's
 *       {@code VectorService} from the client jar: Upsert, Query (exact cosine scores over every
 *       vector of the namespace; metadata filters with {@code $eq $ne $gt $gte $lt $lte $in $nin
 *       $exists $and $or}), Fetch, Delete (ids, filter, all) and DescribeIndexStats. It enforces
 *       Pinecone's write limits: dimension, id length, 1000 vectors per upsert, 40 KB of metadata
 *       per vector.</li>
 *   <li>Control plane and Inference: one HTTP server (random port) answering describe, list and
 *       create index, and {@code POST /embed}, whose vectors come from a pluggable {@link Embedder}
 *       (by default a {@link TestingEmbedder} of 1024 dimensions, the size of
 *       {@code multilingual-e5-large}; it is a bag of words, not that model).</li>
 * </ul>
 *
 * <p>No index exists at start: create one with {@link #createIndex(String, int)}, or let the
 * plugin's bootstrap create it. Both protocols check the API key {@link #API_KEY}. Tests inject
 * failures ({@link #failNextGrpcCalls}, {@link #failNextHttpRequests}) and count what arrived
 * ({@link #requests()}, {@link #count(String)}, {@link #vectorCount(String, String)}). Not
 * modelled: eventual consistency, sparse vectors, pods, namespaces' own API, rate limits other
 * than injected ones, authentication beyond one key.
 */
public final class TestingPineconeServer implements AutoCloseable {

    /** The API key both protocols accept. */
    public static final String API_KEY = "testing-pinecone-api-key";
    /** The index name {@link #pluginSettings()} points at. */
    public static final String INDEX = "event-agent";
    /** The only model {@code /embed} serves. */
    public static final String INFERENCE_MODEL = "multilingual-e5-large";

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final InjectedFaults faults = new InjectedFaults();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, HostedIndex> indexes = new ConcurrentHashMap<>();
    private volatile Embedder inferenceEmbedder;

    /** Starts the server with no index and a 1024-dimension {@link TestingEmbedder} behind {@code /embed}. */
    public TestingPineconeServer() {
        this(new TestingEmbedder(1024));
    }

    /**
     * Starts the server with no index.
     *
     * @param inferenceEmbedder what {@code /embed} answers with
     */
    public TestingPineconeServer(Embedder inferenceEmbedder) {
        this.inferenceEmbedder = requireNonNull(inferenceEmbedder, "inferenceEmbedder is null");
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the testing Pinecone HTTP server", e);
        }
        httpThreads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "testing-pinecone-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(httpThreads);
        http.createContext("/", new ControlPlaneHandler(this, faults, requests::add));
        http.start();
    }

    /**
     * The base URL of the control plane and Inference API, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the URL
     */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /**
     * The API key it accepts.
     *
     * @return {@link #API_KEY}
     */
    public String apiKey() {
        return API_KEY;
    }

    /**
     * Settings of the {@code pinecone} plugin (relative to {@code agent.plugins.pinecone}) that
     * point it at this server and at the index {@link #INDEX}.
     *
     * @return {@code api-key}, {@code api-url}, {@code tls = false} and {@code index}
     */
    public Map<String, Object> pluginSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("api-key", API_KEY);
        settings.put("api-url", apiUrl());
        settings.put("tls", false);
        settings.put("index", INDEX);
        return settings;
    }

    /**
     * Creates a dense cosine index with its own gRPC data plane, as {@code POST /indexes} does.
     *
     * @param name the index name
     * @param dimension its dimension
     * @return the data-plane address, {@code 127.0.0.1:port}
     * @throws IllegalStateException when an index of that name exists
     */
    public String createIndex(String name, int dimension) {
        return createIndexModel(name, dimension).host();
    }

    synchronized ControlPlaneHandler.IndexModel createIndexModel(String name, int dimension) {
        requireNonNull(name, "name is null");
        if (indexes.containsKey(name)) {
            throw new IllegalStateException("index " + name + " exists");
        }
        VectorIndex index = new VectorIndex(name, dimension);
        Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(new TestingVectorService(index, requests::add),
                        new GrpcGate(API_KEY, name, faults, requests::add)))
                .build();
        try {
            grpc.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the testing Pinecone gRPC server of index " + name, e);
        }
        HostedIndex hosted = new HostedIndex(index, grpc, "127.0.0.1:" + grpc.getPort());
        indexes.put(name, hosted);
        return hosted.model();
    }

    /**
     * Deletes an index and stops its data plane.
     *
     * @param name the index name
     */
    public void deleteIndex(String name) {
        HostedIndex hosted = indexes.remove(name);
        if (hosted != null) {
            hosted.stop();
        }
    }

    Optional<ControlPlaneHandler.IndexModel> indexModel(String name) {
        return Optional.ofNullable(indexes.get(name)).map(HostedIndex::model);
    }

    List<ControlPlaneHandler.IndexModel> indexModels() {
        return indexes.values().stream().map(HostedIndex::model).toList();
    }

    String inferenceModel() {
        return INFERENCE_MODEL;
    }

    Embedder inferenceEmbedder() {
        return inferenceEmbedder;
    }

    /**
     * Replaces what {@code /embed} answers with.
     *
     * @param embedder the embedder
     */
    public void setInferenceEmbedder(Embedder embedder) {
        this.inferenceEmbedder = requireNonNull(embedder, "embedder is null");
    }

    /**
     * Answers the next gRPC calls (of any index) with a failure.
     *
     * @param count how many calls
     * @param code e.g. {@code UNAVAILABLE} or {@code RESOURCE_EXHAUSTED}
     * @param retryAfter a delay sent as a {@code google.rpc.RetryInfo} detail, or {@code null}
     */
    public void failNextGrpcCalls(int count, Status.Code code, Duration retryAfter) {
        faults.addGrpc(count, new InjectedFaults.GrpcFault(requireNonNull(code, "code is null"), retryAfter));
    }

    /**
     * Answers the next HTTP requests (control plane or {@code /embed}) with a failure.
     *
     * @param count how many requests
     * @param status e.g. 429, 500 or 503
     * @param retryAfter a delay sent as {@code Retry-After} in whole seconds, or {@code null}
     */
    public void failNextHttpRequests(int count, int status, Duration retryAfter) {
        faults.addHttp(count, new InjectedFaults.HttpFault(status, retryAfter));
    }

    /**
     * Every request received, in arrival order.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * How many requests of an operation were answered without failure.
     *
     * @param operation e.g. {@code Upsert}, {@code Query}, {@code embed}, {@code describe_index}
     * @return the count
     */
    public long count(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation) && r.ok()).count();
    }

    /**
     * The vectors a namespace holds.
     *
     * @param index the index name
     * @param namespace the namespace
     * @return the count; 0 for an unknown index
     */
    public int vectorCount(String index, String namespace) {
        HostedIndex hosted = indexes.get(index);
        return hosted == null ? 0 : hosted.index().counts().getOrDefault(namespace, 0);
    }

    /**
     * One stored vector.
     *
     * @param index the index name
     * @param namespace the namespace
     * @param id the id
     * @return the vector, or empty
     */
    public Optional<StoredVector> vector(String index, String namespace, String id) {
        HostedIndex hosted = indexes.get(index);
        return hosted == null ? Optional.empty() : hosted.index().fetch(namespace, id);
    }

    /**
     * Stores vectors directly, as a bulk loader would, without recording a request.
     *
     * @param index the index name
     * @param namespace the namespace
     * @param vectors the vectors
     */
    public void seed(String index, String namespace, List<StoredVector> vectors) {
        HostedIndex hosted = requireNonNull(indexes.get(index), () -> "no index " + index);
        hosted.index().upsert(namespace, new ArrayList<>(vectors));
    }

    /** Forgets every vector, request and queued failure; indexes stay. */
    public void reset() {
        indexes.values().forEach(hosted -> hosted.index().clear());
        requests.clear();
        faults.clear();
    }

    /** Stops both protocols. */
    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
        indexes.values().forEach(HostedIndex::stop);
        indexes.clear();
    }

    private record HostedIndex(VectorIndex index, Server grpc, String host) {

        ControlPlaneHandler.IndexModel model() {
            return new ControlPlaneHandler.IndexModel(index.name(), index.dimension(), host);
        }

        void stop() {
            grpc.shutdownNow();
            try {
                grpc.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
