package dev.eventagent.tools.notify;

import dev.eventagent.api.Health;
import dev.eventagent.api.PermanentToolException;
import dev.eventagent.api.ToolException;
import dev.eventagent.api.TransientToolException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The plugin's one SMTP client (Jakarta Mail, implemented by Angus Mail): a long-lived
 * {@link Session} and one connection, opened on the first send, reused while the relay keeps it
 * (checked with {@code NOOP}), reopened when it was dropped, closed with the plugin.
 */
final class SmtpMailer implements AutoCloseable {

    private final MailSettings settings;
    private final Session session;
    private Transport transport;

    SmtpMailer(MailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    /**
     * Sends a plain-text message with a given {@code Message-ID}.
     *
     * @param to the one recipient
     * @param subject the subject (one line)
     * @param body the text body
     * @param messageId the {@code Message-ID}, angle brackets included
     */
    synchronized void send(InternetAddress to, String subject, String body, String messageId) {
        try {
            MimeMessage message = new FixedIdMimeMessage(session, messageId);
            message.setFrom(settings.from());
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            message.saveChanges();
            connected().sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            disconnect();
            throw failure("sending to " + to.getAddress(), e);
        }
    }

    /**
     * Connects, says {@code NOOP} and disconnects, on a connection of its own.
     *
     * @return up with the relay's address, or down with the reason
     */
    Health health() {
        String where = "smtp " + settings.address() + " (" + settings.security() + ")";
        try (Transport probe = session.getTransport("smtp")) {
            connect(probe);
            return probe.isConnected() ? Health.up(where) : Health.down(where + ": connection closed after NOOP");
        } catch (MessagingException e) {
            return Health.down(where + ": " + failure("connecting", e).getMessage());
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }

    private Transport connected() throws MessagingException {
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        disconnect();
        Transport opened = session.getTransport("smtp");
        connect(opened);
        transport = opened;
        return opened;
    }

    private void connect(Transport target) throws MessagingException {
        if (settings.username() != null) {
            target.connect(settings.host(), settings.port(), settings.username(),
                    settings.password() == null ? "" : settings.password());
        } else {
            target.connect(settings.host(), settings.port(), null, null);
        }
    }

    private void disconnect() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }

    private ToolException failure(String what, MessagingException e) {
        String where = "SMTP " + what + " via " + settings.address();
        if (e instanceof AuthenticationFailedException) {
            return new PermanentToolException(where + ": authentication failed for '" + settings.username()
                    + "'; check agent.plugins.notify.mail.username and SMTP_PASSWORD", e);
        }
        Exception next = e instanceof SendFailedException sendFailed ? sendFailed.getNextException() : null;
        int code = e instanceof SMTPSendFailedException sendFailed ? sendFailed.getReturnCode()
                : next instanceof SMTPAddressFailedException addressFailed ? addressFailed.getReturnCode() : -1;
        String reply = next != null ? next.getMessage() : e.getMessage();
        if (code >= 400 && code < 500) {
            return new TransientToolException(where + ": the relay deferred it (" + code + "): " + reply, e);
        }
        if (code >= 500) {
            return new PermanentToolException(where + ": the relay refused it (" + code + "): " + reply, e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return new TransientToolException(where + " failed: " + cause, e);
            }
        }
        return new PermanentToolException(where + " failed: " + e.getMessage()
                + " (check agent.plugins.notify.mail.security and the relay's settings)", e);
    }

    private static Properties properties(MailSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
        properties.setProperty("mail.smtp.from", settings.from().getAddress());
        switch (settings.security()) {
            case "starttls" -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case "ssl" -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
                // plain SMTP: only for a relay on a trusted network or a testing server
            }
        }
        if (!settings.sslTrust().isEmpty()) {
            properties.setProperty("mail.smtp.ssl.trust", settings.sslTrust());
        }
        return properties;
    }

    /** A message whose {@code Message-ID} is the effect's, not a random one. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
