package dev.eventagent.engine.plugin;

import dev.eventagent.api.Metrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** The plugins' {@link Metrics} hook, over the engine's Micrometer registry; names get a prefix. */
final class MicrometerMetrics implements Metrics {

    private final MeterRegistry registry;
    private final String prefix;

    MicrometerMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
    }

    @Override
    public void increment(String name, String... tags) {
        registry.counter(prefix + name, tags).increment();
    }

    @Override
    public void record(String name, Duration duration, String... tags) {
        registry.timer(prefix + name, tags).record(duration);
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge.builder(prefix + name, value).tags(tags).register(registry);
    }
}
