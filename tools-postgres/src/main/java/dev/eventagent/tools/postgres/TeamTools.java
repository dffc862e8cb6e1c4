package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The team tools: create_team, get_team_members. */
final class TeamTools {

    /** The most members get_team_members lists. */
    static final int MAX_MEMBERS = 100;

    private static final String TEAM_ID_PROPERTY = """
            "team_id": {"type": "string", "minLength": 1, "maxLength": 200,
              "description": "The team's id, e.g. \\"platform\\"; developer profiles refer to it."}""";

    private final PostgresDatabase database;

    TeamTools(PostgresDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    List<Tool> tools() {
        return List.of(
                new PostgresTool(ToolDescriptor.builder("create_team")
                        .description("Creates a team or updates its name and lead. Use this when a team is formed,"
                                + " renamed or gets a new lead; an omitted lead_email keeps the current lead."
                                + " Returns {\"team_id\",\"created\",\"replayed\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s,
                                  "name": {"type": "string", "minLength": 1, "maxLength": 200,
                                    "description": "The team's display name."},
                                  "lead_email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 320,
                                    "description": "The e-mail of the team's lead, if known."}
                                 },
                                 "required": ["team_id", "name"],
                                 "additionalProperties": false}
                                """.formatted(TEAM_ID_PROPERTY))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        this::createTeam),
                new PostgresTool(ToolDescriptor.builder("get_team_members")
                        .description("Lists a team's developers with their skills and availability (at most "
                                + MAX_MEMBERS + ", by name). Use this when you need who is on a team, e.g. to pick"
                                + " someone with free time. Returns {\"found\",\"team_id\",\"name\",\"lead_email\","
                                + "\"members\":[{\"email\",\"name\",\"skills\",\"availability\"}],\"truncated\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s
                                 },
                                 "required": ["team_id"],
                                 "additionalProperties": false}
                                """.formatted(TEAM_ID_PROPERTY))
                        .effect(EffectKind.READ).idempotent(true).risk(Risk.LOW).build(),
                        this::getTeamMembers));
    }

    private Map<String, Object> createTeam(ToolCall call) {
        String teamId = ToolArguments.text(call, "team_id", ToolArguments.MAX_ID);
        String name = ToolArguments.text(call, "name", ToolArguments.MAX_NAME);
        Optional<String> lead = ToolArguments.optionalEmail(call, "lead_email");
        return database.write(call, (connection, replay) -> {
            boolean created = false;
            if (!replay) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO teams (team_id, name, lead_email) VALUES (?, ?, ?)"
                                + " ON CONFLICT (team_id) DO UPDATE SET name = EXCLUDED.name,"
                                + " lead_email = COALESCE(EXCLUDED.lead_email, teams.lead_email), updated_at = now()"
                                + " RETURNING (xmax = 0)")) {
                    statement.setString(1, teamId);
                    statement.setString(2, name);
                    statement.setString(3, lead.orElse(null));
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        created = row.getBoolean(1);
                    }
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("team_id", teamId);
            result.put("created", created);
            result.put("replayed", replay);
            return result;
        });
    }

    private Map<String, Object> getTeamMembers(ToolCall call) {
        String teamId = ToolArguments.text(call, "team_id", ToolArguments.MAX_ID);
        return database.inTransaction(call, connection -> {
            Map<String, Object> result = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT name, lead_email FROM teams WHERE team_id = ?")) {
                statement.setString(1, teamId);
                try (ResultSet row = statement.executeQuery()) {
                    boolean found = row.next();
                    result.put("found", found);
                    result.put("team_id", teamId);
                    result.put("name", found ? row.getString(1) : null);
                    result.put("lead_email", found ? row.getString(2) : null);
                }
            }
            List<Object> members = new ArrayList<>();
            boolean truncated = false;
            try (PreparedStatement statement = connection.prepareStatement("SELECT email, name, skills, availability"
                    + " FROM user_profiles WHERE team_id = ? ORDER BY name, email LIMIT ?")) {
                statement.setString(1, teamId);
                statement.setInt(2, MAX_MEMBERS + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (members.size() == MAX_MEMBERS) {
                            truncated = true;
                            break;
                        }
                        Map<String, Object> member = new LinkedHashMap<>();
                        member.put("email", rows.getString(1));
                        member.put("name", rows.getString(2));
                        member.put("skills", ProfileTools.strings(rows.getArray(3)));
                        member.put("availability", ProfileTools.availability(rows.getFloat(4)));
                        members.add(member);
                    }
                }
            }
            result.put("members", members);
            result.put("truncated", truncated);
            return result;
        });
    }
}
