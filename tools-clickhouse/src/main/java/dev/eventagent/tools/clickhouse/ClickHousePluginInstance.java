package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.AuditSink;
import dev.eventagent.api.Health;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The running plugin: its eight tools, its audit sink, and the client and writer behind them. */
final class ClickHousePluginInstance implements PluginInstance {

    private static final long HEALTH_TIMEOUT_SECONDS = 3;

    private final ClickHouseGateway gateway;
    private final BatchedWriter writer;
    private final List<Tool> tools;
    private final List<AuditSink> auditSinks;

    ClickHousePluginInstance(ClickHouseGateway gateway, BatchedWriter writer, List<Tool> tools, AuditSink auditSink) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.tools = List.copyOf(tools);
        this.auditSinks = List.of(auditSink);
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public List<AuditSink> auditSinks() {
        return auditSinks;
    }

    /** Asks the server for its version (and so its dialect), giving up after three seconds. */
    @Override
    public Health health() {
        CompletableFuture<ClickHouseDialect> version = CompletableFuture.supplyAsync(gateway::probe);
        try {
            ClickHouseDialect dialect = version.get(HEALTH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Health.up(gateway.url() + ": ClickHouse " + dialect.version() + ", database " + gateway.database()
                    + ", values sent as " + dialect.valuesAs()
                    + (gateway.schemaReady() ? "" : " (tables are created on first use)"));
        } catch (TimeoutException e) {
            version.cancel(true);
            return Health.down(gateway.url() + ": no answer within " + HEALTH_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return Health.down(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(gateway.url() + ": interrupted while probing");
        } catch (RuntimeException e) {
            return Health.down(gateway.url() + ": " + e.getMessage());
        }
    }

    /** Stores what is still buffered, then closes the client. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            gateway.close();
        }
    }
}
