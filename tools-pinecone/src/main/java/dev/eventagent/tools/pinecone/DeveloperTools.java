package dev.eventagent.tools.pinecone;

import static java.util.Objects.requireNonNull;

import dev.eventagent.api.EffectKind;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import io.pinecone.unsigned_indices_model.ScoredVectorWithUnsignedIndices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The developer-profile tools over the namespace {@code namespaces.developers}:
 * upsert_developer_embedding, search_similar_developers_vector, delete_developer_embedding.
 * One vector per developer, id = the lower-cased e-mail, metadata {@code email},
 * {@code profile_text} (cut to fit 40 KB) and {@code source_event}.
 */
final class DeveloperTools {

    static final String EMAIL_PROPERTY = """
            "developer_email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 254,
              "description": "The developer's e-mail address; matched case-insensitively."}""";
    static final String FILTER_PROPERTY = """
            "filter": {"type": "object", "maxProperties": %d,
              "description": "Only match vectors whose metadata satisfies this, e.g. {\\"team\\": \\"payments\\"} or {\\"team\\": [\\"web\\", \\"api\\"]} or {\\"years\\": {\\"$gte\\": 3}}. Keys are metadata field names; a value is an exact match, a list means one of, an object holds operators ($eq $ne $gt $gte $lt $lte $in $nin $exists).",
              "propertyNames": {"pattern": "%s"},
              "additionalProperties": {"anyOf": [
                {"type": ["string", "number", "boolean"]},
                {"type": "array", "minItems": 1, "maxItems": %d, "items": {"type": ["string", "number", "boolean"]}},
                {"type": "object", "minProperties": 1,
                 "propertyNames": {"enum": ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists"]}}
              ]}}""".formatted(SearchFilter.MAX_FIELDS, ToolArguments.FIELD_PATTERN.replace("\\", "\\\\"),
            SearchFilter.MAX_VALUES);

    private static final List<String> SHOWN_ELSEWHERE = List.of("email", "profile_text", "source_event");

    private final VectorStore store;
    private final PineconeSettings settings;

    DeveloperTools(VectorStore store, PineconeSettings settings) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    List<Tool> tools() {
        return List.of(
                new PineconeTool(ToolDescriptor.builder("upsert_developer_embedding")
                        .description("Embeds a text describing a developer's skills and work and stores the vector in"
                                + " Pinecone, so that search_similar_developers_vector can find them. Use this when a"
                                + " developer's profile text is written or changes, or after work that shows their"
                                + " skills. One vector per e-mail: a new text replaces the old. Returns {\"email\","
                                + " \"namespace\", \"embedder\", \"dimension\", \"stored_text_chars\", \"text_truncated\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s,
                                  "profile_text": {"type": "string", "minLength": 1, "maxLength": %d,
                                    "description": "What the developer knows and has worked on, in plain words."}
                                 },
                                 "required": ["developer_email", "profile_text"],
                                 "additionalProperties": false}
                                """.formatted(EMAIL_PROPERTY, ToolArguments.MAX_TEXT))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        this::upsert),
                new PineconeTool(ToolDescriptor.builder("search_similar_developers_vector")
                        .description("Finds the developers whose profile is closest in meaning to a description of"
                                + " the work or skills needed (vector similarity in Pinecone). Use this when you must"
                                + " find who could take an issue or knows a technology. Returns {\"matches\":"
                                + " [{\"email\", \"score\", \"profile_excerpt\", ...metadata}]}, best first; score is"
                                + " the cosine similarity, higher is closer.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  "query": {"type": "string", "minLength": 1, "maxLength": %d,
                                    "description": "The work or skills to match, e.g. \\"React and Node.js frontend expert\\"."},
                                  "top_k": {"type": "integer", "minimum": 1, "maximum": %d, "default": 5,
                                    "description": "How many developers to return, best first (default 5)."},
                                  %s
                                 },
                                 "required": ["query"],
                                 "additionalProperties": false}
                                """.formatted(ToolArguments.MAX_QUERY, settings.maxTopK(), FILTER_PROPERTY))
                        .effect(EffectKind.READ).idempotent(true).risk(Risk.LOW).build(),
                        this::search),
                new PineconeTool(ToolDescriptor.builder("delete_developer_embedding")
                        .description("Deletes a developer's profile vector from Pinecone, so that searches no longer"
                                + " find them. Use this when a developer leaves or asks to be removed. Deleting a"
                                + " vector that does not exist is not an error. Returns {\"email\", \"namespace\","
                                + " \"deleted\"}; deleted says whether a vector existed.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  %s
                                 },
                                 "required": ["developer_email"],
                                 "additionalProperties": false}
                                """.formatted(EMAIL_PROPERTY))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.MEDIUM).build(),
                        this::delete));
    }

    private Map<String, Object> upsert(ToolCall call) {
        String email = ToolArguments.email(call, "developer_email");
        String text = ToolArguments.text(call, "profile_text", ToolArguments.MAX_TEXT);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("email", email);
        base.put("source_event", Metadata.excerpt(call.eventId(), 200));
        StoredText stored = StoredText.of(base, "profile_text", text, settings.metadataMaxBytes(), call.toolName());
        int dimension = store.upsert(call, settings.developersNamespace(), email, text, stored.metadata());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("email", email);
        result.put("namespace", settings.developersNamespace());
        result.put("embedder", store.embedderName());
        result.put("dimension", dimension);
        result.put("stored_text_chars", stored.storedChars());
        result.put("text_truncated", stored.truncated());
        return result;
    }

    private Map<String, Object> search(ToolCall call) {
        String query = ToolArguments.text(call, "query", ToolArguments.MAX_QUERY);
        int topK = ToolArguments.integer(call, "top_k", 5, 1, settings.maxTopK());
        var filter = SearchFilter.of(call, "filter");
        List<Map<String, Object>> matches = new ArrayList<>();
        for (ScoredVectorWithUnsignedIndices match : store.search(call, settings.developersNamespace(), query, topK,
                filter)) {
            Map<String, Object> item = new LinkedHashMap<>();
            String email = Metadata.string(match.getMetadata(), "email");
            item.put("email", email == null ? match.getId() : email);
            item.put("score", VectorStore.score(match.getScore()));
            String profile = Metadata.string(match.getMetadata(), "profile_text");
            if (profile != null) {
                item.put("profile_excerpt", Metadata.excerpt(profile, Metadata.MAX_RESULT_STRING));
            }
            Metadata.forResult(match.getMetadata(), SHOWN_ELSEWHERE).forEach(item::putIfAbsent);
            matches.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("matches", matches);
        result.put("namespace", settings.developersNamespace());
        result.put("embedder", store.embedderName());
        return result;
    }

    private Map<String, Object> delete(ToolCall call) {
        String email = ToolArguments.email(call, "developer_email");
        boolean existed = store.delete(call, settings.developersNamespace(), email);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("email", email);
        result.put("namespace", settings.developersNamespace());
        result.put("deleted", existed);
        return result;
    }
}
