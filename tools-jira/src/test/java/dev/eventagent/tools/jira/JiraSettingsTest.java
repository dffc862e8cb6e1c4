package dev.eventagent.tools.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.testkit.TestingPluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings the user must fix fail create() naming the key; the token never shows. */
class JiraSettingsTest {

    private static JiraSettings settings(Map<String, ?> overrides) {
        TestingPluginContext context = TestingPluginContext.of(new JiraToolPlugin(), overrides);
        return JiraSettings.from(context.config(), context.secret("api-token").orElse(""));
    }

    @Test
    void theReferenceDefaultsAreValid() {
        JiraSettings defaults = settings(Map.of());

        assertThat(defaults.baseUrl().toString()).isEqualTo("http://localhost:8080");
        assertThat(defaults.authMode()).isEqualTo(JiraSettings.AuthMode.BASIC);
        assertThat(defaults.allowedProjects()).isEmpty();
        assertThat(defaults.allows("ANY")).isTrue();
        assertThat(defaults.maxCommentChars()).isEqualTo(32_767);
    }

    @Test
    void wrongValuesNameTheirKey() {
        assertThatThrownBy(() -> settings(Map.of("base-url", "ftp://jira.example")))
                .hasMessageContaining("agent.plugins.jira.base-url");
        assertThatThrownBy(() -> settings(Map.of("base-url", "https://user:pw@jira.example")))
                .hasMessageContaining("base-url");
        assertThatThrownBy(() -> settings(Map.of("auth-mode", "digest")))
                .hasMessageContaining("agent.plugins.jira.auth-mode").hasMessageContaining("basic or bearer");
        assertThatThrownBy(() -> settings(Map.of("allowed-projects", List.of("proj"))))
                .hasMessageContaining("allowed-projects");
        assertThatThrownBy(() -> settings(Map.of("max-comment-chars", 40_000)))
                .hasMessageContaining("max-comment-chars");
        assertThatThrownBy(() -> settings(Map.of("search-page-size", 0)))
                .hasMessageContaining("search-page-size");
        assertThatThrownBy(() -> new JiraToolPlugin().create(TestingPluginContext.of(new JiraToolPlugin(),
                Map.of("request-timeout", "1ms")))).hasMessageContaining("request-timeout");
    }

    @Test
    void aTrailingSlashIsIgnoredAndTheTokenIsHidden() {
        JiraSettings settings = settings(Map.of("base-url", "https://acme.atlassian.net/", "api-token", "s3cr3t",
                "allowed-projects", List.of("PROJ", "OPS")));

        assertThat(settings.baseUrl().toString()).isEqualTo("https://acme.atlassian.net");
        assertThat(settings.allows("PROJ")).isTrue();
        assertThat(settings.allows("SECRET")).isFalse();
        assertThat(settings.toString()).doesNotContain("s3cr3t").contains("[hidden]");
    }
}
