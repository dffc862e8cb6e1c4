package dev.eventagent.tools.notify;

import dev.eventagent.api.Health;
import dev.eventagent.api.Metrics;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.api.Tool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The notify plugin's three clients and tools. */
final class NotifyPluginInstance implements PluginInstance {

    private final SlackSettings slackSettings;
    private final MailSettings mailSettings;
    private final GitHubSettings githubSettings;
    private final SlackWebApi slack;
    private final SmtpMailer mailer;
    private final GitHubRestClient github;
    private final List<Tool> tools;

    NotifyPluginInstance(SlackSettings slackSettings, MailSettings mailSettings, GitHubSettings githubSettings,
            int rememberedEffects, Clock clock, Metrics metrics) {
        this.slackSettings = slackSettings;
        this.mailSettings = mailSettings;
        this.githubSettings = githubSettings;
        this.slack = new SlackWebApi(slackSettings, clock);
        this.mailer = new SmtpMailer(mailSettings);
        this.github = new GitHubRestClient(githubSettings, clock);
        this.tools = List.of(
                new SlackNotificationTool(slackSettings, slack, clock, rememberedEffects, metrics),
                new EmailNotificationTool(mailSettings, mailer, rememberedEffects, metrics),
                new GitHubCommentTool(githubSettings, github, rememberedEffects, metrics));
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /** Probes each enabled backend: Slack {@code auth.test}, SMTP connect and NOOP, GitHub {@code /rate_limit}. */
    @Override
    public Health health() {
        List<Health> probes = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        if (slackSettings.enabled()) {
            probes.add(slack.health());
        } else {
            disabled.add("slack");
        }
        if (mailSettings.enabled()) {
            probes.add(mailer.health());
        } else {
            disabled.add("mail");
        }
        if (githubSettings.enabled()) {
            probes.add(github.health());
        } else {
            disabled.add("github");
        }
        List<String> details = new ArrayList<>(probes.stream().map(h -> (h.up() ? "" : "DOWN ") + h.detail()).toList());
        if (!disabled.isEmpty()) {
            details.add("disabled: " + String.join(", ", disabled));
        }
        boolean up = probes.stream().allMatch(Health::up);
        return new Health(up, String.join("; ", details));
    }

    @Override
    public void close() {
        slack.close();
        mailer.close();
        github.close();
    }
}
