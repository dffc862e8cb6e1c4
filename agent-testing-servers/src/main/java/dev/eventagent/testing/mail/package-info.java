/**
 * The e-mail testing server: {@link dev.eventagent.testing.mail.TestingMailServer}, GreenMail's
 * real SMTP server in-process. Needs {@code com.icegreen:greenmail} on the test classpath (an
 * optional dependency of agent-testkit).
 */
package dev.eventagent.testing.mail;
