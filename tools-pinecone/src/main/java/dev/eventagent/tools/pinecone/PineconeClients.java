package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import io.pinecone.clients.Index;
import io.pinecone.clients.Inference;
import io.pinecone.clients.Pinecone;
import io.pinecone.configs.PineconeConfig;
import io.pinecone.configs.PineconeConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/**
 * The plugin's long-lived Pinecone clients, built without contacting Pinecone: one OkHttp client
 * (timeouts, {@code api-url}) shared by the control plane and the Inference API, and the
 * scheduler that enforces data-plane deadlines. The data-plane connection is opened by the
 * start-up ({@link #openIndex}) and closed with these.
 */
final class PineconeClients implements AutoCloseable {

    /** The source tag Pinecone attributes requests to. */
    static final String SOURCE_TAG = "event_agent";
    /** How long a health probe may wait for the control plane. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final PineconeSettings settings;
    private final OkHttpClient http;
    private final Optional<Pinecone> control;
    private final Optional<Pinecone> probe;
    private final Optional<Inference> inference;
    private final ScheduledExecutorService deadlines;
    private final Clock clock;

    private PineconeClients(PineconeSettings settings, OkHttpClient http, Optional<Pinecone> control,
            Optional<Pinecone> probe, Optional<Inference> inference, ScheduledExecutorService deadlines, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.control = control;
        this.probe = probe;
        this.inference = inference;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Builds the clients; connects nothing.
     *
     * @param settings the settings
     * @param clock the engine's clock
     * @return the clients; without an API key, none but the scheduler
     */
    static PineconeClients open(PineconeSettings settings, Clock clock) {
        requireNonNull(settings, "settings is null");
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.requestTimeout())
                .writeTimeout(settings.requestTimeout())
                .callTimeout(settings.connectTimeout().plus(settings.requestTimeout()));
        settings.apiUrl().ifPresent(url -> builder.addInterceptor(new ApiUrlInterceptor(url)));
        OkHttpClient http = builder.build();
        ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pinecone-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        if (settings.apiKey().isEmpty()) {
            return new PineconeClients(settings, http, Optional.empty(), Optional.empty(), Optional.empty(),
                    deadlines, clock);
        }
        String key = settings.apiKey().get();
        Pinecone control = client(key, http, settings.tls());
        // the probe shares the connection pool and threads, with a short overall timeout
        Pinecone probe = client(key, http.newBuilder().callTimeout(PROBE_TIMEOUT).build(), settings.tls());
        return new PineconeClients(settings, http, Optional.of(control), Optional.of(probe),
                Optional.of(control.getInferenceClient()), deadlines, clock);
    }

    private static Pinecone client(String key, OkHttpClient http, boolean tls) {
        return new Pinecone.Builder(key).withSourceTag(SOURCE_TAG).withOkHttpClient(http).withTlsEnabled(tls).build();
    }

    /**
     * The control-plane client.
     *
     * @return the client, or empty without an API key
     */
    Optional<Pinecone> control() {
        return control;
    }

    /**
     * The control-plane client for health probes (short timeout).
     *
     * @return the client, or empty without an API key
     */
    Optional<Pinecone> probe() {
        return probe;
    }

    /**
     * The Inference client.
     *
     * @return the client, or empty without an API key
     */
    Optional<Inference> inference() {
        return inference;
    }

    /**
     * Opens the data-plane connection to the index: one gRPC channel, not the client's
     * process-wide connection cache (which is keyed by index name only and would hand a second
     * plugin instance the first one's channel).
     *
     * @param host the data-plane host
     * @param dimension the index's dimension
     * @param metric the index's metric
     * @return the connection
     */
    PineconeIndex openIndex(String host, int dimension, String metric) {
        PineconeConfig config = new PineconeConfig(settings.apiKey().orElseThrow(), SOURCE_TAG);
        config.setHost(host);
        config.setTLSEnabled(settings.tls());
        config.setCustomOkHttpClient(http);
        Index index = new Index(config, new PineconeConnection(config, settings.index()), settings.index());
        return new PineconeIndex(index, settings.index(), host, dimension, metric, settings.requestTimeout(),
                deadlines, clock);
    }

    /** Stops the scheduler and the OkHttp threads and connections. */
    @Override
    public void close() {
        deadlines.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
