package dev.eventagent.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.Engine;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.plugin.PluginFailure;
import dev.eventagent.engine.tool.RegisteredTool;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code event-agent tools}: the tool registry, with schemas. */
@Command(name = "tools", mixinStandardHelpOptions = true,
        description = "List every registered tool. Plugins that failed to load are named on stderr.")
final class ToolsCommand implements Callable<Integer> {

    @Mixin
    EngineOptions options;

    @Option(names = "--json", description = "Print one JSON array with each tool's schema.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Engine engine = Engine.start(options.load(), Engine.Options.defaults().withDryRun(true))) {
            for (PluginFailure failure : engine.plugins().failures()) {
                err.println("warning: " + failure.describe());
            }
            if (json) {
                List<Map<String, Object>> tools = new ArrayList<>();
                for (RegisteredTool tool : engine.registry().all()) {
                    tools.add(describe(tool));
                }
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tools));
            } else {
                out.printf("%-34s %-12s %-9s %-7s %s%n", "TOOL", "PLUGIN", "EFFECT", "RISK", "DESCRIPTION");
                for (RegisteredTool tool : engine.registry().all()) {
                    out.printf("%-34s %-12s %-9s %-7s %s%n", tool.name(), tool.plugin(), tool.descriptor().effect(),
                            tool.descriptor().risk(), firstSentence(tool.descriptor().description()));
                }
                out.printf("%d tool(s) from %d plugin(s)%n", engine.registry().all().size(),
                        engine.plugins().started().size());
            }
            out.flush();
        }
        return 0;
    }

    private static Map<String, Object> describe(RegisteredTool tool) throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", tool.name());
        map.put("plugin", tool.plugin());
        map.put("description", tool.descriptor().description());
        map.put("effect", tool.descriptor().effect().name());
        map.put("idempotent", tool.descriptor().idempotent());
        map.put("risk", tool.descriptor().risk().name());
        map.put("schema", Json.MAPPER.readValue(tool.descriptor().argumentsSchema(), JsonNode.class));
        return map;
    }

    private static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        int end = flat.indexOf(". ");
        String sentence = end < 0 ? flat : flat.substring(0, end + 1);
        return sentence.length() > 90 ? sentence.substring(0, 87) + "..." : sentence;
    }
}
