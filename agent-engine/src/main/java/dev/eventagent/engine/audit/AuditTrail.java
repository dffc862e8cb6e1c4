package dev.eventagent.engine.audit;

import dev.eventagent.api.AuditRecord;
import dev.eventagent.api.AuditSink;
import dev.eventagent.engine.graph.AgentState;
import dev.eventagent.engine.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes every event's decision to the configured sinks, secrets redacted. */
public final class AuditTrail implements AutoCloseable {

    private final List<AuditSink> sinks;
    private final Redactor redactor;

    /**
     * Creates the trail.
     *
     * @param sinks the sinks, possibly none
     * @param redactor what removes secrets
     */
    public AuditTrail(List<AuditSink> sinks, Redactor redactor) {
        this.sinks = List.copyOf(sinks);
        this.redactor = redactor;
    }

    /**
     * Records an event's processing and flushes, so the record is stored when this returns.
     *
     * @param state the final state
     * @param planner the planner's name
     * @param finishedAt when processing ended
     * @param extras more fields for the record (e.g. the model's token use)
     * @return the record written
     */
    public AuditRecord record(AgentState state, String planner, Instant finishedAt, Map<String, Object> extras) {
        Map<String, Object> report = DecisionReport.of(state, planner, finishedAt, redactor);
        report.putAll(extras);
        AuditRecord record = new AuditRecord(state.event().id(), state.event().source(), state.event().type(),
                planner, state.outcome(), finishedAt, Duration.between(state.startedAt(), finishedAt).toMillis(),
                Json.write(report));
        for (AuditSink sink : sinks) {
            sink.write(record);
            sink.flush();
        }
        return record;
    }

    /**
     * The names of the sinks in use.
     *
     * @return the names
     */
    public List<String> sinkNames() {
        return sinks.stream().map(AuditSink::name).toList();
    }

    @Override
    public void close() {
        for (AuditSink sink : sinks) {
            sink.close();
        }
    }
}
