package dev.eventagent.tools.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code send_slack_notification}: posts a message to a channel (by name or id) or, given a
 * member's e-mail, to a direct message with them. Checks the channel allowlist, the size limit,
 * strips broadcast mentions, paces posts per channel, and answers a repeated idempotency key with
 * the first result.
 */
final class SlackNotificationTool implements Tool {

    static final String NAME = "send_slack_notification";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANNEL_NAME = Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{8,20}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@,;<>\"'()\\[\\]\\\\]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final int MAX_BLOCKS = 50;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "channel": {
                  "type": "string",
                  "description": "Where to post: a channel name with its '#' (\\"#eng-alerts\\"), a channel id (\\"C0123ABCD\\"), or a workspace member's e-mail (\\"dana@company.com\\") for a direct message to them.",
                  "minLength": 2,
                  "maxLength": 254,
                  "pattern": "^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,20}|[^\\\\s@,;<>\\"'()\\\\[\\\\]\\\\\\\\]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,})$"
                },
                "message": {
                  "type": "string",
                  "description": "The message text in Slack mrkdwn; also the notification and fallback text when blocks are given. Broadcast mentions such as @channel or @here are removed.",
                  "minLength": 1,
                  "maxLength": 40000
                },
                "blocks": {
                  "type": "array",
                  "description": "Optional Block Kit blocks for a richer layout (section, header, divider, context…); leave out for a plain message.",
                  "maxItems": 50,
                  "items": {
                    "type": "object",
                    "properties": {
                      "type": {"type": "string", "description": "The block type, e.g. section.", "minLength": 1}
                    },
                    "required": ["type"]
                  }
                }
              },
              "required": ["channel", "message"],
              "additionalProperties": false
            }
            """;

    private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder(NAME)
            .description("Sends a Slack message to a channel, or as a direct message to a person given their e-mail. "
                    + "Use this when people must learn about an event now: a failed deployment, a firing alert, an "
                    + "issue assigned to them. Returns the channel id and the message timestamp (ts).")
            .argumentsSchema(SCHEMA)
            .effect(EffectKind.EXTERNAL)
            .idempotent(false)
            .risk(Risk.MEDIUM)
            .build();

    private final SlackSettings settings;
    private final SlackWebApi slack;
    private final ChannelPacer pacer;
    private final RecentEffects recentEffects;

    SlackNotificationTool(SlackSettings settings, SlackWebApi slack, Clock clock, int rememberedEffects,
            Metrics metrics) {
        this.settings = settings;
        this.slack = slack;
        this.pacer = new ChannelPacer(settings.channelMinInterval(), clock);
        this.recentEffects = new RecentEffects(rememberedEffects, metrics, "slack");
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        if (!settings.enabled()) {
            throw new PermanentToolException("Slack is disabled (agent.plugins.notify.slack.enabled = false)", null);
        }
        if (settings.token() == null) {
            throw new PermanentToolException("no Slack bot token: set SLACK_BOT_TOKEN "
                    + "(agent.plugins.notify.slack.token)", null);
        }
        String channel = call.requireString("channel").strip();
        boolean directMessage = checkChannel(channel);
        String message = call.requireString("message");
        if (message.length() > settings.maxMessageChars()) {
            throw new InvalidArgumentsException("argument 'message' of " + NAME + " has " + message.length()
                    + " characters; the limit is " + settings.maxMessageChars()
                    + " (agent.plugins.notify.slack.max-message-chars): shorten it");
        }
        int[] mentions = new int[1];
        if (!settings.allowBroadcastMentions()) {
            message = (String) BroadcastMentions.stripAll(message, mentions);
        }
        String blocks = blocks(call, mentions);

        String tag = EffectTag.of(call.idempotencyKey());
        Optional<ToolResult> earlier = recentEffects.replay(tag);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        pacer.awaitTurn(channel, call.deadline());
        String target = directMessage ? slack.directMessageChannel(channel) : channel;
        ChatPostMessageResponse posted = slack.post(target, message, blocks, metadata(tag));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("channel", posted.getChannel());
        result.put("ts", posted.getTs());
        recentEffects.sent(tag, Map.copyOf(result));
        if (mentions[0] > 0) {
            result.put("mentions_removed", mentions[0]);
        }
        return ToolResult.of(result);
    }

    private boolean checkChannel(String channel) {
        boolean directMessage = EMAIL.matcher(channel).matches();
        if (!directMessage && !CHANNEL_NAME.matcher(channel).matches() && !CHANNEL_ID.matcher(channel).matches()) {
            throw new InvalidArgumentsException("argument 'channel' of " + NAME + " must be a channel name like "
                    + "#eng-alerts, a channel id like C0123ABCD, or a member's e-mail; got '" + shorten(channel) + "'");
        }
        if (!settings.allowedChannels().allows(channel)) {
            throw new PolicyDeniedException("Slack channel '" + channel + "' is not allowed by "
                    + settings.allowedChannels().describe());
        }
        return directMessage;
    }

    private String blocks(ToolCall call, int[] mentions) {
        Object blocks = call.arguments().get("blocks");
        if (blocks == null) {
            return null;
        }
        if (!(blocks instanceof List<?> list) || list.size() > MAX_BLOCKS
                || !list.stream().allMatch(b -> b instanceof Map<?, ?> m && m.get("type") instanceof String)) {
            throw new InvalidArgumentsException("argument 'blocks' of " + NAME + " must be an array of at most "
                    + MAX_BLOCKS + " Block Kit objects, each with a 'type'");
        }
        Object stripped = settings.allowBroadcastMentions() ? list : BroadcastMentions.stripAll(list, mentions);
        try {
            return JSON.writeValueAsString(stripped);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentsException("argument 'blocks' of " + NAME + " cannot be written as JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String metadata(String tag) {
        return "{\"event_type\":\"event_agent_notification\",\"event_payload\":{\"effect\":\"" + tag + "\"}}";
    }

    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
