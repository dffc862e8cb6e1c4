package dev.eventagent.demo.backends;

import dev.eventagent.api.LocalBackend;
import dev.eventagent.testing.github.PostedGitHubComment;
import dev.eventagent.testing.github.TestingGitHubServer;
import dev.eventagent.testing.mail.ReceivedMail;
import dev.eventagent.testing.mail.TestingMailServer;
import dev.eventagent.testing.slack.PostedSlackMessage;
import dev.eventagent.testing.slack.TestingSlackServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For the notify plugin: a local server speaking the Slack Web API (every e-mail is a member, so
 * direct messages work), one speaking GitHub REST, and GreenMail as the SMTP relay. Nothing leaves
 * the machine; the report prints what would have been sent.
 */
public final class NotifyDemoBackend implements LocalBackend.Provider {

    private static final int SHOWN = 10;
    /** Lower than the plugin's default (5), so that the demo's one assignment shows the heads-up. */
    private static final double DEMO_WORKLOAD_THRESHOLD = 3.0;

    @Override
    public String plugin() {
        return "notify";
    }

    @Override
    public LocalBackend start(Path directory) {
        TestingSlackServer slack = TestingSlackServer.start();
        slack.acceptEveryUser(true);
        TestingGitHubServer github = TestingGitHubServer.start();
        TestingMailServer mail = TestingMailServer.start();
        return new LocalBackend() {
            @Override
            public String describe() {
                return "local stand-ins: Slack Web API at " + slack.apiUrl() + ", GitHub REST at " + github.apiUrl()
                        + ", SMTP (GreenMail) at " + mail.host() + ":" + mail.port() + " (nothing leaves this machine); "
                        + "workload heads-up from load score " + DEMO_WORKLOAD_THRESHOLD + ", so that one 8-point "
                        + "assignment on top of a commit sets it off";
            }

            @Override
            public Map<String, Object> settings() {
                Map<String, Object> settings = new LinkedHashMap<>(slack.pluginSettings());
                settings.putAll(github.pluginSettings());
                settings.putAll(mail.pluginSettings());
                settings.put("workload-alert.threshold", DEMO_WORKLOAD_THRESHOLD);
                return settings;
            }

            @Override
            public List<String> report() {
                List<String> lines = new ArrayList<>();
                List<PostedSlackMessage> messages = slack.messages();
                lines.add("slack: " + messages.size() + " message(s) would have been sent");
                messages.stream().limit(SHOWN).forEach(m -> lines.add("  slack to " + m.requestedChannel() + ": "
                        + shorten(m.text())));
                List<ReceivedMail> mails = mail.messages();
                lines.add("e-mail: " + mails.size() + " message(s) would have been sent");
                mails.stream().limit(SHOWN).forEach(m -> lines.add("  mail to " + String.join(", ", m.to()) + ": "
                        + shorten(m.subject())));
                List<PostedGitHubComment> comments = github.comments();
                lines.add("github: " + comments.size() + " comment(s) would have been posted");
                comments.stream().limit(SHOWN).forEach(c -> lines.add("  comment on " + c.repository() + "#"
                        + c.issueNumber() + ": " + shorten(c.body())));
                return lines;
            }

            @Override
            public Map<String, Map<String, Long>> counts() {
                return Map.of("slack", Map.of("messages", (long) slack.messages().size()),
                        "email", Map.of("messages", (long) mail.messages().size()),
                        "github", Map.of("comments", (long) github.comments().size()));
            }

            @Override
            public void close() {
                slack.close();
                github.close();
                mail.close();
            }
        };
    }

    private static String shorten(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() > 180 ? line.substring(0, 179) + "…" : line;
    }
}
