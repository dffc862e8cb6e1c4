package dev.eventagent.tools.neo4j;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.Risk;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code find_project_dependencies}: what a project depends on, transitively up to a depth (at
 * most {@value #MAX_DEPTH}): each dependency once, at its shortest distance, and the typed
 * DEPENDS_ON edges between the projects found.
 *
 * <p>The walk is a variable-length pattern with a fixed upper bound and relationship uniqueness
 * per path, aggregated per project (the same as DISTINCT), so a cycle ends it: a path cannot use
 * an edge twice and never runs past the bound. {@code cyclic} says whether the edges found
 * contain a cycle. The depth is the only value written into the statement's text, and only after
 * it is checked to be a whole number from 1 to 10.
 */
final class FindProjectDependencies extends GraphTool {

    static final String NAME = "find_project_dependencies";
    static final int DEFAULT_DEPTH = 3;
    static final int MAX_DEPTH = 10;
    static final int DEPENDENCY_LIMIT = 200;
    static final int EDGE_LIMIT = 500;

    private static final String ROOT = "MATCH (root:Project {project_id: $projectId}) RETURN root.name AS name";

    private static final String REACHABLE = """
            MATCH path = (root:Project {project_id: $projectId})-[:DEPENDS_ON*1..%d]->(dep:Project)
            WHERE dep <> root
            WITH dep, min(length(path)) AS depth
            RETURN dep.project_id AS project_id, dep.name AS name, depth
            ORDER BY depth, project_id
            LIMIT $limit
            """;

    private static final String EDGES = """
            MATCH (a:Project)-[r:DEPENDS_ON]->(b:Project)
            WHERE a.project_id IN $from AND b.project_id IN $to
            RETURN a.project_id AS from, b.project_id AS to, r.dependency_type AS dependency_type
            ORDER BY from, to
            LIMIT $limit
            """;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "project_id": {
                  "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                  "description": "Id of the project whose dependencies to find."
                },
                "depth": {
                  "type": "integer", "minimum": 1, "maximum": 10, "default": 3,
                  "description": "How many DEPENDS_ON hops to follow, 1 (direct dependencies only) to 10; 3 when left out."
                }
              },
              "required": ["project_id"],
              "additionalProperties": false
            }
            """;

    FindProjectDependencies(Neo4jGraphClient graph, Metrics metrics) {
        super(graph, metrics, ToolDescriptor.builder(NAME)
                .description("Finds what a project depends on, directly and transitively, with each dependency's "
                        + "distance and the type of every dependency edge (blocking, optional, required); cycles "
                        + "are reported, not followed forever. Use this when you assess the impact of a change or "
                        + "an incident, or what blocks a project. Returns {project_id, found, depth, dependencies: "
                        + "[{project_id, name, depth}], edges: [{from, to, dependency_type}], cyclic, truncated}.")
                .argumentsSchema(SCHEMA)
                .effect(EffectKind.READ)
                .idempotent(true)
                .risk(Risk.LOW)
                .build());
    }

    @Override
    protected Map<String, Object> execute(ToolCall call, ToolArguments arguments) {
        String projectId = arguments.text("project_id", ToolArguments.ID_MAX);
        int depth = arguments.integer("depth", DEFAULT_DEPTH, 1, MAX_DEPTH);
        String reachable = REACHABLE.formatted(depth);
        return graph.read(call, tx -> {
            if (tx.run(ROOT, Map.of("projectId", projectId)).list().isEmpty()) {
                return result("project_id", projectId, "found", false, "depth", depth);
            }
            List<Map<String, Object>> dependencies = plain(tx.run(reachable,
                    Map.of("projectId", projectId, "limit", DEPENDENCY_LIMIT + 1)).list());
            boolean truncated = dependencies.size() > DEPENDENCY_LIMIT;
            if (truncated) {
                dependencies = new ArrayList<>(dependencies.subList(0, DEPENDENCY_LIMIT));
            }
            List<String> to = new ArrayList<>(List.of(projectId));
            List<String> from = new ArrayList<>(List.of(projectId));
            for (Map<String, Object> dependency : dependencies) {
                to.add((String) dependency.get("project_id"));
                if (((Number) dependency.get("depth")).intValue() < depth) {
                    from.add((String) dependency.get("project_id"));
                }
            }
            List<Map<String, Object>> edges = plain(tx.run(EDGES,
                    Map.of("from", from, "to", to, "limit", EDGE_LIMIT + 1)).list());
            if (edges.size() > EDGE_LIMIT) {
                truncated = true;
                edges = new ArrayList<>(edges.subList(0, EDGE_LIMIT));
            }
            return result("project_id", projectId, "found", true, "depth", depth,
                    "dependencies", dependencies, "edges", edges,
                    "cyclic", hasCycle(edges), "truncated", truncated);
        });
    }

    /**
     * Whether directed edges contain a cycle (depth-first search, iterative).
     *
     * @param edges rows with {@code from} and {@code to}
     * @return true when some project reaches itself
     */
    static boolean hasCycle(List<Map<String, Object>> edges) {
        Map<Object, List<Object>> next = new HashMap<>();
        for (Map<String, Object> edge : edges) {
            next.computeIfAbsent(edge.get("from"), key -> new ArrayList<>()).add(edge.get("to"));
        }
        Set<Object> done = new HashSet<>();
        for (Object start : next.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            Set<Object> onPath = new HashSet<>();
            List<Object> stack = new ArrayList<>(List.of(start));
            List<Integer> positions = new ArrayList<>(List.of(0));
            onPath.add(start);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                Object node = stack.get(top);
                List<Object> successors = next.getOrDefault(node, List.of());
                int position = positions.get(top);
                if (position == successors.size()) {
                    onPath.remove(node);
                    done.add(node);
                    stack.remove(top);
                    positions.remove(top);
                    continue;
                }
                positions.set(top, position + 1);
                Object successor = successors.get(position);
                if (onPath.contains(successor)) {
                    return true;
                }
                if (!done.contains(successor)) {
                    onPath.add(successor);
                    stack.add(successor);
                    positions.add(0);
                }
            }
        }
        return false;
    }
}
