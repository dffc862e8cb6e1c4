/**
 * The Slack testing server: {@link dev.eventagent.testkit.slack.TestingSlackServer}, a local HTTP
 * server speaking the Slack Web API shapes the notify plugin uses, meant for the real
 * {@code slack-api-client}. JDK and Jackson only.
 */
package dev.eventagent.testkit.slack;
