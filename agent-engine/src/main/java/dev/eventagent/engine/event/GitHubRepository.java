package dev.eventagent.engine.event;

import dev.eventagent.api.MalformedEventException;
import java.util.Map;
import java.util.Optional;

/**
 * The repository a GitHub event concerns: the webhook's {@code repository} object
 * ({@code name}, {@code full_name}) or the envelope's {@code repository} string
 * ({@code api-gateway} or {@code acme/api-gateway}).
 *
 * @param name the short name, or {@code null}
 * @param fullName {@code owner/name}, or {@code null} when not known
 */
record GitHubRepository(String name, String fullName) {

    /**
     * Reads the repository of a body.
     *
     * @param body the webhook or envelope body
     * @return the repository; both names {@code null} when the body has none
     * @throws MalformedEventException when {@code repository} is neither a string nor an object
     */
    static GitHubRepository of(JsonObjectView body) throws MalformedEventException {
        Object raw = body.raw("repository");
        if (raw == null) {
            return new GitHubRepository(null, null);
        }
        if (raw instanceof String text) {
            int slash = text.lastIndexOf('/');
            return slash > 0 && slash < text.length() - 1
                    ? new GitHubRepository(text.substring(slash + 1), text)
                    : new GitHubRepository(text, null);
        }
        if (!(raw instanceof Map<?, ?>)) {
            throw JsonObjectView.wrongShape(body.pathOf("repository"), "an object or a string", raw);
        }
        JsonObjectView repository = body.requireObject("repository");
        Optional<String> fullName = repository.string("full_name");
        Optional<String> name = repository.string("name");
        if (name.isEmpty() && fullName.isPresent()) {
            name = Optional.of(fullName.get().substring(fullName.get().lastIndexOf('/') + 1));
        }
        return new GitHubRepository(name.orElse(null), fullName.orElse(null));
    }

    /**
     * The ordering key: the full name, else the short name, else the fallback.
     *
     * @param fallback the key when no repository is known, e.g. the event id
     * @return the key
     */
    String key(String fallback) {
        return fullName != null ? fullName : name != null ? name : fallback;
    }

    /**
     * Adds {@code repository} and {@code repository_full_name} when known.
     *
     * @param attributes the attributes being built
     * @return the same builder
     */
    AttributesBuilder addTo(AttributesBuilder attributes) {
        return attributes.put("repository", name).put("repository_full_name", fullName);
    }
}
