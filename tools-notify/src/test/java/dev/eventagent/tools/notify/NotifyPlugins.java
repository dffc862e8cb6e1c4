package dev.eventagent.tools.notify;

import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolResult;
import dev.eventagent.testkit.TestingPluginContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates notify plugins for tests and calls their tools as the engine would. */
final class NotifyPlugins {

    /** The allowlists the tests run with (the testing servers' own settings allow everything). */
    static final Map<String, Object> ALLOWLISTS = Map.of(
            "slack.allowed-channels", List.of("#eng-*", "C0*", "*@company.com"),
            "mail.allowed-recipient-domains", List.of("company.com", "*.company.com"),
            "github.allowed-repos", List.of("acme/*"));

    /** Backends no test reaches unless a layer says otherwise: nothing listens on port 9 here. */
    static final Map<String, Object> NOWHERE = Map.of(
            "slack.api-url", "http://127.0.0.1:9/api/",
            "mail.host", "127.0.0.1",
            "mail.port", 9,
            "mail.security", "none",
            "github.api-url", "http://127.0.0.1:9");

    private NotifyPlugins() {
    }

    /**
     * A plugin created with these settings layered, later ones winning, over the test allowlists
     * (an allow-everything list of a testing server's settings is left out).
     *
     * @param layers settings relative to agent.plugins.notify
     * @return the created instance
     */
    @SafeVarargs
    static PluginInstance create(Map<String, ?>... layers) {
        Map<String, Object> settings = new HashMap<>(ALLOWLISTS);
        settings.putAll(NOWHERE);
        for (Map<String, ?> layer : layers) {
            layer.forEach((key, value) -> {
                if (!(key.contains(".allowed-") && value.equals(List.of("*")))) {
                    settings.put(key, value);
                }
            });
        }
        NotifyToolPlugin plugin = new NotifyToolPlugin();
        try {
            return plugin.create(TestingPluginContext.of(plugin, settings));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Tool tool(PluginInstance instance, String name) {
        return instance.tools().stream().filter(t -> t.descriptor().name().equals(name)).findFirst().orElseThrow();
    }

    static ToolResult invoke(PluginInstance instance, String name, Map<String, ?> arguments, String idempotencyKey) {
        return tool(instance, name).invoke(call(name, arguments, idempotencyKey, Duration.ofSeconds(30)));
    }

    static ToolCall call(String name, Map<String, ?> arguments, String idempotencyKey, Duration timeLeft) {
        return new ToolCall(name, new HashMap<>(arguments), "event-" + idempotencyKey, idempotencyKey,
                Instant.now().plus(timeLeft));
    }
}
