package dev.eventagent.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.Event;
import dev.eventagent.api.ToolCall;
import dev.eventagent.engine.audit.AuditTrail;
import dev.eventagent.engine.audit.Redactor;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.CallOutcome.Status;
import dev.eventagent.engine.graph.Plan;
import dev.eventagent.engine.graph.PlannedCall;
import dev.eventagent.engine.graph.Round;
import dev.eventagent.engine.json.Json;
import dev.eventagent.engine.plugin.PluginFailure;
import dev.eventagent.engine.policy.ToolPolicy;
import dev.eventagent.engine.tool.RegisteredTool;
import dev.eventagent.engine.tool.ResilientInvoker;
import dev.eventagent.engine.tool.ToolRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One tool run by hand, as {@code event-agent call TOOL 'JSON'} does: the operator's way to try
 * a backend. The call goes the way a planned call does, less what belongs to events:
 * <ul>
 *   <li>the tool must be in the registry, its arguments one JSON object valid against its schema
 *       and within {@code agent.policy.arguments};</li>
 *   <li>the event-class allowlists of {@code agent.policy.classes} do not apply: there is no
 *       event, the operator is the caller;</li>
 *   <li>a tool whose risk {@code agent.policy.require-approval-at} holds for approval runs only
 *       when the operator approves it ({@code --approved});</li>
 *   <li>it runs behind the tool's resilience policies (retry, breaker, bulkhead, timeout) with the
 *       engine's {@code agent.execution.call-deadline}, as an event of its own
 *       ({@code operator-<uuid>}, source {@code operator}, type {@code call}), so a WRITE tool
 *       keys its row by that id;</li>
 *   <li>one audit record says what was asked and what came of it, with the caller marked as an
 *       operator ({@code "caller": {"kind": "operator", "user": …}}), whatever the outcome.</li>
 * </ul>
 */
public final class OperatorCall {

    /** The event source of an operator's call in the audit trail. */
    public static final String SOURCE = "operator";
    /** The event type (and route) of an operator's call in the audit trail. */
    public static final String TYPE = "call";
    /** The planner name of an operator's call in the audit trail. */
    public static final String PLANNER = "operator";

    private final ToolRegistry registry;
    private final List<PluginFailure> pluginFailures;
    private final ToolPolicy policy;
    private final AuditTrail audit;
    private final Redactor redactor;
    private final Clock clock;
    private final Duration callDeadline;

    /**
     * What a call came to.
     *
     * @param id the call's event id, e.g. {@code operator-3f0c…}
     * @param status what happened to the call
     * @param result the tool's result (secrets redacted) when it ran, else {@code null}
     * @param error why the call did not succeed (one line, secrets redacted), else {@code null}
     * @param auditError why its audit record could not be stored, else {@code null}
     */
    public record Result(String id, Status status, Map<String, Object> result, String error, String auditError) {

        /**
         * Whether the tool ran, succeeded and the call is audited.
         *
         * @return true when nothing went wrong
         */
        public boolean succeeded() {
            return status == Status.OK && error == null && auditError == null;
        }
    }

    OperatorCall(ToolRegistry registry, List<PluginFailure> pluginFailures, ToolPolicy policy, AuditTrail audit,
            Redactor redactor, Clock clock, Duration callDeadline) {
        this.registry = requireNonNull(registry, "registry is null");
        this.pluginFailures = List.copyOf(pluginFailures);
        this.policy = requireNonNull(policy, "policy is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.redactor = requireNonNull(redactor, "redactor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.callDeadline = requireNonNull(callDeadline, "callDeadline is null");
    }

    /**
     * Runs one tool and audits the call.
     *
     * @param tool the tool's name
     * @param argumentsJson the arguments, one JSON object
     * @param approved whether the operator approves a tool that the policy holds for approval
     * @return what came of it
     */
    public Result run(String tool, String argumentsJson, boolean approved) {
        requireNonNull(tool, "tool is null");
        requireNonNull(argumentsJson, "argumentsJson is null");
        Instant started = clock.instant();
        String id = SOURCE + "-" + UUID.randomUUID();
        Map<String, Object> arguments = Map.of();
        String rejection = null;
        try {
            arguments = parse(argumentsJson);
        } catch (IllegalArgumentException e) {
            rejection = e.getMessage();
        }
        PlannedCall call = new PlannedCall(TYPE, tool, arguments, id + "/" + PLANNER + "/" + TYPE + "/" + tool,
                List.of(), rejection);
        CallOutcome outcome = rejection != null
                ? CallOutcome.notRun(call, Status.INVALID, ErrorCategory.INVALID_ARGUMENTS, rejection)
                : check(call, approved).orElseGet(() -> invoke(call, id, started));
        AgentState state = AgentState.initial(event(id, tool, started), started)
                .withRound(new Round(new Plan(PLANNER, TYPE, TYPE, List.of(call), "run by hand (event-agent call)"),
                        List.of(outcome)));
        String auditError = null;
        try {
            audit.record(state, PLANNER, clock.instant(), Map.of("caller", caller()));
        } catch (RuntimeException e) {
            auditError = "its audit record was not stored: " + oneLine(e.getMessage());
        }
        Map<String, Object> result = outcome.result() == null ? null : redacted(outcome.result());
        String error = outcome.status() == Status.OK ? null : redactor.redactText(oneLine(outcome.error()));
        return new Result(id, outcome.status(), result, error, auditError == null ? null : redactor.redactText(auditError));
    }

    private static Map<String, Object> parse(String json) {
        Object value;
        try {
            value = Json.MAPPER.readerFor(Object.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the arguments are not one JSON object (" + oneLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr())
                    + "): give them as one quoted argument, e.g. '{\"project_id\": \"shop\", \"days\": 7}'", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the arguments cannot be read: " + oneLine(e.getMessage()), e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the arguments must be one JSON object, e.g. '{\"project_id\": \"shop\"}', "
                    + "not " + (value == null ? "null" : "a JSON " + (value instanceof List<?> ? "array" : "value")));
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        map.forEach((key, entry) -> arguments.put(String.valueOf(key), entry));
        return arguments;
    }

    /** The checks a planned call passes before it runs, less the event-class allowlists. */
    private Optional<CallOutcome> check(PlannedCall call, boolean approved) {
        Optional<RegisteredTool> tool = registry.find(call.tool());
        if (tool.isEmpty()) {
            String why = registry.isDisabled(call.tool())
                    ? "tool " + call.tool() + " is disabled by agent.tools.disabled"
                    : "unknown tool " + call.tool() + ": no installed plugin provides it (`event-agent tools` lists "
                            + registry.all().size() + " installed tool(s))" + failedPlugins();
            return Optional.of(CallOutcome.notRun(call, Status.DENIED, ErrorCategory.DENIED, why));
        }
        List<String> problems = tool.get().validator().validate(call.arguments());
        if (!problems.isEmpty()) {
            return Optional.of(CallOutcome.notRun(call, Status.INVALID, ErrorCategory.INVALID_ARGUMENTS,
                    "the arguments of " + call.tool() + " do not match its schema: " + String.join("; ", problems)
                            + " (`event-agent tools --json` shows the schema)"));
        }
        Optional<String> violation = policy.argumentViolation(call.tool(), call.arguments());
        if (violation.isPresent()) {
            return Optional.of(CallOutcome.notRun(call, Status.DENIED, ErrorCategory.DENIED, violation.get()));
        }
        if (!approved && policy.needsApproval(tool.get().descriptor().risk())) {
            return Optional.of(CallOutcome.notRun(call, Status.PENDING_APPROVAL, ErrorCategory.DENIED,
                    "tool " + call.tool() + " has risk " + tool.get().descriptor().risk()
                            + " and agent.policy.require-approval-at holds it for approval: run the call again with "
                            + "--approved to approve it yourself"));
        }
        return Optional.empty();
    }

    private String failedPlugins() {
        if (pluginFailures.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; plugins that failed to load: ");
        for (int i = 0; i < pluginFailures.size(); i++) {
            PluginFailure failure = pluginFailures.get(i);
            text.append(i == 0 ? "" : ", ").append(failure.plugin()).append(" (").append(failure.reason()).append(')');
        }
        return text.toString();
    }

    private CallOutcome invoke(PlannedCall call, String id, Instant started) {
        RegisteredTool tool = registry.find(call.tool()).orElseThrow();
        ToolCall toolCall = new ToolCall(call.tool(), call.arguments(), id, call.idempotencyKey(),
                started.plus(callDeadline));
        try {
            ResilientInvoker.Invocation invocation = tool.invoker().invoke(toolCall);
            return new CallOutcome(call, Status.OK, invocation.result().value(), null, null, invocation.attempts(),
                    Duration.between(started, clock.instant()).toMillis());
        } catch (ResilientInvoker.InvocationFailure failure) {
            ErrorCategory category = failure.failure().category();
            Status status = switch (category) {
                case DENIED -> Status.DENIED;
                case INVALID_ARGUMENTS -> Status.INVALID;
                default -> Status.FAILED;
            };
            String error = call.tool() + " failed (" + category + ", " + failure.attempts() + " attempt"
                    + (failure.attempts() == 1 ? "" : "s") + "): " + failure.getMessage();
            return new CallOutcome(call, status, null, category, error, failure.attempts(),
                    Duration.between(started, clock.instant()).toMillis());
        }
    }

    private static Event event(String id, String tool, Instant at) {
        return new Event(id, SOURCE, TYPE, id, at, null, null, Map.of("tool", tool), Map.of());
    }

    private static Map<String, Object> caller() {
        Map<String, Object> caller = new LinkedHashMap<>();
        caller.put("kind", "operator");
        caller.put("user", System.getProperty("user.name", "unknown"));
        caller.put("via", "event-agent call");
        return caller;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> redacted(Map<String, Object> value) {
        return (Map<String, Object>) redactor.redact(value);
    }

    /** A message as one line: line breaks and the indentation after them become "; ". */
    private static String oneLine(String text) {
        return text == null ? "(no message)" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
