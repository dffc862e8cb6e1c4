package dev.eventagent.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which keys count as secrets by their name. */
class SecretMaskerTest {

    private final SecretMasker masker = SecretMasker.of(ConfigFactory.empty(), Set.of());

    @Test
    void keysNamedLikeSecretsAreSecret() {
        assertThat(masker.isSecretKey("agent.plugins.notify.slack.token")).isTrue();
        assertThat(masker.isSecretKey("agent.plugins.jira.api-token")).isTrue();
        assertThat(masker.isSecretKey("agent.llm.api-key")).isTrue();
        assertThat(masker.isSecretKey("agent.ledger.password")).isTrue();
        assertThat(masker.isSecretKey("agent.plugins.x.bot_token")).isTrue();
    }

    @Test
    void countsOfTokensAreNotSecrets() {
        assertThat(masker.isSecretKey("agent.llm.budget.tokens-per-event")).isFalse();
        assertThat(masker.isSecretKey("agent.llm.budget.tokens-per-hour")).isFalse();
        assertThat(masker.isSecretKey("agent.llm.max-output-tokens")).isFalse();
        assertThat(masker.isSecretKey("agent.plugins.x.tokenizer")).isFalse();
    }
}
