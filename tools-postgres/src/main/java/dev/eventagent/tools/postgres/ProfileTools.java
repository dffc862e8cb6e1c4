package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The user-profile tools: create_user_profile, update_user_skills, get_user_by_email, update_user_availability. */
final class ProfileTools {

    static final String EMAIL_PROPERTY = """
            "email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 320,
              "description": "The developer's e-mail address, which identifies the profile (compared case-insensitively)."}""";

    static final String SKILLS_PROPERTY = """
            "skills": {"type": "array", "maxItems": 100,
              "items": {"type": "string", "minLength": 1, "maxLength": 100},
              "description": "The developer's skills, e.g. [\\"go\\", \\"kubernetes\\"]. Replaces the stored list; duplicates are dropped."}""";

    private final PostgresDatabase database;

    ProfileTools(PostgresDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    List<Tool> tools() {
        return List.of(
                new PostgresTool(ToolDescriptor.builder("create_user_profile")
                        .description("Creates or updates a developer's profile (name, team, skills), keyed by e-mail."
                                + " Use this when a new developer appears or their name, team or whole skill list"
                                + " changes. Returns {\"email\",\"created\",\"replayed\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s,
                                  "name": {"type": "string", "minLength": 1, "maxLength": 200,
                                    "description": "The developer's display name."},
                                  "team_id": {"type": "string", "minLength": 1, "maxLength": 200,
                                    "description": "The id of the developer's team, as given to create_team."},
                                  %s
                                 },
                                 "required": ["email", "name", "team_id", "skills"],
                                 "additionalProperties": false}
                                """.formatted(EMAIL_PROPERTY, SKILLS_PROPERTY))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        this::createUserProfile),
                new PostgresTool(ToolDescriptor.builder("update_user_skills")
                        .description("Replaces the skill list of an existing developer profile. Use this when a"
                                + " developer's skills are learned or corrected; the profile must exist"
                                + " (create_user_profile). Returns {\"email\",\"skills\",\"replayed\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s,
                                  %s
                                 },
                                 "required": ["email", "skills"],
                                 "additionalProperties": false}
                                """.formatted(EMAIL_PROPERTY, SKILLS_PROPERTY))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        this::updateUserSkills),
                new PostgresTool(ToolDescriptor.builder("get_user_by_email")
                        .description("Reads a developer's profile: name, team, skills and availability. Use this when"
                                + " you need to know who someone is or whether they can take work. Returns"
                                + " {\"found\":false} when no profile has that e-mail.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s
                                 },
                                 "required": ["email"],
                                 "additionalProperties": false}
                                """.formatted(EMAIL_PROPERTY))
                        .effect(EffectKind.READ).idempotent(true).risk(Risk.LOW).build(),
                        this::getUserByEmail),
                new PostgresTool(ToolDescriptor.builder("update_user_availability")
                        .description("Sets how available an existing developer is for new work, from 0.0 (none) to"
                                + " 1.0 (fully). Use this when someone goes on leave, comes back, or their load"
                                + " changes. Returns {\"email\",\"availability\",\"replayed\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s,
                                  "availability": {"type": "number", "minimum": 0.0, "maximum": 1.0,
                                    "description": "The share of the developer's time free for new work: 0.0 none, 1.0 all."}
                                 },
                                 "required": ["email", "availability"],
                                 "additionalProperties": false}
                                """.formatted(EMAIL_PROPERTY))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        this::updateUserAvailability));
    }

    private Map<String, Object> createUserProfile(ToolCall call) {
        String email = ToolArguments.email(call, "email");
        String name = ToolArguments.text(call, "name", ToolArguments.MAX_NAME);
        String teamId = ToolArguments.text(call, "team_id", ToolArguments.MAX_ID);
        List<String> skills = ToolArguments.skills(call, "skills");
        return database.write(call, (connection, replay) -> {
            boolean created = false;
            if (!replay) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO user_profiles (email, name, team_id, skills) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name,"
                                + " team_id = EXCLUDED.team_id, skills = EXCLUDED.skills, updated_at = now()"
                                + " RETURNING (xmax = 0)")) {
                    statement.setString(1, email);
                    statement.setString(2, name);
                    statement.setString(3, teamId);
                    statement.setArray(4, connection.createArrayOf("text", skills.toArray(new String[0])));
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        created = row.getBoolean(1);
                    }
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("email", email);
            result.put("created", created);
            result.put("replayed", replay);
            return result;
        });
    }

    private Map<String, Object> updateUserSkills(ToolCall call) {
        String email = ToolArguments.email(call, "email");
        List<String> skills = ToolArguments.skills(call, "skills");
        return database.write(call, (connection, replay) -> {
            if (!replay) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE user_profiles SET skills = ?, updated_at = now() WHERE email = ?")) {
                    statement.setArray(1, connection.createArrayOf("text", skills.toArray(new String[0])));
                    statement.setString(2, email);
                    if (statement.executeUpdate() == 0) {
                        throw notFound(call, email);
                    }
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("email", email);
            result.put("skills", skills);
            result.put("replayed", replay);
            return result;
        });
    }

    private Map<String, Object> getUserByEmail(ToolCall call) {
        String email = ToolArguments.email(call, "email");
        return database.inTransaction(call, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT email, name, team_id, skills,"
                    + " availability, updated_at FROM user_profiles WHERE email = ?")) {
                statement.setString(1, email);
                try (ResultSet row = statement.executeQuery()) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    if (!row.next()) {
                        result.put("found", false);
                        result.put("email", email);
                        return result;
                    }
                    result.put("found", true);
                    result.put("email", row.getString(1));
                    result.put("name", row.getString(2));
                    result.put("team_id", row.getString(3));
                    result.put("skills", strings(row.getArray(4)));
                    result.put("availability", availability(row.getFloat(5)));
                    result.put("updated_at", row.getTimestamp(6).toInstant().toString());
                    return result;
                }
            }
        });
    }

    private Map<String, Object> updateUserAvailability(ToolCall call) {
        String email = ToolArguments.email(call, "email");
        double availability = ToolArguments.fraction(call, "availability");
        return database.write(call, (connection, replay) -> {
            if (!replay) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE user_profiles SET availability = ?, updated_at = now() WHERE email = ?")) {
                    statement.setFloat(1, (float) availability);
                    statement.setString(2, email);
                    if (statement.executeUpdate() == 0) {
                        throw notFound(call, email);
                    }
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("email", email);
            result.put("availability", availability);
            result.put("replayed", replay);
            return result;
        });
    }

    /**
     * The strings of a SQL text array.
     *
     * @param array the array, or null
     * @return the strings
     * @throws java.sql.SQLException when the array cannot be read
     */
    static List<String> strings(Array array) throws java.sql.SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }

    /**
     * An availability as stored ({@code real}), rounded to the precision it was given with.
     *
     * @param stored the stored value
     * @return the value rounded to 4 decimals
     */
    static double availability(float stored) {
        return Math.round(stored * 10_000d) / 10_000d;
    }

    private static PermanentToolException notFound(ToolCall call, String email) {
        return new PermanentToolException(call.toolName() + ": no user profile has the e-mail '" + email
                + "'; create it with create_user_profile first", null);
    }
}
