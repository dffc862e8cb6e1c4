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
import java.util.Set;

/**
 * The issue tools over the namespace {@code namespaces.issues}: upsert_issue_embedding and
 * search_similar_issues. One vector per issue, id = the upper-cased key, metadata
 * {@code issue_key}, the caller's metadata (e.g. {@code assignee}, {@code resolver},
 * {@code status}), {@code text} (cut to fit 40 KB) and {@code source_event}.
 */
final class IssueTools {

    /** Metadata keys the tool sets itself. */
    static final Set<String> RESERVED = Set.of("issue_key", "text", "source_event");

    private static final List<String> SHOWN_ELSEWHERE = List.of("issue_key", "text", "source_event");

    private final VectorStore store;
    private final PineconeSettings settings;

    IssueTools(VectorStore store, PineconeSettings settings) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    List<Tool> tools() {
        return List.of(
                new PineconeTool(ToolDescriptor.builder("upsert_issue_embedding")
                        .description("Embeds an issue's text (summary and description) and stores the vector in"
                                + " Pinecone with its metadata, so that search_similar_issues can find it later. Use"
                                + " this when an issue is created, changes, or is resolved; put who solved it in"
                                + " metadata (e.g. {\"resolver\": \"ana@example.com\", \"status\": \"Done\"}). One"
                                + " vector per issue key: a new call replaces the old. Returns {\"issue_key\","
                                + " \"namespace\", \"embedder\", \"dimension\", \"stored_text_chars\","
                                + " \"text_truncated\", \"metadata_keys\"}.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  "issue_key": {"type": "string", "minLength": 3, "maxLength": 61,
                                    "pattern": "^[A-Za-z][A-Za-z0-9_]{0,49}-[1-9][0-9]{0,9}$",
                                    "description": "The issue key, e.g. PAY-142."},
                                  "text": {"type": "string", "minLength": 1, "maxLength": %d,
                                    "description": "The issue's summary and description, in plain words."},
                                  "metadata": {"type": "object", "maxProperties": %d,
                                    "description": "Facts to keep with the issue and return from searches, e.g. assignee, resolver, status, project, labels. Values are strings, numbers, booleans or lists of strings.",
                                    "propertyNames": {"pattern": "%s", "not": {"enum": ["issue_key", "text", "source_event"]}},
                                    "additionalProperties": {"anyOf": [
                                      {"type": "string", "maxLength": %d},
                                      {"type": "number"},
                                      {"type": "boolean"},
                                      {"type": "array", "maxItems": %d, "items": {"type": "string", "maxLength": 200}}
                                    ]}}
                                 },
                                 "required": ["issue_key", "text"],
                                 "additionalProperties": false}
                                """.formatted(ToolArguments.MAX_TEXT, ToolArguments.MAX_METADATA_FIELDS,
                                ToolArguments.FIELD_PATTERN.replace("\\", "\\\\"), ToolArguments.MAX_METADATA_STRING,
                                ToolArguments.MAX_METADATA_LIST))
                        .effect(EffectKind.WRITE).idempotent(true).risk(Risk.LOW).build(),
                        this::upsert),
                new PineconeTool(ToolDescriptor.builder("search_similar_issues")
                        .description("Finds past issues closest in meaning to a text (vector similarity in Pinecone),"
                                + " with who worked on or solved them. Use this when a new issue arrives and you want"
                                + " earlier, similar issues: their resolvers are good candidates to assign, and their"
                                + " fixes may apply. Returns {\"matches\": [{\"issue_key\", \"score\","
                                + " \"text_excerpt\", ...metadata such as assignee and resolver}]}, best first.")
                        .argumentsSchema("""
                                {"type": "object",
                                 "properties": {
                                  "query": {"type": "string", "minLength": 1, "maxLength": %d,
                                    "description": "The new issue's summary and description, or any text to match."},
                                  "top_k": {"type": "integer", "minimum": 1, "maximum": %d, "default": 5,
                                    "description": "How many issues to return, best first (default 5)."}
                                 },
                                 "required": ["query"],
                                 "additionalProperties": false}
                                """.formatted(ToolArguments.MAX_QUERY, settings.maxTopK()))
                        .effect(EffectKind.READ).idempotent(true).risk(Risk.LOW).build(),
                        this::search));
    }

    private Map<String, Object> upsert(ToolCall call) {
        String key = ToolArguments.issueKey(call, "issue_key");
        String text = ToolArguments.text(call, "text", ToolArguments.MAX_TEXT);
        Map<String, Object> extra = ToolArguments.metadata(call, "metadata", RESERVED);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("issue_key", key);
        base.putAll(extra);
        base.put("source_event", Metadata.excerpt(call.eventId(), 200));
        StoredText stored = StoredText.of(base, "text", text, settings.metadataMaxBytes(), call.toolName());
        int dimension = store.upsert(call, settings.issuesNamespace(), key, text, stored.metadata());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("issue_key", key);
        result.put("namespace", settings.issuesNamespace());
        result.put("embedder", store.embedderName());
        result.put("dimension", dimension);
        result.put("stored_text_chars", stored.storedChars());
        result.put("text_truncated", stored.truncated());
        result.put("metadata_keys", List.copyOf(extra.keySet()));
        return result;
    }

    private Map<String, Object> search(ToolCall call) {
        String query = ToolArguments.text(call, "query", ToolArguments.MAX_QUERY);
        int topK = ToolArguments.integer(call, "top_k", 5, 1, settings.maxTopK());
        List<Map<String, Object>> matches = new ArrayList<>();
        for (ScoredVectorWithUnsignedIndices match : store.search(call, settings.issuesNamespace(), query, topK,
                null)) {
            Map<String, Object> item = new LinkedHashMap<>();
            String key = Metadata.string(match.getMetadata(), "issue_key");
            item.put("issue_key", key == null ? match.getId() : key);
            item.put("score", VectorStore.score(match.getScore()));
            String text = Metadata.string(match.getMetadata(), "text");
            if (text != null) {
                item.put("text_excerpt", Metadata.excerpt(text, Metadata.MAX_RESULT_STRING));
            }
            Metadata.forResult(match.getMetadata(), SHOWN_ELSEWHERE).forEach(item::putIfAbsent);
            matches.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("matches", matches);
        result.put("namespace", settings.issuesNamespace());
        result.put("embedder", store.embedderName());
        return result;
    }
}
