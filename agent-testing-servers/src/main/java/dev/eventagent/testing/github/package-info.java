/**
 * The GitHub testing server: {@link dev.eventagent.testing.github.TestingGitHubServer}, a local
 * HTTP server speaking the GitHub REST shapes of issue and pull request comments. JDK and Jackson
 * only.
 */
package dev.eventagent.testing.github;
