package dev.eventagent.engine.tool;

import com.typesafe.config.Config;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.plugin.PluginHost;
import dev.eventagent.engine.resilience.ResilienceRegistries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool of every started plugin, by name, each behind its resilience policies. Two tools of
 * one name are a start-up error naming both plugins; tools can be disabled in config.
 */
public final class ToolRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    private final Map<String, RegisteredTool> tools;
    private final Set<String> disabled;

    private ToolRegistry(Map<String, RegisteredTool> tools, Set<String> disabled) {
        this.tools = tools;
        this.disabled = Set.copyOf(disabled);
    }

    /**
     * Builds the registry.
     *
     * @param host the started plugins
     * @param toolsConfig the {@code agent.tools} subtree
     * @param executor the pool tool attempts run on
     * @param clock the engine's clock
     * @param resilience where each tool's retry, breaker and bulkhead are kept (and measured)
     * @return the registry
     * @throws StartupException when two tools share a name or a schema is invalid
     */
    public static ToolRegistry build(PluginHost host, Config toolsConfig, ExecutorService executor, Clock clock,
            ResilienceRegistries resilience) {
        Set<String> disabled = new HashSet<>(toolsConfig.getStringList("disabled"));
        Map<String, RegisteredTool> tools = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (PluginHost.StartedPlugin plugin : host.started()) {
            for (Tool tool : plugin.instance().tools()) {
                ToolDescriptor descriptor = tool.descriptor();
                String name = descriptor.name();
                if (disabled.contains(name)) {
                    LOG.info("Tool '{}' of plugin '{}' is disabled by agent.tools.disabled", name, plugin.name());
                    continue;
                }
                RegisteredTool existing = tools.get(name);
                if (existing != null) {
                    problems.add("tool '" + name + "' is provided by both plugin '" + existing.plugin()
                            + "' and plugin '" + plugin.name() + "': disable one with agent.tools.disabled"
                            + " or agent.plugins.<name>.enabled = false");
                    continue;
                }
                try {
                    ArgumentsValidator validator = ArgumentsValidator.compile(name, descriptor.argumentsSchema());
                    ResilientInvoker invoker = new ResilientInvoker(tool, plugin.classLoader(),
                            ResilienceSettings.of(toolsConfig, name), executor, clock, resilience);
                    tools.put(name, new RegisteredTool(plugin.name(), descriptor, tool, validator, invoker));
                    LOG.info("Registering tool '{}' from plugin '{}' ({}, risk {})", name, plugin.name(),
                            descriptor.effect(), descriptor.risk());
                } catch (IllegalArgumentException e) {
                    problems.add("plugin '" + plugin.name() + "': " + e.getMessage());
                }
            }
        }
        for (String name : disabled) {
            if (!tools.containsKey(name) && host.started().stream().noneMatch(p -> hasTool(p, name))) {
                LOG.warn("agent.tools.disabled names '{}', which no installed plugin provides", name);
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException(problems);
        }
        return new ToolRegistry(tools, disabled);
    }

    private static boolean hasTool(PluginHost.StartedPlugin plugin, String name) {
        return plugin.instance().tools().stream().anyMatch(t -> t.descriptor().name().equals(name));
    }

    /**
     * A tool by name.
     *
     * @param name the name
     * @return the tool, or empty when not installed or disabled
     */
    public Optional<RegisteredTool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /**
     * Every tool, sorted by name.
     *
     * @return the tools
     */
    public Collection<RegisteredTool> all() {
        return tools.values();
    }

    /**
     * Whether config disabled a tool.
     *
     * @param name the tool
     * @return true when disabled
     */
    public boolean isDisabled(String name) {
        return disabled.contains(name);
    }
}
