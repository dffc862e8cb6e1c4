package dev.eventagent.tools.clickhouse;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.Embedder;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PluginContext;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Clock;
import java.util.Optional;

/** The testkit's context with a clock the test controls. */
final class ClockedPluginContext implements PluginContext {

    private final TestingPluginContext delegate;
    private final Clock clock;

    ClockedPluginContext(TestingPluginContext delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public ConfigView config() {
        return delegate.config();
    }

    @Override
    public Optional<String> secret(String key) {
        return delegate.secret(key);
    }

    @Override
    public Metrics metrics() {
        return delegate.metrics();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Embedder embedder() {
        return delegate.embedder();
    }
}
