package dev.eventagent.testing.mail;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A message the {@link TestingMailServer} received: what would have been sent.
 *
 * @param messageId the {@code Message-ID} header, or {@code null}
 * @param from the {@code From} addresses, as text
 * @param to the {@code To} addresses, as text
 * @param subject the decoded subject, or {@code null}
 * @param body the text body
 * @param headerNames the names of every header, in order (to check that nothing was injected)
 */
public record ReceivedMail(
        String messageId, List<String> from, List<String> to, String subject, String body, List<String> headerNames) {

    /** Validates and copies the fields. */
    public ReceivedMail {
        from = List.copyOf(requireNonNull(from, "from is null"));
        to = List.copyOf(requireNonNull(to, "to is null"));
        requireNonNull(body, "body is null");
        headerNames = List.copyOf(requireNonNull(headerNames, "headerNames is null"));
    }
}
