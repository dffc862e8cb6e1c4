package dev.eventagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolPlugin;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract every tools module's test suite inherits. A subclass says which plugin it
 * tests and with which settings its backends are reached; the contract checks what the engine
 * and the language model rely on.
 */
public abstract class ToolPluginContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema META_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    private PluginInstance instance;

    /**
     * The plugin under test, freshly constructed.
     *
     * @return the plugin
     */
    protected abstract ToolPlugin plugin();

    /**
     * Settings (relative to {@code agent.plugins.<name>}) with which the plugin can start here,
     * e.g. the address of a testing server.
     *
     * @return the settings; empty by default
     */
    protected Map<String, ?> settings() {
        return Map.of();
    }

    /**
     * Settings with which the plugin's backend cannot be reached (nothing listens there). The
     * default, the reference's own settings, points at localhost's standard port, where nothing
     * runs in tests.
     *
     * @return the settings; empty by default
     */
    protected Map<String, ?> unreachableSettings() {
        return Map.of();
    }

    /**
     * The tool names the module must provide, exactly.
     *
     * @return the names
     */
    protected abstract Set<String> expectedTools();

    @BeforeEach
    final void createPlugin() throws Exception {
        instance = plugin().create(TestingPluginContext.of(plugin(), settings()));
    }

    @AfterEach
    final void closePlugin() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void isFoundByServiceLoader() {
        Class<?> type = plugin().getClass();
        boolean found = false;
        Iterator<ToolPlugin> plugins = ServiceLoader.load(ToolPlugin.class, type.getClassLoader()).iterator();
        while (plugins.hasNext()) {
            found |= plugins.next().getClass() == type;
        }
        assertThat(found).as("META-INF/services/dev.eventagent.api.ToolPlugin lists " + type.getName()).isTrue();
    }

    @Test
    void hasAValidNameAndAReferenceForItsSubtree() {
        ToolPlugin plugin = plugin();
        assertThat(plugin.name()).matches("[a-z][a-z0-9-]{0,63}");
        Config reference = ConfigFactory.parseResourcesAnySyntax(plugin.getClass().getClassLoader(), "reference.conf");
        String path = "agent.plugins." + plugin.name();
        assertThat(reference.hasPath(path)).as("reference.conf documents " + path).isTrue();
        assertThat(reference.hasPath(path + ".enabled")).as(path + ".enabled").isTrue();
        for (String key : plugin.secretKeys()) {
            assertThat(reference.hasPathOrNull(path + "." + key)).as("secret key " + key + " is in reference.conf")
                    .isTrue();
        }
    }

    @Test
    void providesExactlyItsTools() {
        Set<String> names = new HashSet<>();
        for (Tool tool : instance.tools()) {
            assertThat(names.add(tool.descriptor().name())).as("unique tool name " + tool.descriptor().name()).isTrue();
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expectedTools());
    }

    /**
     * A backend that is down at start-up must not remove the plugin: its tools would be missing,
     * its routes inactive and its events skipped. The plugin starts, says it is down, and its
     * calls fail as transient until the backend is back (the runtime keeps the events).
     */
    @Test
    void startsWhileItsBackendIsDown() throws Exception {
        long start = System.nanoTime();
        PluginInstance offline = plugin().create(TestingPluginContext.of(plugin(), unreachableSettings()));
        try {
            assertThat((System.nanoTime() - start) / 1_000_000).as("create() returns promptly without its backend")
                    .isLessThan(15_000);
            assertThat(offline.tools().stream().map(t -> t.descriptor().name()).toList())
                    .containsExactlyInAnyOrderElementsOf(expectedTools());
            offline.health();
        } finally {
            offline.close();
        }
    }

    @Test
    void describesEveryToolForAModel() throws Exception {
        for (Tool tool : instance.tools()) {
            ToolDescriptor descriptor = tool.descriptor();
            String name = descriptor.name();
            assertThat(descriptor.description().length()).as(name + " description length").isGreaterThanOrEqualTo(20);
            assertThat(descriptor.description()).as(name + " says when to use it").containsIgnoringCase("use this");
            JsonNode schema = MAPPER.readTree(descriptor.argumentsSchema());
            List<String> problems = META_SCHEMA.validate(schema).stream().map(ValidationMessage::getMessage).toList();
            assertThat(problems).as(name + " schema is a valid JSON Schema").isEmpty();
            assertThat(schema.path("type").asText()).as(name + " schema type").isEqualTo("object");
            schema.path("properties").properties().forEach(property -> assertThat(
                    property.getValue().path("description").asText()).as(name + "." + property.getKey()
                    + " has a description").isNotBlank());
            if (descriptor.effect() == EffectKind.WRITE) {
                assertThat(descriptor.idempotent()).as(name + " is a WRITE tool and must be idempotent").isTrue();
            }
        }
    }

    /**
     * The created instance, for subclasses' own tests.
     *
     * @return the instance
     */
    protected final PluginInstance instance() {
        return instance;
    }
}
