package dev.eventagent.tools.notify;

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
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code send_email_notification}: one plain-text e-mail to one recipient whose domain is on the
 * allowlist. Its {@code Message-ID} derives from the call's idempotency key, and a repeated key
 * answers the first result without sending again.
 */
final class EmailNotificationTool implements Tool {

    static final String NAME = "send_email_notification";

    private static final Pattern PLAIN_ADDRESS =
            Pattern.compile("[^\\s@,;<>\"'()\\[\\]\\\\:]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t\\u0085\\u2028\\u2029]+");

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "to": {
                  "type": "string",
                  "description": "The one recipient's e-mail address, e.g. dana@company.com (no display name, no list). Only allowed domains are delivered.",
                  "format": "email",
                  "minLength": 6,
                  "maxLength": 254,
                  "pattern": "^[^\\\\s@,;<>\\"'()\\\\[\\\\]\\\\\\\\:]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,}$"
                },
                "subject": {
                  "type": "string",
                  "description": "The subject line, one line, short and specific, e.g. \\"Deployment of api to prod failed\\".",
                  "minLength": 1,
                  "maxLength": 998
                },
                "body": {
                  "type": "string",
                  "description": "The plain-text body: what happened, where, and what the recipient should do.",
                  "minLength": 1,
                  "maxLength": 1000000
                }
              },
              "required": ["to", "subject", "body"],
              "additionalProperties": false
            }
            """;

    private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder(NAME)
            .description("Sends a plain-text e-mail to one person. Use this when someone must be told by e-mail, "
                    + "e.g. a person outside Slack, or a summary that should stay in their inbox. Only recipients "
                    + "in allowed domains are mailed. Returns the message id.")
            .argumentsSchema(SCHEMA)
            .effect(EffectKind.EXTERNAL)
            .idempotent(false)
            .risk(Risk.MEDIUM)
            .build();

    private final MailSettings settings;
    private final SmtpMailer mailer;
    private final RecentEffects recentEffects;

    EmailNotificationTool(MailSettings settings, SmtpMailer mailer, int rememberedEffects, Metrics metrics) {
        this.settings = settings;
        this.mailer = mailer;
        this.recentEffects = new RecentEffects(rememberedEffects, metrics, "mail");
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        if (!settings.enabled()) {
            throw new PermanentToolException("e-mail is disabled (agent.plugins.notify.mail.enabled = false)", null);
        }
        InternetAddress to = recipient(call.requireString("to"));
        String subject = LINE_BREAKS.matcher(call.requireString("subject")).replaceAll(" ").strip();
        if (subject.isEmpty() || subject.length() > settings.maxSubjectChars()) {
            throw new InvalidArgumentsException("argument 'subject' of " + NAME + " must have 1 to "
                    + settings.maxSubjectChars() + " characters (agent.plugins.notify.mail.max-subject-chars); it has "
                    + subject.length());
        }
        String body = call.requireString("body");
        if (body.length() > settings.maxBodyChars()) {
            throw new InvalidArgumentsException("argument 'body' of " + NAME + " has " + body.length()
                    + " characters; the limit is " + settings.maxBodyChars()
                    + " (agent.plugins.notify.mail.max-body-chars): shorten it");
        }
        String tag = EffectTag.of(call.idempotencyKey());
        Optional<ToolResult> earlier = recentEffects.replay(tag);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String messageId = "<" + tag + ".event-agent@" + domainOf(settings.from().getAddress()) + ">";
        mailer.send(to, subject, body, messageId);
        Map<String, Object> result = Map.of("message_id", messageId);
        recentEffects.sent(tag, result);
        return ToolResult.of(result);
    }

    private InternetAddress recipient(String value) {
        String address = value.strip();
        if (!PLAIN_ADDRESS.matcher(address).matches()) {
            throw new InvalidArgumentsException("argument 'to' of " + NAME + " must be one plain address like "
                    + "dana@company.com; got '" + SlackNotificationTool.shorten(address) + "'");
        }
        String domain = domainOf(address);
        if (!settings.allowedRecipientDomains().allows(domain)) {
            throw new PolicyDeniedException("e-mail recipient " + address + " is in domain '" + domain
                    + "', which is not allowed by " + settings.allowedRecipientDomains().describe());
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return parsed;
        } catch (AddressException e) {
            throw new InvalidArgumentsException("argument 'to' of " + NAME + " is not a valid address: "
                    + e.getMessage());
        }
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
