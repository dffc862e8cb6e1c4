package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.embedder.minilm.MiniLmPlugin;
import dev.eventagent.testing.postgres.TestingPostgresServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance line of the similarity search with the real default embedder: the fifty seeded
 * profiles embedded by all-MiniLM-L6-v2 (the local-minilm plugin, in-process) into the embedded
 * PostgreSQL, then {@code find_similar_developers("Kubernetes operator in Go")}. Unlike the
 * bag-of-words testing embedder, the model knows meaning, so this checks ranks a real deployment
 * would see. Ranks are asserted, never scores.
 */
class MiniLmSimilarityTest {

    private static final String QUERY = "Kubernetes operator in Go";

    private static PluginInstance minilm;
    private static Embedder embedder;
    private static PostgresPluginFixture postgres;

    @BeforeAll
    static void seed() {
        MiniLmPlugin plugin = new MiniLmPlugin();
        minilm = plugin.create(TestingPluginContext.of(plugin, Map.of()));
        embedder = minilm.embedders().get(0);
        TestingPostgresServer server = TestingPostgresServer.shared();
        postgres = PostgresPluginFixture.on(server, server.createDatabase("minilm"), Map.of(), embedder);
        for (SeededProfiles.Profile profile : SeededProfiles.all()) {
            postgres.call("create_user_profile", Map.of("email", profile.email(), "name", profile.name(),
                    "team_id", profile.kubernetesGo() ? "platform" : "elsewhere", "skills", List.of()));
            postgres.call("upsert_profile_embedding", Map.of("email", profile.email(),
                    "profile_text", profile.text()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (minilm != null) {
            minilm.close();
        }
    }

    @Test
    void ranksEveryKubernetesGoProfileAboveEveryUnrelatedOne() {
        List<String> ranked = emails(postgres.call("find_similar_developers",
                Map.of("skill_description", QUERY, "top_k", 50)));
        List<String> kubernetesGo = SeededProfiles.all().stream().filter(SeededProfiles.Profile::kubernetesGo)
                .map(SeededProfiles.Profile::email).toList();

        assertThat(ranked).hasSize(50).doesNotHaveDuplicates();
        assertThat(ranked.subList(0, kubernetesGo.size())).as("the first %d of %s", kubernetesGo.size(), ranked)
                .containsExactlyInAnyOrderElementsOf(kubernetesGo);
    }

    @Test
    void theDefaultTopFiveAreAllKubernetesGoProfiles() {
        List<String> top = emails(postgres.call("find_similar_developers", Map.of("skill_description", QUERY)));
        assertThat(top).hasSize(5).allMatch(email -> email.startsWith("k8s"), "a Kubernetes/Go profile");
    }

    @Test
    void aQueryInOtherWordsStillFindsThemBecauseTheModelKnowsMeaning() {
        // shares no word with "Kubernetes" or "operator": a bag of words would not find them
        List<String> top = emails(postgres.call("find_similar_developers",
                Map.of("skill_description", "someone who writes controllers for container orchestration in Golang",
                        "top_k", 8)));
        assertThat(top.subList(0, 3)).allMatch(email -> email.startsWith("k8s"), "a Kubernetes/Go profile");
    }

    @Test
    void storesLocalMiniLmVectorsOf384DimensionsAndRefusesToMixAnotherEmbedder() {
        assertThat(postgres.query("SELECT embedder, dimension FROM embedding_space"))
                .containsExactly(Map.of("embedder", "local-minilm", "dimension", 384));
        try (PostgresPluginFixture bagOfWords = PostgresPluginFixture.on(postgres.server(), postgres.database(),
                Map.of(), null)) {
            assertThatThrownBy(() -> bagOfWords.call("find_similar_developers", Map.of("skill_description", QUERY)))
                    .isInstanceOf(PermanentToolException.class)
                    .hasMessageContaining("'local-minilm' (384 dimensions)")
                    .hasMessageContaining("'testing-bag-of-words' (64 dimensions)");
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
