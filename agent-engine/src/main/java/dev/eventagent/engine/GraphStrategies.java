package dev.eventagent.engine;

import com.typesafe.config.Config;
import dev.eventagent.engine.config.StartupException;
import dev.eventagent.engine.graph.Classifier;
import dev.eventagent.engine.graph.NormalizerClassifier;
import dev.eventagent.engine.graph.Planner;
import dev.eventagent.engine.graph.Responder;
import dev.eventagent.engine.graph.TemplateResponder;
import dev.eventagent.engine.llm.HybridPlanner;
import dev.eventagent.engine.llm.LlmClassifier;
import dev.eventagent.engine.llm.LlmPlanner;
import dev.eventagent.engine.llm.LlmResponder;
import dev.eventagent.engine.llm.ModelEndpoint;
import dev.eventagent.engine.policy.ToolPolicy;
import dev.eventagent.engine.rules.RulesPlanner;
import dev.eventagent.engine.tool.ToolRegistry;
import java.util.List;

/**
 * The strategy of each graph node, by the name {@code agent.graph.classify}, {@code .plan} and
 * {@code .respond} give; an unknown name is a start-up error naming the key, its file and line,
 * and the known names.
 */
final class GraphStrategies {

    private GraphStrategies() {
    }

    static boolean usesModel(Config config) {
        return "llm".equals(config.getString("agent.graph.classify"))
                || List.of("llm", "hybrid").contains(config.getString("agent.graph.plan"))
                || "llm".equals(config.getString("agent.graph.respond"));
    }

    static Classifier classifier(Config config, ModelEndpoint model) {
        return switch (config.getString("agent.graph.classify")) {
            case "normalizer" -> new NormalizerClassifier();
            case "llm" -> new LlmClassifier(model, config.getObject("agent.policy.classes").keySet().stream()
                    .filter(c -> !c.endsWith("*")).collect(java.util.stream.Collectors.toSet()));
            default -> throw unknownStrategy(config, "classify", config.getString("agent.graph.classify"),
                    "normalizer, llm");
        };
    }

    static Planner planner(Config config, RulesPlanner rules, ModelEndpoint model, ToolRegistry registry,
            ToolPolicy policy) {
        return switch (config.getString("agent.graph.plan")) {
            case "rules" -> rules;
            case "llm" -> new LlmPlanner(model, registry, policy);
            case "hybrid" -> new HybridPlanner(rules, new LlmPlanner(model, registry, policy));
            default -> throw unknownStrategy(config, "plan", config.getString("agent.graph.plan"), "rules, llm, hybrid");
        };
    }

    static Responder responder(Config config, ModelEndpoint model) {
        String name = config.getString("agent.graph.respond");
        return switch (name) {
            case "template" -> new TemplateResponder();
            case "none" -> state -> null;
            case "llm" -> new LlmResponder(model);
            default -> throw unknownStrategy(config, "respond", name, "template, none, llm");
        };
    }

    private static StartupException unknownStrategy(Config config, String node, String name, String known) {
        return new StartupException(List.of(config.getValue("agent.graph." + node).origin().description()
                + ": agent.graph." + node + " = '" + name + "' is not a known strategy (known: " + known + ")"));
    }
}
