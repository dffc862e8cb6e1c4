package dev.eventagent.tools.notify;

import dev.eventagent.api.ConfigView;
import dev.eventagent.api.PluginContext;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * The settings of {@code agent.plugins.notify.mail}.
 *
 * @param enabled whether the e-mail tool may send
 * @param host the SMTP relay's host
 * @param port its port
 * @param security {@code starttls} (required), {@code ssl} (implicit TLS) or {@code none}
 * @param sslTrust hosts whose certificates are trusted without checking ({@code ""} checks all)
 * @param username the SMTP login, or {@code null} for no authentication
 * @param password the SMTP password, or {@code null}
 * @param from the sender address
 * @param allowedRecipientDomains which recipient domains may be mailed
 * @param connectTimeout the connect timeout
 * @param timeout the read and write timeout
 * @param maxSubjectChars the longest subject
 * @param maxBodyChars the longest body
 */
record MailSettings(
        boolean enabled,
        String host,
        int port,
        String security,
        String sslTrust,
        String username,
        String password,
        InternetAddress from,
        Allowlist allowedRecipientDomains,
        Duration connectTimeout,
        Duration timeout,
        int maxSubjectChars,
        int maxBodyChars) {

    static MailSettings from(ConfigView root, PluginContext context) {
        ConfigView config = root.getConfig("mail");
        String security = config.getString("security").toLowerCase(Locale.ROOT);
        if (!security.equals("starttls") && !security.equals("ssl") && !security.equals("none")) {
            throw new IllegalArgumentException(SettingsChecks.fullKey(config, "security")
                    + " must be starttls, ssl or none, not '" + security + "'");
        }
        InternetAddress from;
        try {
            from = new InternetAddress(config.getString("from"), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(SettingsChecks.fullKey(config, "from") + " is not an e-mail address: "
                    + e.getMessage(), e);
        }
        String username = config.getString("username");
        return new MailSettings(
                config.getBoolean("enabled"),
                config.getString("host"),
                SettingsChecks.intBetween(config, "port", 1, 65_535),
                security,
                config.getString("ssl-trust"),
                username.isEmpty() ? null : username,
                context.secret("mail.password").orElse(null),
                from,
                Allowlist.of(SettingsChecks.fullKey(config, "allowed-recipient-domains"),
                        config.getStringList("allowed-recipient-domains")),
                SettingsChecks.positive(config, "connect-timeout"),
                SettingsChecks.positive(config, "timeout"),
                SettingsChecks.intBetween(config, "max-subject-chars", 1, 998),
                SettingsChecks.intBetween(config, "max-body-chars", 1, 10_000_000));
    }

    /**
     * Where the relay is, for messages.
     *
     * @return {@code host:port}
     */
    String address() {
        return host + ":" + port;
    }
}
