package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.PermanentToolException;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * upsert_profile_embedding and find_similar_developers against PostgreSQL (the exact cosine
 * fallback, as the testing server has no pgvector), with the testing context's embedder.
 */
class SimilarityToolsTest {

    private static PostgresPluginFixture postgres;

    @BeforeAll
    static void seed() {
        postgres = PostgresPluginFixture.create("similarity");
        for (SeededProfiles.Profile profile : SeededProfiles.all()) {
            postgres.call("create_user_profile", Map.of("email", profile.email(), "name", profile.name(),
                    "team_id", profile.kubernetesGo() ? "platform" : "elsewhere", "skills", List.of()));
            postgres.call("upsert_profile_embedding", Map.of("email", profile.email(),
                    "profile_text", profile.text()));
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void usesTheExactFallbackBecauseTheServerHasNoPgvector() {
        assertThat(postgres.vectorSearch()).isInstanceOf(ExactCosineSearch.class);
        assertThat(postgres.instance().health().detail()).contains("vector search exact-cosine");
    }

    @Test
    void ranksTheKubernetesGoProfilesAboveAllOthers() {
        List<String> ranked = emails(postgres.call("find_similar_developers",
                Map.of("skill_description", "Kubernetes operator in Go", "top_k", 50)));
        assertThat(ranked).hasSize(50).doesNotHaveDuplicates();
        List<String> kubernetesGo = SeededProfiles.all().stream().filter(SeededProfiles.Profile::kubernetesGo)
                .map(SeededProfiles.Profile::email).toList();
        assertThat(ranked.subList(0, kubernetesGo.size())).containsExactlyInAnyOrderElementsOf(kubernetesGo);
    }

    @Test
    void returnsTheTopFiveByDefaultWithNamesAndScores() {
        Map<String, Object> result = postgres.call("find_similar_developers",
                Map.of("skill_description", "Kubernetes operator in Go"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> matches = (List<Map<String, Object>>) result.get("matches");
        assertThat(matches).hasSize(5).allSatisfy(match -> {
            assertThat(match).containsOnlyKeys("email", "name", "score");
            assertThat((String) match.get("email")).startsWith("k8s");
            assertThat((String) match.get("name")).startsWith("Kube Gopher");
            assertThat((Double) match.get("score")).isBetween(0.0, 1.0);
        });
        List<Double> scores = matches.stream().map(match -> (Double) match.get("score")).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void storesTheEmbedderAndDimensionWithEachVectorAndRecordsTheSpace() {
        assertThat(postgres.query("SELECT DISTINCT embedder, dimension FROM profile_embeddings"))
                .containsExactly(Map.of("embedder", "testing-bag-of-words", "dimension", 64));
        assertThat(postgres.query("SELECT embedder, dimension FROM embedding_space"))
                .containsExactly(Map.of("embedder", "testing-bag-of-words", "dimension", 64));
    }

    @Test
    void bootstrapRecordsTheDimensionBeforeAnyVectorIsStored() {
        try (PostgresPluginFixture fresh = PostgresPluginFixture.create("space")) {
            assertThat(fresh.query("SELECT embedder, dimension FROM embedding_space"))
                    .containsExactly(Map.of("embedder", "testing-bag-of-words", "dimension", 64));
            assertThat(fresh.call("find_similar_developers", Map.of("skill_description", "anything")))
                    .isEqualTo(Map.of("matches", List.of()));
        }
    }

    @Test
    void refusesToMixVectorsOfAnotherDimensionOrEmbedder() {
        TestingPostgresServer server = TestingPostgresServer.shared();
        try (PostgresPluginFixture otherDimension = PostgresPluginFixture.on(server, postgres.database(),
                Map.of(), new CountingEmbedder(32))) {
            assertThatThrownBy(() -> otherDimension.call("find_similar_developers",
                    Map.of("skill_description", "Kubernetes operator in Go")))
                    .isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("embedder 'testing-bag-of-words' (64 dimensions)")
                    .hasMessageContaining("embedder 'testing-bag-of-words' (32 dimensions)");
            assertThatThrownBy(() -> otherDimension.call("upsert_profile_embedding",
                    Map.of("email", "k8s0@example.com", "profile_text", "Go and Kubernetes")))
                    .isInstanceOf(PermanentToolException.class).hasMessageContaining("32 dimensions");
        }
        try (PostgresPluginFixture otherModel = PostgresPluginFixture.on(server, postgres.database(),
                Map.of(), new CountingEmbedder("another-model", 64))) {
            assertThatThrownBy(() -> otherModel.call("find_similar_developers",
                    Map.of("skill_description", "Kubernetes operator in Go")))
                    .isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("'testing-bag-of-words'").hasMessageContaining("'another-model'");
        }
        assertThat(postgres.query("SELECT count(*) AS n FROM profile_embeddings WHERE dimension <> 64"))
                .extracting(row -> row.get("n")).containsExactly(0L);
    }

    @Test
    void aNewEmbedderTakesOverOnceTheOldVectorsAreDeleted() {
        TestingPostgresServer server = TestingPostgresServer.shared();
        String database = server.createDatabase("respace");
        try (PostgresPluginFixture old = PostgresPluginFixture.on(server, database, Map.of(), null)) {
            old.call("upsert_profile_embedding", Map.of("email", "a@example.com", "profile_text", "Go"));
            old.execute("DELETE FROM profile_embeddings");
        }
        try (PostgresPluginFixture renewed = PostgresPluginFixture.on(server, database, Map.of(),
                new CountingEmbedder(32))) {
            renewed.call("upsert_profile_embedding", Map.of("email", "a@example.com", "profile_text", "Go"));
            assertThat(renewed.query("SELECT dimension FROM embedding_space"))
                    .containsExactly(Map.of("dimension", 32));
            assertThat(emails(renewed.call("find_similar_developers", Map.of("skill_description", "Go"))))
                    .containsExactly("a@example.com");
        }
    }

    @Test
    void aReplayedUpsertNeitherEmbedsAgainNorOverwritesALaterText() {
        TestingPostgresServer server = TestingPostgresServer.shared();
        CountingEmbedder embedder = new CountingEmbedder(64);
        try (PostgresPluginFixture counted = PostgresPluginFixture.on(server, server.createDatabase("replay"),
                Map.of(), embedder)) {
            Map<String, Object> first = Map.of("email", "a@example.com", "profile_text", "Go and Kubernetes");
            assertThat(counted.call("upsert_profile_embedding", "evt-1/0", first)).containsEntry("replayed", false)
                    .containsEntry("embedder", "testing-bag-of-words").containsEntry("dimension", 64);
            counted.call("upsert_profile_embedding", "evt-2/0",
                    Map.of("email", "a@example.com", "profile_text", "Rust and WebAssembly"));
            int embedded = embedder.embeddedTexts();

            assertThat(counted.call("upsert_profile_embedding", "evt-1/0", first)).containsEntry("replayed", true);
            assertThat(embedder.embeddedTexts()).isEqualTo(embedded);
            assertThat(counted.query("SELECT profile_text FROM profile_embeddings"))
                    .containsExactly(Map.of("profile_text", "Rust and WebAssembly"));
        }
    }

    @Test
    void aVectorWithoutAProfileMatchesWithoutAName() {
        TestingPostgresServer server = TestingPostgresServer.shared();
        try (PostgresPluginFixture bare = PostgresPluginFixture.on(server, server.createDatabase("bare"),
                Map.of(), null)) {
            bare.call("upsert_profile_embedding", Map.of("email", "Solo@Example.com", "profile_text", "Go"));
            Map<String, Object> result = bare.call("find_similar_developers", Map.of("skill_description", "Go"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> matches = (List<Map<String, Object>>) result.get("matches");
            assertThat(matches).singleElement().satisfies(match -> assertThat(match)
                    .containsEntry("email", "solo@example.com").containsEntry("name", null)
                    .containsEntry("score", 1.0));
        }
    }

    private static List<String> emails(Map<String, Object> result) {
        List<String> emails = new ArrayList<>();
        for (Object match : (List<?>) result.get("matches")) {
            emails.add((String) ((Map<?, ?>) match).get("email"));
        }
        return emails;
    }
}
