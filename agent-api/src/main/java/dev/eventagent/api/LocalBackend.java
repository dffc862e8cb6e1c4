package dev.eventagent.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a plugin's backend on this machine (an embedded database, a child process, a
 * local server speaking a SaaS's wire protocol), started by {@code event-agent demo} so the
 * plugin's tools have something real to talk to with no configuration and no network.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} in the distribution's
 * {@code demo-backends/} folder, which trimmed distributions may leave out; they never run in
 * the service itself.
 *
 * @since 0.1
 */
public interface LocalBackend extends AutoCloseable {

    /**
     * Starts local backends for one plugin. Registered in
     * {@code META-INF/services/dev.eventagent.api.LocalBackend$Provider}.
     */
    interface Provider {

        /**
         * The name of the plugin whose backend this starts, e.g. {@code neo4j}.
         *
         * @return the plugin name
         */
        String plugin();

        /**
         * Starts the backend. When it cannot run on this machine (a binary is not installed),
         * throws {@link Unavailable} with a one-line reason the user can act on.
         *
         * @param directory an empty folder for the backend's data, deleted by nobody
         * @return the running backend
         * @throws Unavailable when this machine cannot run it
         * @throws Exception when starting failed
         */
        LocalBackend start(Path directory) throws Exception;
    }

    /** This machine cannot run the backend; the message says why and what to do. */
    final class Unavailable extends Exception {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param reason why, in one line
         */
        public Unavailable(String reason) {
            super(reason);
        }
    }

    /**
     * What runs and where, in one line, e.g. {@code "embedded Neo4j 5.26 at bolt://127.0.0.1:40123"}.
     *
     * @return the description
     */
    String describe();

    /**
     * The plugin settings that point at this backend, relative to {@code agent.plugins.<plugin>}
     * (e.g. {@code uri -> bolt://…}); they win over the user's config for the demo.
     *
     * @return the settings
     */
    Map<String, Object> settings();

    /**
     * What the backend holds now (rows per table, nodes per label, messages it received), one
     * short line each, for the demo's closing report.
     *
     * @return the lines
     * @throws Exception when the backend cannot be asked
     */
    List<String> report() throws Exception;

    /**
     * What the backend holds now as counts, by store, for the demo's {@code --json} report, e.g.
     * {@code {"neo4j": {"nodes": 12, "relationships": 9}}} or, for a backend standing in for
     * several services, {@code {"slack": {"messages": 2}, "email": {"messages": 1}}}. Store and
     * measure names are lower-case words; the default reports none.
     *
     * @return store → measure → count
     * @throws Exception when the backend cannot be asked
     * @since 0.1
     */
    default Map<String, Map<String, Long>> counts() throws Exception {
        return Map.of();
    }

    /** Stops the backend. */
    @Override
    void close();
}
