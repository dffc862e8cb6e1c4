package dev.eventagent.engine.audit;

import dev.eventagent.api.Event;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.graph.CallOutcome;
import dev.eventagent.engine.graph.Round;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of one event's decision, shared by the audit trail and {@code replay --json}:
 * the event, the planner and route, every planned call with its arguments, status, result,
 * error and timing, the notes and the response. Secrets are redacted.
 */
public final class DecisionReport {

    private DecisionReport() {
    }

    /**
     * Builds the report.
     *
     * @param state the final state
     * @param planner the planner's name
     * @param finishedAt when processing ended
     * @param redactor what removes secrets
     * @return the report as a JSON-shaped map
     */
    public static Map<String, Object> of(AgentState state, String planner, Instant finishedAt, Redactor redactor) {
        Event event = state.event();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("event_id", event.id());
        report.put("source", event.source());
        report.put("type", event.type());
        report.put("class", state.eventClass());
        report.put("classified_by", state.classification() == null ? null : state.classification().method());
        report.put("key", event.key());
        report.put("planner", planner);
        report.put("route", state.rounds().isEmpty() ? null : state.rounds().get(0).plan().route());
        report.put("outcome", state.outcome());
        List<Map<String, Object>> calls = new ArrayList<>();
        for (Round round : state.rounds()) {
            for (CallOutcome outcome : round.outcomes()) {
                calls.add(call(round, outcome, redactor));
            }
        }
        report.put("calls", calls);
        report.put("notes", state.notes().stream().map(redactor::redactText).toList());
        report.put("response", state.response() == null ? null : redactor.redactText(state.response()));
        report.put("started_at", state.startedAt().toString());
        report.put("duration_ms", Duration.between(state.startedAt(), finishedAt).toMillis());
        return report;
    }

    private static Map<String, Object> call(Round round, CallOutcome outcome, Redactor redactor) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("step", round.plan().step());
        call.put("id", outcome.call().id());
        call.put("tool", outcome.call().tool());
        call.put("arguments", redactor.redact(outcome.call().arguments()));
        call.put("idempotency_key", outcome.call().idempotencyKey());
        call.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
        if (!outcome.call().unresolved().isEmpty()) {
            call.put("unresolved", outcome.call().unresolved());
        }
        if (outcome.result() != null) {
            call.put("result", redactor.redact(outcome.result()));
        }
        if (outcome.error() != null) {
            call.put("error_category", outcome.category() == null ? null : outcome.category().name());
            call.put("error", redactor.redactText(outcome.error()));
        }
        call.put("attempts", outcome.attempts());
        call.put("duration_ms", outcome.millis());
        return call;
    }
}
