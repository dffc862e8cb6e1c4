package dev.eventagent.tools.clickhouse;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's tables, in SQL that ClickHouse 18.16 and current versions both accept:
 * ReplacingMergeTree ordered (and so deduplicated) by {@code (event_id, row_id)}, where
 * {@code row_id} is the tool call's idempotency key; {@code DateTime('UTC')} times; optional
 * values as {@code Nullable}; a {@code version} (milliseconds when the row was recorded) that
 * makes the newest copy of a redelivered row the one that stays. Reads use {@code FINAL}, so a
 * redelivered call is one logical row even before the background merge removes the copy.
 */
final class ClickHouseSchema {

    private static final String COMMON_TAIL = """
              recorded_at DateTime('UTC'),
              version UInt64
            ) ENGINE = ReplacingMergeTree(version)
            ORDER BY (event_id, row_id)""";

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSchema.class);

    private final String database;
    private final ClickHouseTables tables;

    ClickHouseSchema(String database, ClickHouseTables tables) {
        this.database = requireNonNull(database, "database is null");
        this.tables = requireNonNull(tables, "tables is null");
    }

    /**
     * Creates the database (unless it is {@code default}) and every table that does not exist.
     * Safe to repeat; never alters or drops anything.
     *
     * @param gateway the connection
     */
    void bootstrap(ClickHouseGateway gateway) {
        LOG.info("ClickHouse at {}: creating the tables of database {} that are missing", gateway.url(), database);
        if (!"default".equals(database)) {
            gateway.execute("create database " + database, "CREATE DATABASE IF NOT EXISTS `" + database + "`");
        }
        for (Map.Entry<String, String> table : statements().entrySet()) {
            gateway.execute("create table " + database + "." + table.getKey(), table.getValue());
        }
    }

    /**
     * The CREATE TABLE statements, by table name, for docs and for operators who run them by
     * hand when bootstrap is off.
     *
     * @return table name to statement
     */
    Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put(tables.commits(), create(tables.commits(), """
                  project_id String,
                  developer_email String,
                  sha String,
                  message String,
                  files_changed UInt32,
                  lines_added Nullable(UInt32),
                  lines_deleted Nullable(UInt32),
                  committed_at DateTime('UTC'),
                """));
        statements.put(tables.pullRequests(), create(tables.pullRequests(), """
                  project_id String,
                  developer_email String,
                  pr_number UInt64,
                  action String,
                  review_time_hours Nullable(Float64),
                  lines_changed Nullable(UInt32),
                  merged_at Nullable(DateTime('UTC')),
                """));
        statements.put(tables.jira(), create(tables.jira(), """
                  project_id String,
                  developer_email String,
                  issue_key String,
                  event_type String,
                  status_from Nullable(String),
                  status_to Nullable(String),
                  story_points Nullable(Float64),
                """));
        statements.put(tables.deployments(), create(tables.deployments(), """
                  project_id String,
                  deployment_id String,
                  environment String,
                  status String,
                  sha String,
                  deployed_at DateTime('UTC'),
                """));
        statements.put(tables.incidents(), create(tables.incidents(), """
                  project_id String,
                  incident_id String,
                  status String,
                  severity String,
                  started_at DateTime('UTC'),
                  resolved_at Nullable(DateTime('UTC')),
                """));
        statements.put(tables.audit(), "CREATE TABLE IF NOT EXISTS " + SqlLiterals.table(database, tables.audit())
                + """
                 (
                  event_id String,
                  source String,
                  `type` String,
                  planner String,
                  outcome String,
                  `time` DateTime('UTC'),
                  time_ms UInt16,
                  duration_ms UInt64,
                  json String,
                  recorded_at DateTime('UTC'),
                  version UInt64
                ) ENGINE = ReplacingMergeTree(version)
                ORDER BY (event_id, `time`, time_ms)""");
        return statements;
    }

    private String create(String table, String columns) {
        return "CREATE TABLE IF NOT EXISTS " + SqlLiterals.table(database, table) + " (\n"
                + "  event_id String,\n  row_id String,\n" + columns + COMMON_TAIL;
    }
}
