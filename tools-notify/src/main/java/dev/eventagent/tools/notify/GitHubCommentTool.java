package dev.eventagent.tools.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.api.EffectKind;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.api.Risk;
import dev.eventagent.api.Tool;
import dev.eventagent.api.ToolCall;
import dev.eventagent.api.ToolDescriptor;
import dev.eventagent.api.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code create_github_comment}: a Markdown comment on a pull request (or issue) of an allowed
 * repository. The comment carries a hidden marker naming the effect; before posting, the
 * comments of the last {@code dedupe-lookback} are searched for it, so a repeated call with the
 * same idempotency key, even after a crash between the post and the engine's ledger, posts once.
 */
final class GitHubCommentTool implements Tool {

    static final String NAME = "create_github_comment";

    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    private static final Pattern FOREIGN_MARKER = Pattern.compile("<!--\\s*event-agent:", Pattern.CASE_INSENSITIVE);
    private static final String MARKER_PREFIX = "<!-- event-agent:effect=";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "repo": {
                  "type": "string",
                  "description": "The repository as owner/name, e.g. acme/payments-api.",
                  "minLength": 3,
                  "maxLength": 140,
                  "pattern": "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$"
                },
                "pr_number": {
                  "type": "integer",
                  "description": "The pull request (or issue) number in that repository.",
                  "minimum": 1,
                  "maximum": 2147483647
                },
                "comment": {
                  "type": "string",
                  "description": "The comment in GitHub Markdown: what was found and what the author should do.",
                  "minLength": 1,
                  "maxLength": 65000
                }
              },
              "required": ["repo", "pr_number", "comment"],
              "additionalProperties": false
            }
            """;

    private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder(NAME)
            .description("Posts a comment on a GitHub pull request (or issue). Use this when the authors and "
                    + "reviewers of a pull request should see a finding right on it, e.g. a suggested reviewer, a "
                    + "risky change, or a failed check's cause. Returns the comment id and its URL.")
            .argumentsSchema(SCHEMA)
            .effect(EffectKind.EXTERNAL)
            .idempotent(false)
            .risk(Risk.MEDIUM)
            .build();

    private final GitHubSettings settings;
    private final GitHubRestClient github;
    private final RecentEffects recentEffects;

    GitHubCommentTool(GitHubSettings settings, GitHubRestClient github, int rememberedEffects, Metrics metrics) {
        this.settings = settings;
        this.github = github;
        this.recentEffects = new RecentEffects(rememberedEffects, metrics, "github");
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        if (!settings.enabled()) {
            throw new PermanentToolException("GitHub is disabled (agent.plugins.notify.github.enabled = false)", null);
        }
        if (settings.token() == null) {
            throw new PermanentToolException("no GitHub token: set GITHUB_TOKEN (agent.plugins.notify.github.token)",
                    null);
        }
        String repo = repo(call.requireString("repo").strip());
        long number = number(call);
        String comment = call.requireString("comment");
        if (comment.length() > settings.maxCommentChars()) {
            throw new InvalidArgumentsException("argument 'comment' of " + NAME + " has " + comment.length()
                    + " characters; the limit is " + settings.maxCommentChars()
                    + " (agent.plugins.notify.github.max-comment-chars): shorten it");
        }
        String tag = EffectTag.of(call.idempotencyKey());
        Optional<ToolResult> earlier = recentEffects.replay(tag);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String marker = MARKER_PREFIX + tag + " -->";
        if (!settings.dedupeLookback().isZero()) {
            Optional<JsonNode> existing = github.findComment(repo, number, marker, call.deadline());
            if (existing.isPresent()) {
                return recentEffects.found(tag, result(existing.get()));
            }
        }
        // Text that looks like our marker (copied from an event) must not match another effect.
        String body = FOREIGN_MARKER.matcher(comment).replaceAll("<!-- quoted:") + "\n\n" + marker;
        Map<String, Object> result = result(github.postComment(repo, number, body, call.deadline()));
        recentEffects.sent(tag, result);
        return ToolResult.of(result);
    }

    private String repo(String repo) {
        if (!REPO.matcher(repo).matches() || repo.endsWith("/.") || repo.endsWith("/..")) {
            throw new InvalidArgumentsException("argument 'repo' of " + NAME + " must be owner/name, e.g. "
                    + "acme/payments-api; got '" + SlackNotificationTool.shorten(repo) + "'");
        }
        if (!settings.allowedRepos().allows(repo)) {
            throw new PolicyDeniedException("GitHub repository '" + repo + "' is not allowed by "
                    + settings.allowedRepos().describe());
        }
        return repo;
    }

    private static long number(ToolCall call) {
        Number number = call.number("pr_number").orElseThrow(() -> new InvalidArgumentsException(
                "argument 'pr_number' of " + NAME + " is required"));
        double value = number.doubleValue();
        if (value != Math.rint(value) || value < 1 || value > Integer.MAX_VALUE) {
            throw new InvalidArgumentsException("argument 'pr_number' of " + NAME
                    + " must be a whole number from 1; got " + number);
        }
        return (long) value;
    }

    private static Map<String, Object> result(JsonNode comment) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("comment_id", comment.path("id").asLong());
        result.put("url", comment.path("html_url").asText());
        return result;
    }
}
