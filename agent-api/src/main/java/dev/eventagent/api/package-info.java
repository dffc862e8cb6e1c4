/**
 * The Event Agent plugin SPI.
 *
 * <p>A tools module implements {@link dev.eventagent.api.ToolPlugin}, lists it in
 * {@code META-INF/services/dev.eventagent.api.ToolPlugin}, and takes this module with Maven scope
 * {@code provided}. The engine creates the plugin once with a {@link dev.eventagent.api.PluginContext}
 * and receives a {@link dev.eventagent.api.PluginInstance} holding what it contributes — its
 * {@link dev.eventagent.api.Tool}s, {@link dev.eventagent.api.Embedder}s, {@link dev.eventagent.api.AuditSink}s
 * and {@link dev.eventagent.api.EventSource}s — and its long-lived clients. Every method of
 * {@code PluginInstance} is defaulted, so the SPI grows without breaking plugins.
 *
 * <p>Two types serve particular plugins and stay here for a reason: {@link dev.eventagent.api.Event}
 * is what an {@code EventSource} produces (and what tools never see: they get arguments), and
 * {@link dev.eventagent.api.LocalBackend} is how a plugin takes part in {@code event-agent demo}
 * (the local-minilm plugin ships its own); both cross the plugin class loader boundary, which
 * shares only this package.
 *
 * <p>This package depends on the JDK only. Values exchanged with tools are plain JSON-shaped Java
 * objects: {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}.
 *
 * @since 0.1
 */
package dev.eventagent.api;
