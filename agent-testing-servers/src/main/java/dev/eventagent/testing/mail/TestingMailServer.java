package dev.eventagent.testing.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server in-process (GreenMail) on 127.0.0.1 with a random port, plain SMTP with
 * {@code AUTH} for one sender account ({@link #USERNAME} / {@link #PASSWORD}). It delivers every
 * message to a local mailbox per recipient, so tests and the demo can list what would have been
 * sent ({@link #messages()}). GreenMail has no STARTTLS: point the plugin at it with
 * {@code mail.security = none} ({@link #pluginSettings()} does).
 */
public final class TestingMailServer implements AutoCloseable {

    /** The SMTP login the server accepts. */
    public static final String USERNAME = "event-agent";

    /** The SMTP password of {@link #USERNAME}. */
    public static final String PASSWORD = "testing-password";

    /** The sender address of {@link #USERNAME}. */
    public static final String FROM = "event-agent@agent.example";

    private final GreenMail greenMail;

    private TestingMailServer() {
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
        greenMail = new GreenMail(smtp);
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USERNAME, PASSWORD));
        greenMail.start();
    }

    /**
     * Starts a server on 127.0.0.1 with a random port.
     *
     * @return the running server
     */
    public static TestingMailServer start() {
        return new TestingMailServer();
    }

    /**
     * The host to connect to.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return "127.0.0.1";
    }

    /**
     * The SMTP port.
     *
     * @return the port
     */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * Settings of {@code agent.plugins.notify} (relative keys) that point the e-mail tool here,
     * in plain SMTP with the server's account, and allow every recipient domain.
     *
     * @return the settings
     */
    public Map<String, Object> pluginSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mail.host", host());
        settings.put("mail.port", port());
        settings.put("mail.security", "none");
        settings.put("mail.username", USERNAME);
        settings.put("mail.password", PASSWORD);
        settings.put("mail.from", FROM);
        settings.put("mail.allowed-recipient-domains", List.of("*"));
        return settings;
    }

    /**
     * Every message received, one per recipient mailbox, in arrival order.
     *
     * @return a snapshot
     */
    public List<ReceivedMail> messages() {
        List<ReceivedMail> messages = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            messages.add(received(message));
        }
        return messages;
    }

    /**
     * Waits until at least this many messages have arrived.
     *
     * @param count how many
     * @param timeout how long to wait at most
     * @return true when they arrived in time
     */
    public boolean awaitMessages(int count, Duration timeout) {
        return greenMail.waitForIncomingEmail(timeout.toMillis(), count);
    }

    /** Deletes every received message. */
    public void reset() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("cannot purge the testing mailboxes", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static ReceivedMail received(MimeMessage message) {
        try {
            List<String> headerNames = new ArrayList<>();
            for (Header header : Collections.list(message.getAllHeaders())) {
                headerNames.add(header.getName());
            }
            Object content = message.getContent();
            return new ReceivedMail(message.getMessageID(), addresses(message.getFrom()),
                    addresses(message.getRecipients(MimeMessage.RecipientType.TO)), message.getSubject(),
                    content instanceof String text ? text : String.valueOf(content), headerNames);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read a received message", e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }
}
