/**
 * The Slack testing server: {@link dev.eventagent.testing.slack.TestingSlackServer}, a local HTTP
 * server speaking the Slack Web API shapes the notify plugin uses, meant for the real
 * {@code slack-api-client}. JDK and Jackson only.
 */
package dev.eventagent.testing.slack;
