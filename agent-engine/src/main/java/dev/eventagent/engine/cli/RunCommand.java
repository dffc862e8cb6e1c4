package dev.eventagent.engine.cli;

import dev.eventagent.api.Health;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.Installation;
import dev.eventagent.engine.admin.AdminServer;
import dev.eventagent.engine.plugin.PluginHost;
import dev.eventagent.engine.runtime.KafkaRuntime;
import dev.eventagent.engine.runtime.RuntimeSettings;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code event-agent run}: the service. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Consume the configured Kafka topics and act on every event, until SIGTERM. "
                + "Serves /health, /ready and /metrics on agent.admin.port.")
final class RunCommand implements Callable<Integer> {

    private static final long HEALTH_CACHE_MILLIS = 10_000;

    @Mixin
    EngineOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Installation loaded = options.load();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        Clock clock = Clock.systemUTC();
        Engine engine = Engine.start(loaded, new Engine.Options(false, clock, meters));
        KafkaRuntime runtime = KafkaRuntime.start(engine, RuntimeSettings.of(loaded.config()), meters, clock);
        int port = loaded.config().getInt("agent.admin.port");
        AdminServer admin = port < 0 ? null : AdminServer.start(loaded.config().getString("agent.admin.host"), port,
                () -> new AdminServer.Check(runtime.isAlive(), Map.of("poll_loop", runtime.isAlive())),
                readiness(engine, runtime), meters);
        if (admin != null) {
            spec.commandLine().getErr().println("event-agent: admin port " + admin.port()
                    + " (/health, /ready, /metrics)");
            spec.commandLine().getErr().flush();
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                runtime.close();
                if (admin != null) {
                    admin.close();
                }
                engine.close();
            }
        };
        Thread hook = new Thread(shutdown, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        runtime.awaitStop();
        shutdown.run();
        if (runtime.failure().isPresent()) {
            // A non-zero status, so that a supervisor (systemd Restart=on-failure, Kubernetes) restarts us.
            spec.commandLine().getErr().println("event-agent: the Kafka runtime stopped on an error: "
                    + engine.redactor().redactText(String.valueOf(runtime.failure().get())));
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }

    private static java.util.function.Supplier<AdminServer.Check> readiness(Engine engine, KafkaRuntime runtime) {
        AtomicReference<Map<String, Object>> cached = new AtomicReference<>();
        AtomicReference<Long> at = new AtomicReference<>(0L);
        return () -> {
            long now = System.currentTimeMillis();
            if (cached.get() == null || now - at.get() > HEALTH_CACHE_MILLIS) {
                Map<String, Object> backends = new LinkedHashMap<>();
                for (PluginHost.StartedPlugin plugin : engine.plugins().started()) {
                    Health health;
                    try {
                        health = PluginHost.withContextLoader(plugin.classLoader(), () -> plugin.instance().health());
                    } catch (Exception e) {
                        health = Health.down("health probe failed: " + e);
                    }
                    backends.put(plugin.name(), Map.of("up", health.up(),
                            "detail", engine.redactor().redactText(health.detail())));
                }
                cached.set(backends);
                at.set(now);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("partitions_assigned", runtime.isAssigned());
            detail.put("in_flight", runtime.inFlight());
            detail.put("backends", cached.get());
            boolean backendsUp = cached.get().values().stream()
                    .allMatch(v -> Boolean.TRUE.equals(((Map<?, ?>) v).get("up")));
            return new AdminServer.Check(runtime.isAssigned() && backendsUp, detail);
        };
    }
}
