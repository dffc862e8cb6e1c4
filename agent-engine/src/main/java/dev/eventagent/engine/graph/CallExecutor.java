package dev.eventagent.engine.graph;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.ErrorCategory;
import dev.eventagent.api.ToolCall;
import dev.eventagent.engine.graph.CallOutcome.Status;
import dev.eventagent.engine.ledger.EffectLedger;
import dev.eventagent.engine.metrics.LatencyTimers;
import dev.eventagent.engine.policy.ToolPolicy;
import dev.eventagent.engine.tool.RegisteredTool;
import dev.eventagent.engine.tool.ResilientInvoker;
import dev.eventagent.engine.tool.ToolRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The execute node. Every call is checked first — known tool, allowed for the event class,
 * arguments valid against the tool's schema, approval not required — and refused calls never run.
 * The calls that pass run in parallel on a bounded pool; one failure never hides another call's
 * result. A dry run checks everything and runs nothing.
 */
public final class CallExecutor {

    private final ToolRegistry registry;
    private final ToolPolicy policy;
    private final ExecutorService pool;
    private final Duration callDeadline;
    private final Clock clock;
    private final boolean dryRun;
    private final EffectLedger ledger;
    private final MeterRegistry meters;

    /**
     * Creates the executor.
     *
     * @param registry the tools
     * @param policy the policy
     * @param pool the bounded pool calls run on
     * @param callDeadline how long a call, retries included, may take
     * @param clock the engine's clock
     * @param dryRun plan and check only
     * @param ledger where EXTERNAL effects are recorded so that none runs twice
     * @param meters where call latency and outcome are recorded
     */
    public CallExecutor(ToolRegistry registry, ToolPolicy policy, ExecutorService pool, Duration callDeadline,
            Clock clock, boolean dryRun, EffectLedger ledger, MeterRegistry meters) {
        this.registry = registry;
        this.policy = policy;
        this.pool = pool;
        this.callDeadline = callDeadline;
        this.clock = clock;
        this.dryRun = dryRun;
        this.ledger = ledger;
        this.meters = meters;
    }

    /**
     * Whether this executor only plans.
     *
     * @return true for a dry run
     */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * Checks and runs one round.
     *
     * @param state the state so far
     * @param plan the round's calls
     * @return one outcome per call, in plan order
     */
    public List<CallOutcome> execute(AgentState state, Plan plan) {
        List<CompletableFuture<CallOutcome>> futures = new ArrayList<>();
        for (PlannedCall call : plan.calls()) {
            Optional<CallOutcome> refused = check(state, call);
            if (refused.isPresent()) {
                futures.add(CompletableFuture.completedFuture(refused.get()));
            } else if (dryRun) {
                futures.add(CompletableFuture.completedFuture(
                        CallOutcome.notRun(call, Status.PLANNED, null, null)));
            } else {
                RegisteredTool tool = registry.find(call.tool()).orElseThrow();
                futures.add(CompletableFuture.supplyAsync(() -> run(state, call, tool), pool));
            }
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private Optional<CallOutcome> check(AgentState state, PlannedCall call) {
        if (call.rejection() != null) {
            return Optional.of(CallOutcome.notRun(call, Status.INVALID, ErrorCategory.INVALID_ARGUMENTS,
                    call.rejection()));
        }
        Optional<RegisteredTool> tool = registry.find(call.tool());
        if (tool.isEmpty()) {
            String why = registry.isDisabled(call.tool())
                    ? "tool " + call.tool() + " is disabled by agent.tools.disabled"
                    : "unknown tool " + call.tool() + ": no installed plugin provides it";
            return Optional.of(CallOutcome.notRun(call, Status.DENIED, ErrorCategory.DENIED, why));
        }
        Optional<String> denial = policy.denial(state.eventClass(), call.tool());
        if (denial.isPresent()) {
            return Optional.of(CallOutcome.notRun(call, Status.DENIED, ErrorCategory.DENIED, denial.get()));
        }
        if (dryRun && !call.unresolved().isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = tool.get().validator().validate(call.arguments());
        if (!problems.isEmpty()) {
            return Optional.of(CallOutcome.notRun(call, Status.INVALID, ErrorCategory.INVALID_ARGUMENTS,
                    "arguments of " + call.tool() + " do not match its schema: " + String.join("; ", problems)
                            + unresolvedHint(call)));
        }
        Optional<String> violation = policy.argumentViolation(call.tool(), call.arguments());
        if (violation.isPresent()) {
            return Optional.of(CallOutcome.notRun(call, Status.DENIED, ErrorCategory.DENIED, violation.get()));
        }
        if (policy.needsApproval(tool.get().descriptor().risk())) {
            return Optional.of(CallOutcome.notRun(call, Status.PENDING_APPROVAL, ErrorCategory.DENIED,
                    "tool " + call.tool() + " has risk " + tool.get().descriptor().risk()
                            + " and agent.policy.require-approval-at requires approval"));
        }
        return Optional.empty();
    }

    /**
     * Runs a call; an EXTERNAL one through the effect ledger: recorded as pending before it runs,
     * as done (with its result) before it is acknowledged, and never run again once done. A
     * pending entry left by an earlier attempt that never finished (a crash) means the effect
     * may have happened: an idempotent tool runs again, any other is not repeated.
     */
    private CallOutcome run(AgentState state, PlannedCall call, RegisteredTool tool) {
        if (tool.descriptor().effect() != EffectKind.EXTERNAL) {
            return invoke(state, call, tool);
        }
        EffectLedger.Begun begun = ledger.begin(call.idempotencyKey(), state.event().id(), call.tool());
        if (begun.prior() == EffectLedger.Prior.DONE) {
            return new CallOutcome(call, Status.OK, begun.result(), null, "already done by an earlier delivery "
                    + "(effect ledger); not repeated", 0, 0);
        }
        if (begun.prior() == EffectLedger.Prior.PENDING && !tool.descriptor().idempotent()) {
            return CallOutcome.notRun(call, Status.SKIPPED, null, "an earlier delivery started this effect and "
                    + "did not record its end (a crash?); " + call.tool() + " is not idempotent, so it is not "
                    + "repeated to avoid a duplicate");
        }
        CallOutcome outcome = invoke(state, call, tool);
        if (outcome.status() == Status.OK) {
            ledger.complete(call.idempotencyKey(), outcome.result());
        } else {
            ledger.abandon(call.idempotencyKey());
        }
        return outcome;
    }

    private CallOutcome invoke(AgentState state, PlannedCall call, RegisteredTool tool) {
        CallOutcome outcome = attempt(state, call, tool);
        LatencyTimers.toolCall(meters, tool.plugin(), call.tool(),
                outcome.status().name().toLowerCase(java.util.Locale.ROOT)).record(Duration.ofMillis(outcome.millis()));
        return outcome;
    }

    private CallOutcome attempt(AgentState state, PlannedCall call, RegisteredTool tool) {
        Instant start = clock.instant();
        ToolCall toolCall = new ToolCall(call.tool(), call.arguments(), state.event().id(), call.idempotencyKey(),
                start.plus(callDeadline));
        try {
            ResilientInvoker.Invocation invocation = tool.invoker().invoke(toolCall);
            return new CallOutcome(call, Status.OK, invocation.result().value(), null, null, invocation.attempts(),
                    Duration.between(start, clock.instant()).toMillis());
        } catch (ResilientInvoker.InvocationFailure failure) {
            ErrorCategory category = failure.failure().category();
            Status status = switch (category) {
                case DENIED -> Status.DENIED;
                case INVALID_ARGUMENTS -> Status.INVALID;
                default -> Status.FAILED;
            };
            return new CallOutcome(call, status, null, category, failure.getMessage(), failure.attempts(),
                    Duration.between(start, clock.instant()).toMillis());
        }
    }

    private static String unresolvedHint(PlannedCall call) {
        return call.unresolved().isEmpty() ? "" : " (no value at " + String.join(", ", call.unresolved()) + ")";
    }
}
