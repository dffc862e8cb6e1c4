package dev.eventagent.tools.notify;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.MethodsConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import dev.eventagent.api.Health;
import dev.eventagent.api.InvalidArgumentsException;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's one Slack Web API client ({@code slack-api-client} over OkHttp), long-lived and
 * closed with the plugin. Built with stats off, so the SDK never calls {@code auth.test} by itself;
 * {@link #health()} calls it explicitly. Nothing connects until the first call.
 */
final class SlackWebApi implements AutoCloseable {

    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");
    private static final Set<String> INVALID_ARGUMENT_ERRORS = Set.of("msg_too_long", "no_text", "invalid_blocks",
            "invalid_blocks_format", "too_many_attachments", "invalid_metadata_format", "invalid_metadata_schema",
            "metadata_too_large");
    private static final int DM_CACHE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(SlackWebApi.class);

    private final SlackSettings settings;
    private final Clock clock;
    private final Slack slack;
    private final MethodsClient methods;
    private final LruMap<String, String> directMessageChannels = new LruMap<>(DM_CACHE);

    SlackWebApi(SlackSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        SlackConfig config = new SlackConfig();
        config.setStatsEnabled(false);
        MethodsConfig methodsConfig = new MethodsConfig();
        methodsConfig.setStatsEnabled(false);
        config.setMethodsConfig(methodsConfig);
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        config.setHttpClientCallTimeoutMillis(timeoutMillis);
        config.setHttpClientReadTimeoutMillis(timeoutMillis);
        config.setHttpClientWriteTimeoutMillis(timeoutMillis);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(settings.token());
    }

    /**
     * The direct-message channel with a workspace member: {@code users.lookupByEmail}, then
     * {@code conversations.open}. Remembered per e-mail.
     *
     * @param email the member's e-mail
     * @return the DM channel id
     */
    String directMessageChannel(String email) {
        String key = email.toLowerCase(Locale.ROOT);
        String cached = directMessageChannels.get(key);
        if (cached != null) {
            return cached;
        }
        UsersLookupByEmailResponse user = call("users.lookupByEmail for " + email,
                () -> methods.usersLookupByEmail(r -> r.email(email)));
        String userId = user.getUser().getId();
        ConversationsOpenResponse open = call("conversations.open with " + email,
                () -> methods.conversationsOpen(r -> r.users(List.of(userId))));
        String channel = open.getChannel().getId();
        directMessageChannels.put(key, channel);
        return channel;
    }

    /**
     * Posts a message.
     *
     * @param channel a channel id or {@code #name}
     * @param text the text
     * @param blocks Block Kit JSON, or {@code null}
     * @param metadata message metadata JSON, or {@code null}
     * @return Slack's answer
     */
    ChatPostMessageResponse post(String channel, String text, String blocks, String metadata) {
        return call("chat.postMessage to " + channel, () -> methods.chatPostMessage(r -> {
            r.channel(channel).text(text);
            if (blocks != null) {
                r.blocksAsString(blocks);
            }
            if (metadata != null) {
                r.metadataAsString(metadata);
            }
            return r;
        }));
    }

    /**
     * Calls {@code auth.test}.
     *
     * @return up with the team and bot user, or down with the reason
     */
    Health health() {
        if (settings.token() == null) {
            return Health.down("slack " + settings.apiUrl() + ": no bot token (set SLACK_BOT_TOKEN)");
        }
        try {
            AuthTestResponse auth = call("auth.test", () -> methods.authTest(r -> r));
            return Health.up("slack " + settings.apiUrl() + ": team " + auth.getTeam() + " as " + auth.getUser());
        } catch (ToolException e) {
            return Health.down("slack " + settings.apiUrl() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            slack.close();
        } catch (Exception e) {
            LOG.warn("closing the Slack client failed", e);
        }
    }

    private interface SlackCall<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(String what, SlackCall<T> call) {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            throw httpFailure(what, e);
        } catch (IOException e) {
            throw new TransientToolException("Slack " + what + " at " + settings.apiUrl() + " failed: " + e, e);
        }
        if (!response.isOk()) {
            throw apiError(what, response.getError(), response.getNeeded());
        }
        return response;
    }

    private ToolException httpFailure(String what, SlackApiException e) {
        int status = e.getResponse().code();
        String message = "Slack " + what + " answered HTTP " + status;
        if (status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(e.getResponse().header("Retry-After"), clock).orElse(null);
            return new TransientToolException(message + (retryAfter == null ? "" : "; retry after " + retryAfter), e,
                    retryAfter);
        }
        return new PermanentToolException(message + ": " + e.getResponseBody(), e);
    }

    private ToolException apiError(String what, String error, String needed) {
        String message = "Slack " + what + " failed: " + error;
        if (TRANSIENT_ERRORS.contains(error)) {
            return new TransientToolException(message, null);
        }
        if (INVALID_ARGUMENT_ERRORS.contains(error)) {
            return new InvalidArgumentsException(message);
        }
        String advice = switch (error == null ? "" : error) {
            case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired" ->
                    "; check the bot token (SLACK_BOT_TOKEN, agent.plugins.notify.slack.token)";
            case "missing_scope" -> "; the bot token lacks the scope " + needed;
            case "channel_not_found", "not_in_channel", "is_archived" ->
                    "; check the channel exists and the bot has been invited to it";
            case "users_not_found", "user_not_found" -> "; no workspace member has that e-mail";
            default -> "";
        };
        return new PermanentToolException(message + advice, null);
    }
}
