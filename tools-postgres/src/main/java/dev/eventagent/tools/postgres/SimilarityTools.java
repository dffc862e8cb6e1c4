package dev.eventagent.tools.postgres;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolDescriptor;
import java.util.List;

/** The vector tools: upsert_profile_embedding, find_similar_developers. */
final class SimilarityTools {

    /** The longest profile text. */
    static final int MAX_PROFILE_TEXT = 20_000;
    /** The longest skill description to search with. */
    static final int MAX_DESCRIPTION = 4_000;
    /** The most matches find_similar_developers returns. */
    static final int MAX_TOP_K = 50;

    private final PostgresStartUp startUp;

    /**
     * The tools over the profile vectors that the plugin's start-up prepares.
     *
     * @param startUp the plugin's start-up, which chooses the vector search
     */
    SimilarityTools(PostgresStartUp startUp) {
        this.startUp = requireNonNull(startUp, "startUp is null");
    }

    List<Tool> tools() {
        return List.of(
                new PostgresTool(ToolDescriptor.builder("upsert_profile_embedding")
                        .description("Embeds a text describing a developer's experience and stores the vector, so"
                                + " that find_similar_developers can match them. Use this when a developer's profile"
                                + " text is written or changes (one vector per e-mail; a new text replaces the old)."
                                + " Returns {\"email\",\"embedder\",\"dimension\",\"replayed\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s,
                                  "profile_text": {"type": "string", "minLength": 1, "maxLength": %d,
                                    "description": "What the developer knows and has worked on, in plain words."}
                                 },
                                 "required": ["email", "profile_text"],
                                 "additionalProperties": false}
                                """.formatted(ProfileTools.EMAIL_PROPERTY, MAX_PROFILE_TEXT))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        call -> startUp.await(call).vectors().upsert(call)),
                new PostgresTool(ToolDescriptor.builder("find_similar_developers")
                        .description("Finds the developers whose profile text is closest in meaning to a description"
                                + " of the skills needed (vector similarity). Use this when you must find who could"
                                + " take a task or answer a question about a technology. Returns"
                                + " {\"matches\":[{\"email\",\"name\",\"score\"}]}, best first; score is the cosine"
                                + " similarity, higher is closer.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  "skill_description": {"type": "string", "minLength": 1, "maxLength": %d,
                                    "description": "The skills or work to match, e.g. \\"Kubernetes operator in Go\\"."},
                                  "top_k": {"type": "integer", "minimum": 1, "maximum": %d, "default": 5,
                                    "description": "How many developers to return, best first (default 5)."}
                                 },
                                 "required": ["skill_description"],
                                 "additionalProperties": false}
                                """.formatted(MAX_DESCRIPTION, MAX_TOP_K))
                        .effect(EffectKind.READ).idempotent(true).risk(Risk.LOW).build(),
                        call -> startUp.await(call).vectors().findSimilar(call)));
    }
}
