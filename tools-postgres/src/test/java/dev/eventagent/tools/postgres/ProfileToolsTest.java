package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** create_user_profile, update_user_skills, get_user_by_email, update_user_availability against PostgreSQL. */
class ProfileToolsTest {

    private static PostgresPluginFixture postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresPluginFixture.create("profiles");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void createsReadsAndUpdatesAProfile() {
        Map<String, Object> created = postgres.call("create_user_profile", Map.of("email", "Ada@Example.com",
                "name", "Ada Lovelace", "team_id", "platform", "skills", List.of("go", "Kubernetes", "GO")));
        assertThat(created).containsEntry("email", "ada@example.com").containsEntry("created", true)
                .containsEntry("replayed", false);

        Map<String, Object> user = postgres.call("get_user_by_email", Map.of("email", "ADA@example.com"));
        assertThat(user).containsEntry("found", true).containsEntry("email", "ada@example.com")
                .containsEntry("name", "Ada Lovelace").containsEntry("team_id", "platform")
                .containsEntry("skills", List.of("go", "Kubernetes")).containsEntry("availability", 1.0)
                .containsKey("updated_at");

        Map<String, Object> updated = postgres.call("create_user_profile", Map.of("email", "ada@example.com",
                "name", "Ada King", "team_id", "compilers", "skills", List.of()));
        assertThat(updated).containsEntry("created", false);
        assertThat(postgres.call("get_user_by_email", Map.of("email", "ada@example.com")))
                .containsEntry("name", "Ada King").containsEntry("team_id", "compilers")
                .containsEntry("skills", List.of());
    }

    @Test
    void reportsAnUnknownUserAsNotFound() {
        assertThat(postgres.call("get_user_by_email", Map.of("email", "nobody@example.com")))
                .isEqualTo(Map.of("found", false, "email", "nobody@example.com"));
    }

    @Test
    void replacesSkillsAndSetsAvailability() {
        postgres.call("create_user_profile", Map.of("email", "grace@example.com", "name", "Grace",
                "team_id", "navy", "skills", List.of("cobol")));
        assertThat(postgres.call("update_user_skills", Map.of("email", "grace@example.com",
                "skills", List.of("cobol", "compilers")))).containsEntry("skills", List.of("cobol", "compilers"));
        assertThat(postgres.call("update_user_availability", Map.of("email", "grace@example.com",
                "availability", 0.25))).containsEntry("availability", 0.25);
        assertThat(postgres.call("get_user_by_email", Map.of("email", "grace@example.com")))
                .containsEntry("skills", List.of("cobol", "compilers")).containsEntry("availability", 0.25);
    }

    @Test
    void aReplayedWriteLeavesTheDataAsOneCallWould() {
        postgres.call("create_user_profile", Map.of("email", "linus@example.com", "name", "Linus",
                "team_id", "kernel", "skills", List.of("c")));
        Map<String, Object> first = Map.of("email", "linus@example.com", "availability", 0.5);
        assertThat(postgres.call("update_user_availability", "event-1/step-0", first))
                .containsEntry("replayed", false);
        // a later event changes it again...
        postgres.call("update_user_availability", "event-2/step-0",
                Map.of("email", "linus@example.com", "availability", 0.8));
        // ...and then event 1 is redelivered: it must not put 0.5 back.
        assertThat(postgres.call("update_user_availability", "event-1/step-0", first))
                .containsEntry("replayed", true);
        assertThat(postgres.query("SELECT availability FROM user_profiles WHERE email = ?", "linus@example.com"))
                .extracting(row -> row.get("availability")).containsExactly(0.8f);

        Map<String, Object> skills = Map.of("email", "linus@example.com", "skills", List.of("c", "git"));
        postgres.call("update_user_skills", "event-3/step-0", skills);
        postgres.call("update_user_skills", "event-4/step-0",
                Map.of("email", "linus@example.com", "skills", List.of("rust")));
        assertThat(postgres.call("update_user_skills", "event-3/step-0", skills)).containsEntry("replayed", true);
        assertThat(postgres.call("get_user_by_email", Map.of("email", "linus@example.com")))
                .containsEntry("skills", List.of("rust"));

        Map<String, Object> profile = Map.of("email", "ken@example.com", "name", "Ken",
                "team_id", "unix", "skills", List.of("b"));
        postgres.call("create_user_profile", "event-5/step-0", profile);
        assertThat(postgres.call("create_user_profile", "event-5/step-0", profile))
                .containsEntry("replayed", true).containsEntry("created", false);
        assertThat(postgres.query("SELECT count(*) AS n FROM user_profiles WHERE email = ?", "ken@example.com"))
                .extracting(row -> row.get("n")).containsExactly(1L);
        assertThat(postgres.query("SELECT count(*) AS n FROM tool_call_receipts WHERE idempotency_key = ?",
                "event-5/step-0")).extracting(row -> row.get("n")).containsExactly(1L);
    }

    @Test
    void updatingAMissingUserFailsPermanentlyAndRecordsNothing() {
        assertThatThrownBy(() -> postgres.call("update_user_skills", "missing-1",
                Map.of("email", "ghost@example.com", "skills", List.of("x"))))
                .isInstanceOf(PermanentToolException.class)
                .hasMessageContaining("ghost@example.com").hasMessageContaining("create_user_profile");
        assertThatThrownBy(() -> postgres.call("update_user_availability", "missing-2",
                Map.of("email", "ghost@example.com", "availability", 1)))
                .isInstanceOf(PermanentToolException.class);
        assertThat(postgres.query("SELECT * FROM tool_call_receipts WHERE idempotency_key IN (?, ?)",
                "missing-1", "missing-2")).isEmpty();
    }

    @Test
    void rejectsArgumentsOutsideTheirBoundsBeforeTheDatabase() {
        assertThatThrownBy(() -> postgres.call("update_user_availability",
                Map.of("email", "grace@example.com", "availability", 1.5)))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("0.0 to 1.0");
        assertThatThrownBy(() -> postgres.call("get_user_by_email", Map.of("email", "not an address")))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("e-mail");
        assertThatThrownBy(() -> postgres.call("create_user_profile", Map.of("email", "a@b.c", "name", "A",
                "team_id", "t", "skills", List.of("ok", 3))))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("array of strings");
        assertThatThrownBy(() -> postgres.call("create_user_profile", Map.of("email", "a@b.c", "name", "A",
                "team_id", "x".repeat(201), "skills", List.of())))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("at most 200");
    }
}
