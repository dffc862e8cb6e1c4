package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolDescriptor;
import java.time.Clock;

/** A READ tool over the event store: a descriptor, the connection, the tables and the clock. */
abstract class ReadTool implements Tool {

    final ClickHouseGateway gateway;
    final ClickHouseTables tables;
    final Clock clock;
    private final ToolDescriptor descriptor;

    ReadTool(String name, String description, String argumentsSchema, ClickHouseGateway gateway,
            ClickHouseTables tables, Clock clock) {
        this.descriptor = ToolDescriptor.builder(name)
                .description(description)
                .argumentsSchema(argumentsSchema)
                .effect(EffectKind.READ)
                .idempotent(true)
                .risk(Risk.LOW)
                .build();
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    /**
     * A table of the plugin's database, for SQL.
     *
     * @param table the unqualified name
     * @return {@code `database`.`table`}
     */
    final String table(String table) {
        return SqlLiterals.table(gateway.database(), table);
    }
}
