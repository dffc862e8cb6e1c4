package dev.eventagent.tools.clickhouse;

import dev.eventagent.api.PluginContext;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolPlugin;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse tools: the event store (commits, pull requests, Jira issues, deployments, incidents),
 * developer activity, DORA metrics and team workload, and the {@code clickhouse} audit sink.
 *
 * <p>{@link #create(PluginContext)} does not contact the server: the plugin starts while ClickHouse
 * is down, reports it in {@code health()}, and its calls fail as transient until it is back; the
 * schema is bootstrapped on first use. Writes go through one {@link BatchedWriter} (rows buffered and flushed by size or time; a
 * call returns once its rows are stored) into ReplacingMergeTree tables keyed by event id and
 * idempotency key, so a redelivered event leaves one logical row. The SQL stays within what
 * ClickHouse 18.16 and current versions both accept.
 */
public final class ClickHouseToolPlugin implements ToolPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseToolPlugin.class);

    /** Creates the plugin; nothing happens until {@link #create(PluginContext)}. */
    public ClickHouseToolPlugin() {
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("password");
    }

    @Override
    public PluginInstance create(PluginContext context) {
        ClickHouseSettings settings = ClickHouseSettings.from(context);
        ClickHouseGateway gateway = ClickHouseGateway.open(settings);
        try {
            LOG.info("ClickHouse at {} (database {}): connecting on first use{}", settings.url(), settings.database(),
                    settings.bootstrap() ? ", which creates the tables that are missing" : "");
            Clock clock = context.clock();
            BatchedWriter writer = new BatchedWriter(gateway, settings.batchMaxRows(), settings.batchMaxDelay(),
                    context.metrics(), clock);
            ClickHouseTables tables = settings.tables();
            List<Tool> tools = List.of(
                    new InsertCommitEventTool(writer, tables, clock),
                    new InsertPrEventTool(writer, tables, clock),
                    new InsertJiraEventTool(writer, tables, clock),
                    new InsertDeploymentEventTool(writer, tables, clock),
                    new InsertIncidentEventTool(writer, tables, clock),
                    new DeveloperActivitySummaryTool(gateway, tables, clock),
                    new ProjectDoraMetricsTool(gateway, tables, clock, settings.productionEnvironments()),
                    new TeamWorkloadTool(gateway, tables, clock, settings.doneStatuses()));
            return new ClickHousePluginInstance(gateway, writer, tools,
                    new ClickHouseAuditSink(writer, tables.audit(), clock));
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }
}
