package dev.eventagent.engine;

import com.typesafe.config.Config;
import dev.eventagent.api.AuditSink;
import dev.eventagent.api.Event;
import dev.eventagent.api.EventSource;
import dev.eventagent.engine.audit.AuditTrail;
import dev.eventagent.engine.audit.JsonLinesAuditSink;
import dev.eventagent.engine.audit.Redactor;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.embed.EngineEmbedders;
import dev.eventagent.engine.event.DecoderSettings;
import dev.eventagent.engine.event.EventDecoder;
import dev.eventagent.engine.graph.AgentGraph;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallExecutor;
import dev.eventagent.engine.graph.Planner;
import dev.eventagent.engine.ledger.EffectLedger;
import dev.eventagent.engine.ledger.JdbcEffectLedger;
import dev.eventagent.engine.llm.LlmSettings;
import dev.eventagent.engine.llm.ModelEndpoint;
import dev.eventagent.engine.plugin.EmbedderDirectory;
import dev.eventagent.engine.plugin.PluginHost;
import dev.eventagent.engine.policy.ToolPolicy;
import dev.eventagent.engine.resilience.ResilienceRegistries;
import dev.eventagent.engine.rules.RouteStatus;
import dev.eventagent.engine.rules.RulesPlanner;
import dev.eventagent.engine.tool.ToolRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled engine: plugins created, tools registered behind their policies, the graph built
 * from {@code agent.graph}, the audit trail open. One instance serves many events concurrently.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Installation loaded;
    private final PluginHost plugins;
    private final ToolRegistry registry;
    private final RulesPlanner rules;
    private final AgentGraph graph;
    private final AuditTrail audit;
    private final EventDecoder decoder;
    private final MeterRegistry meters;
    private final Redactor redactor;
    private final Clock clock;
    private final List<ExecutorService> pools;
    private final EffectLedger ledger;
    private final ModelEndpoint model;
    private final OperatorCall operatorCall;
    private final ResilienceRegistries resilience;
    private final EmbedderDirectory embedders;

    private Engine(Installation loaded, PluginHost plugins, ToolRegistry registry, RulesPlanner rules,
            AgentGraph graph, AuditTrail audit, EventDecoder decoder, MeterRegistry meters, Redactor redactor,
            Clock clock, List<ExecutorService> pools, EffectLedger ledger, ModelEndpoint model,
            OperatorCall operatorCall, ResilienceRegistries resilience, EmbedderDirectory embedders) {
        this.loaded = loaded;
        this.plugins = plugins;
        this.registry = registry;
        this.rules = rules;
        this.graph = graph;
        this.audit = audit;
        this.decoder = decoder;
        this.meters = meters;
        this.redactor = redactor;
        this.clock = clock;
        this.pools = pools;
        this.ledger = ledger;
        this.model = model;
        this.operatorCall = operatorCall;
        this.resilience = resilience;
        this.embedders = embedders;
    }

    /**
     * How the engine runs.
     *
     * @param dryRun plan and check calls without running them, and write no audit
     * @param clock the clock
     * @param meters where metrics go
     * @param plannerDecorator wraps the configured planner (the benchmark simulates a model's latency)
     * @param effectLedger whether a real run opens the effect ledger (off for {@code event-agent call},
     *     which records no effect to skip on a redelivery and must run beside a service holding the
     *     ledger's H2 file)
     */
    public record Options(boolean dryRun, Clock clock, MeterRegistry meters, UnaryOperator<Planner> plannerDecorator,
            boolean effectLedger) {

        /**
         * Options with the effect ledger of real runs.
         *
         * @param dryRun plan and check calls without running them, and write no audit
         * @param clock the clock
         * @param meters where metrics go
         * @param plannerDecorator wraps the configured planner
         */
        public Options(boolean dryRun, Clock clock, MeterRegistry meters, UnaryOperator<Planner> plannerDecorator) {
            this(dryRun, clock, meters, plannerDecorator, true);
        }

        /**
         * Options without a planner decorator.
         *
         * @param dryRun plan and check calls without running them, and write no audit
         * @param clock the clock
         * @param meters where metrics go
         */
        public Options(boolean dryRun, Clock clock, MeterRegistry meters) {
            this(dryRun, clock, meters, UnaryOperator.identity());
        }

        /**
         * The defaults: real runs, the system clock, an in-memory registry.
         *
         * @return the options
         */
        public static Options defaults() {
            return new Options(false, Clock.systemUTC(), new SimpleMeterRegistry());
        }

        /**
         * The same options as a dry run or not.
         *
         * @param value the flag
         * @return the options
         */
        public Options withDryRun(boolean value) {
            return new Options(value, clock, meters, plannerDecorator, effectLedger);
        }

        /**
         * The same options without the effect ledger.
         *
         * @return the options
         */
        public Options withoutEffectLedger() {
            return new Options(dryRun, clock, meters, plannerDecorator, false);
        }
    }

    /**
     * Starts the engine.
     *
     * @param loaded the loaded config
     * @param options how to run
     * @return the engine
     * @throws StartupException when config, a route or the registry is wrong
     */
    public static Engine start(Installation loaded, Options options) {
        Config config = loaded.config();
        Clock clock = options.clock();
        EmbedderDirectory embedders = EngineEmbedders.directory(config);
        // JDBC drivers are found once per JVM, through the thread's context class loader: find the
        // engine's (H2, PostgreSQL) now, before a plugin's JDBC use does it under its own loader.
        DriverManager.getDrivers();
        EffectLedger ledger = options.dryRun() || !options.effectLedger() ? EffectLedger.none()
                : openLedger(loaded, clock, options.meters());
        PluginHost plugins;
        try {
            plugins = PluginHost.start(loaded.discovery(), config, options.meters(), clock, embedders);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        embedders.bindTo(options.meters());
        List<ExecutorService> pools = new ArrayList<>();
        ResilienceRegistries resilience = new ResilienceRegistries().bindTo(options.meters());
        try {
            ExecutorService attempts = Executors.newCachedThreadPool(daemon("tool-attempt"));
            pools.add(attempts);
            ExecutorService calls = Executors.newFixedThreadPool(config.getInt("agent.execution.max-parallel-calls"),
                    daemon("tool-call"));
            pools.add(calls);
            ToolRegistry registry = ToolRegistry.build(plugins, config.getConfig("agent.tools"), attempts, clock,
                    resilience);
            RulesPlanner rules = RulesPlanner.of(config, availability(config, registry, plugins), options.dryRun());
            ToolPolicy policy = ToolPolicy.of(config.getConfig("agent.policy"));
            CallExecutor executor = new CallExecutor(registry, policy, calls,
                    config.getDuration("agent.execution.call-deadline"), clock, options.dryRun(), ledger, options.meters());
            ModelEndpoint model = GraphStrategies.usesModel(config) ? ModelEndpoint.connect(LlmSettings.of(config), options.meters(),
                    resilience) : null;
            AgentGraph graph = new AgentGraph(GraphStrategies.classifier(config, model), options.plannerDecorator()
                    .apply(GraphStrategies.planner(config, rules, model, registry, policy)), executor,
                    GraphStrategies.responder(config, model),
                    config.getInt("agent.graph.max-rounds"), clock, ledger);
            Redactor redactor = new Redactor(loaded.masker());
            AuditTrail audit = new AuditTrail(options.dryRun() ? List.of() : sinks(loaded, plugins), redactor);
            EventDecoder decoder = decoder(config, plugins);
            OperatorCall operatorCall = new OperatorCall(registry, plugins.failures(), policy, audit, redactor, clock,
                    config.getDuration("agent.execution.call-deadline"));
            return new Engine(loaded, plugins, registry, rules, graph, audit, decoder, options.meters(), redactor,
                    clock, pools, ledger, model, operatorCall, resilience, embedders);
        } catch (RuntimeException e) {
            pools.forEach(ExecutorService::shutdownNow);
            resilience.close();
            embedders.close();
            ledger.close();
            plugins.close();
            throw e;
        }
    }

    private static EffectLedger openLedger(Installation loaded, Clock clock, MeterRegistry meters) {
        Config ledger = loaded.config().getConfig("agent.ledger");
        String url = ledger.getString("url");
        if (url.isEmpty()) {
            url = "jdbc:h2:file:" + loaded.sources().resolve(ledger.getString("file")) + ";WRITE_DELAY=0";
        }
        JdbcEffectLedger opened = JdbcEffectLedger.open(url, ledger.getString("username"),
                ledger.getString("password"), ledger.getInt("pool-size"), ledger.getDuration("connection-timeout"),
                clock, meters);
        opened.expire(ledger.getDuration("retention"));
        opened.expireEvery(Duration.ofHours(1), ledger.getDuration("retention"));
        return opened;
    }

    /**
     * Processes one decoded event through the graph and records it in the audit trail.
     *
     * @param event the event
     * @return the final state
     */
    public AgentState process(Event event) {
        AgentState state;
        try {
            state = graph.run(event);
        } catch (RuntimeException e) {
            if (model != null) {
                model.release(event.id());
            }
            throw e;
        }
        Map<String, Object> extras = new java.util.LinkedHashMap<>();
        if (model != null) {
            ModelEndpoint.Usage usage = model.release(event.id());
            Map<String, Object> llm = new java.util.LinkedHashMap<>();
            llm.put("calls", usage.calls());
            llm.put("input_tokens", usage.inputTokens());
            llm.put("output_tokens", usage.outputTokens());
            extras.put("llm", llm);
            meters.summary("agent.llm.tokens.per.event").record(usage.inputTokens() + usage.outputTokens());
        }
        audit.record(state, graph.plannerName(), clock.instant(), extras);
        meters.counter("agent.events.processed", "class", state.eventClass(), "outcome", state.outcome())
                .increment();
        return state;
    }

    /**
     * The decoder for incoming records.
     *
     * @return the decoder
     */
    public EventDecoder decoder() {
        return decoder;
    }

    /**
     * The tool registry.
     *
     * @return the registry
     */
    public ToolRegistry registry() {
        return registry;
    }

    /**
     * Runs tools by hand, outside any event ({@code event-agent call}); audited as an operator's calls.
     *
     * @return the operator's entry point to the registry
     */
    public OperatorCall operatorCall() {
        return operatorCall;
    }

    /**
     * The started plugins and the failures.
     *
     * @return the host
     */
    public PluginHost plugins() {
        return plugins;
    }

    /**
     * Every rule route as composed at start-up: its state, its active and its left-out calls.
     *
     * @return the routes, in match order
     */
    public List<RouteStatus> routes() {
        return rules.routes();
    }

    /**
     * The planner's name.
     *
     * @return the name
     */
    public String plannerName() {
        return graph.plannerName();
    }

    /**
     * The loaded config.
     *
     * @return the config
     */
    public Installation loaded() {
        return loaded;
    }

    /**
     * What removes secrets from output.
     *
     * @return the redactor
     */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * The metrics registry.
     *
     * @return the registry
     */
    public MeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        for (ExecutorService pool : pools) {
            pool.shutdown();
        }
        for (ExecutorService pool : pools) {
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        audit.close();
        ledger.close();
        plugins.close();
        resilience.close();
        embedders.close();
    }

    /**
     * The engine's Resilience4j instances: the tools', the model endpoint's, and those a runtime
     * adds for its events.
     *
     * @return the registries
     */
    public ResilienceRegistries resilience() {
        return resilience;
    }

    /**
     * The effect ledger.
     *
     * @return the ledger
     */
    public EffectLedger ledger() {
        return ledger;
    }

    /** Why a route's tool cannot run here: disabled, its plugin did not start, or none provides it. */
    private static RulesPlanner.Availability availability(Config config, ToolRegistry registry, PluginHost plugins) {
        Set<String> disabled = Set.copyOf(config.getStringList("agent.tools.disabled"));
        Map<String, String> failed = new HashMap<>();
        plugins.failures().forEach(failure -> failed.putIfAbsent(failure.plugin(), failure.reason()));
        return (tool, contributors) -> {
            if (registry.find(tool).isPresent()) {
                return Optional.empty();
            }
            if (disabled.contains(tool)) {
                return Optional.of("disabled by agent.tools.disabled");
            }
            for (String plugin : contributors) {
                if (failed.containsKey(plugin)) {
                    return Optional.of("its plugin " + plugin + " did not start (" + failed.get(plugin) + ")");
                }
            }
            return Optional.of("no installed plugin provides it");
        };
    }

    /** The built-in event sources and the plugins' (a plugin's source named like a built-in one replaces it). */
    private static EventDecoder decoder(Config config, PluginHost plugins) {
        DecoderSettings settings = DecoderSettings.fromConfig(config);
        List<EventSource> added = plugins.eventSources();
        List<String> builtIn = EventDecoder.builtIn(settings).stream().map(EventSource::name).toList();
        added.stream().filter(source -> builtIn.contains(source.name())).forEach(source ->
                LOG.warn("A plugin's event source '{}' replaces the built-in one", source.name()));
        try {
            return new EventDecoder(settings, added);
        } catch (IllegalArgumentException e) {
            throw new StartupException(List.of("event sources: " + e.getMessage()));
        }
    }

    private static List<AuditSink> sinks(Installation loaded, PluginHost plugins) {
        List<AuditSink> chosen = new ArrayList<>();
        List<AuditSink> offered = plugins.auditSinks();
        for (String name : loaded.config().getStringList("agent.audit.sinks")) {
            if ("*".equals(name)) {
                offered.stream().filter(sink -> !chosen.contains(sink)).forEach(chosen::add);
                continue;
            }
            if ("jsonl".equals(name)) {
                chosen.add(new JsonLinesAuditSink(loaded.sources().resolve(
                        loaded.config().getString("agent.audit.jsonl.path"))));
                continue;
            }
            if (chosen.stream().anyMatch(s -> s.name().equals(name))) {
                continue;
            }
            AuditSink sink = offered.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new StartupException(List.of(loaded.config().getValue("agent.audit.sinks")
                            .origin().description() + ": agent.audit.sinks names '" + name
                            + "', which no installed plugin provides (available: jsonl"
                            + offered.stream().map(s -> ", " + s.name()).reduce("", String::concat) + ")")));
            chosen.add(sink);
        }
        return chosen;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
