package dev.eventagent.testing.jira;

import static java.util.Objects.requireNonNull;

/**
 * A user of the {@link TestingJiraServer}.
 *
 * @param accountId the Atlassian account id
 * @param email the e-mail address
 * @param displayName the display name
 * @param active whether the account is active (inactive users cannot be assigned)
 * @param emailVisible whether user search shows the e-mail (Jira Cloud hides it when the user's
 *     profile visibility says so)
 */
public record TestingJiraUser(String accountId, String email, String displayName, boolean active,
        boolean emailVisible) {

    /** Validates the fields. */
    public TestingJiraUser {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(email, "email is null");
        requireNonNull(displayName, "displayName is null");
    }
}
