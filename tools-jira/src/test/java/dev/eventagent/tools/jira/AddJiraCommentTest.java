package dev.eventagent.tools.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PolicyDeniedException;
import dev.eventagent.testing.jira.TestingJiraComment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** add_jira_comment through the real client against the testing Jira server. */
class AddJiraCommentTest extends JiraPluginFixture {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String POST_COMMENT = "/rest/api/3/issue/[^/]+/comment";

    @Test
    void sendsParagraphsAndLineBreaksAsAdf() throws Exception {
        String key = newIssue("ADF");
        String text = "Assigned to Alice.\nShe knows the gateway.\n\nSee INC-42 for the outage.";

        Map<String, Object> result = call("add_jira_comment", Map.of("issue_key", key, "comment", text));

        TestingJiraComment comment = onlyComment(key);
        assertThat(result).containsEntry("changed", true).containsEntry("comment_id", comment.id())
                .containsEntry("characters", text.length());
        assertThat(comment.text()).isEqualTo(text);
        assertThat(MAPPER.readTree(comment.bodyJson())).isEqualTo(MAPPER.readTree("""
                {"type":"doc","version":1,"content":[
                  {"type":"paragraph","content":[{"type":"text","text":"Assigned to Alice."},{"type":"hardBreak"},
                    {"type":"text","text":"She knows the gateway."}]},
                  {"type":"paragraph","content":[{"type":"text","text":"See INC-42 for the outage."}]}]}
                """));
        assertThat(comment.properties()).containsKey(AddJiraComment.MARK_PROPERTY);
    }

    @Test
    void aRepeatedCallFindsItsMarkAndPostsOnce() {
        String key = newIssue("Redelivery");
        Map<String, Object> arguments = Map.of("issue_key", key, "comment", "Deployed in release 1.4.2.");
        call("add_jira_comment", Map.of("issue_key", key, "comment", "An earlier, unrelated comment."));
        jira.clearRequests();

        Map<String, Object> first = call(plugin, "add_jira_comment", arguments, "event-7:comment");
        // The engine restarted after Jira answered but before its ledger recorded the effect.
        Map<String, Object> afterCrash = call(createPlugin(Map.of()), "add_jira_comment", arguments,
                "event-7:comment");

        assertThat(first).containsEntry("changed", true);
        assertThat(afterCrash).containsEntry("changed", false).containsEntry("comment_id", first.get("comment_id"));
        assertThat(jira.issue(key).orElseThrow().comments()).hasSize(2);
        assertThat(jira.requests("POST", POST_COMMENT)).hasSize(1);
        assertThat(jira.requests("POST", "/rest/api/3/comment/list").get(0).parameter("expand"))
                .hasValue("properties");
    }

    @Test
    void differentCallsPostDifferentComments() {
        String key = newIssue("Two calls");
        Map<String, Object> arguments = Map.of("issue_key", key, "comment", "Same words.");

        call(plugin, "add_jira_comment", arguments, "event-8:comment");
        call(plugin, "add_jira_comment", arguments, "event-9:comment");

        assertThat(jira.issue(key).orElseThrow().comments()).hasSize(2);
    }

    @Test
    void withTheCheckOffARepeatPostsAgain() {
        String key = newIssue("No check");
        Map<String, Object> arguments = Map.of("issue_key", key, "comment", "Unchecked.");
        var unchecked = createPlugin(Map.of("comment-duplicate-scan", 0));

        call(unchecked, "add_jira_comment", arguments, "event-10:comment");
        call(unchecked, "add_jira_comment", arguments, "event-10:comment");

        assertThat(jira.issue(key).orElseThrow().comments()).hasSize(2);
        assertThat(jira.requests("GET", POST_COMMENT)).isEmpty();
    }

    @Test
    void hostileTextRoundTripsAsPlainText() throws Exception {
        List<String> hostile = new ArrayList<>(List.of(
                "quotes ' \" ` and backslashes \\ \\\\ \\u0000",
                "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"mention\",\"attrs\":{\"id\":\"all\"}}]}",
                "h1. Title *bold* _italic_ {code}rm -rf /{code} [~accountid:5b10a] [link|http://evil.example]",
                "@channel @here <!channel> [~admin] please approve",
                "<script>alert('x')</script><img src=x onerror=alert(1)>",
                "'; DROP TABLE issues; -- MATCH (n) DETACH DELETE n",
                "project = \"X\" OR 1=1 ORDER BY created",
                "emoji 🚀👩‍💻🇪🇺 and RTL \u202Eevil\u202C text, CJK 漢字",
                "x".repeat(10_000)));
        for (String text : hostile) {
            String key = newIssue("Hostile");

            call("add_jira_comment", Map.of("issue_key", key, "comment", text));

            TestingJiraComment comment = onlyComment(key);
            assertThat(comment.text()).as(text.length() > 60 ? text.substring(0, 60) : text).isEqualTo(text);
            assertOnlyPlainNodes(MAPPER.readTree(comment.bodyJson()));
        }
    }

    @Test
    void dropsControlCharactersAndNormalisesLineEndings() {
        String key = newIssue("Controls");

        Map<String, Object> result = call("add_jira_comment", Map.of("issue_key", key,
                "comment", "a\u0000b\u0007c\r\nnext line\r\n\r\nnext paragraph\ttabbed"));

        assertThat(onlyComment(key).text()).isEqualTo("abc\nnext line\n\nnext paragraph\ttabbed");
        assertThat(result).containsEntry("characters", "abc\nnext line\n\nnext paragraph\ttabbed".length());
    }

    @Test
    void refusesTooLongOrBlankCommentsBeforeSending() {
        String key = newIssue("Limits");

        assertThatThrownBy(() -> call("add_jira_comment", Map.of("issue_key", key, "comment", "y".repeat(32_768))))
                .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("32767");
        assertThatThrownBy(() -> call("add_jira_comment", Map.of("issue_key", key, "comment", " \n\u0000 ")))
                .isInstanceOf(InvalidArgumentsException.class);
        assertThat(jira.requests()).isEmpty();

        call("add_jira_comment", Map.of("issue_key", key, "comment", "z".repeat(32_767)));
        assertThat(onlyComment(key).text()).hasSize(32_767);
    }

    @Test
    void honoursASmallerConfiguredLimit() {
        String key = newIssue("Configured limit");
        var strict = createPlugin(Map.of("max-comment-chars", 100));

        assertThatThrownBy(() -> call(strict, "add_jira_comment", Map.of("issue_key", key, "comment",
                "w".repeat(101)), "event-11:comment")).isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("at most 100");
    }

    @Test
    void deniesAProjectOutsideTheAllowlist() {
        String key = newIssue("SECRET", "Not ours", "To Do");

        assertThatThrownBy(() -> call("add_jira_comment", Map.of("issue_key", key, "comment", "hello")))
                .isInstanceOf(PolicyDeniedException.class);
        assertThat(jira.requests()).isEmpty();
        assertThat(jira.issue(key).orElseThrow().comments()).isEmpty();
    }

    private TestingJiraComment onlyComment(String key) {
        List<TestingJiraComment> comments = jira.issue(key).orElseThrow().comments();
        assertThat(comments).hasSize(1);
        return comments.get(0);
    }

    private static void assertOnlyPlainNodes(JsonNode node) {
        if (node.has("type")) {
            assertThat(node.path("type").asText()).isIn("doc", "paragraph", "text", "hardBreak");
            assertThat(node.has("marks")).isFalse();
        }
        node.path("content").forEach(AddJiraCommentTest::assertOnlyPlainNodes);
    }
}
