package dev.eventagent.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.Event;
import dev.eventagent.api.EventSource;
import dev.eventagent.api.MalformedEventException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's event source, run with the plugin's class loader as the thread's context loader (as
 * its tools are), and whose unexpected failures name the plugin.
 */
final class PluginEventSource implements EventSource {

    private final String plugin;
    private final EventSource source;
    private final ClassLoader loader;

    PluginEventSource(String plugin, EventSource source, ClassLoader loader) {
        this.plugin = requireNonNull(plugin, "plugin is null");
        this.source = requireNonNull(source, "source is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public List<String> eventTypes() {
        return source.eventTypes();
    }

    @Override
    public boolean supports(String eventType) {
        return source.supports(eventType);
    }

    @Override
    public Optional<Recognized> recognize(Map<String, String> headers, Map<String, Object> body) {
        return call(() -> source.recognize(headers, body));
    }

    @Override
    public Event normalize(Payload payload) throws MalformedEventException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return requireNonNull(source.normalize(payload), () -> "plugin " + plugin + "'s event source "
                    + source.name() + " returned no event");
        } catch (RuntimeException e) {
            throw new IllegalStateException("plugin " + plugin + "'s event source " + source.name()
                    + " failed on event " + payload.id() + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Event passThrough(Payload payload) {
        return call(() -> source.passThrough(payload));
    }

    private <T> T call(java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
