/**
 * The Jira testing server: {@link dev.eventagent.testing.jira.TestingJiraServer}, a real HTTP
 * server on 127.0.0.1 that speaks the Jira Cloud REST v3 shapes the jira plugin uses (user search,
 * issue, assignee, comments with properties, transitions, enhanced JQL search with token
 * pagination) over an in-memory store tests seed and inspect. Needs only the JDK and Jackson.
 */
package dev.eventagent.testing.jira;
