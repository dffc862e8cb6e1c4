/**
 * Local backends for {@code event-agent demo}, one {@link dev.eventagent.api.LocalBackend.Provider}
 * per plugin, wrapping the testing servers (agent-testing-servers). Never used by the service itself.
 */
package dev.eventagent.demo.backends;
