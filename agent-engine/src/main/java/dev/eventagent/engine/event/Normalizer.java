package dev.eventagent.engine.event;

import dev.eventagent.api.Event;
import java.util.List;
import java.util.Map;

/**
 * Turns one source's payloads into canonical {@link Event}s. One implementation per source;
 * implementations are stateless and thread-safe.
 *
 * <p>The attributes a normaliser produces are the contract rule routes are written against, so
 * every wire form of the same event (a raw webhook, a CloudEvent, the flat envelope) must yield
 * the same attribute names. Missing optional fields are left out, never invented.
 */
public interface Normalizer {

    /**
     * The source this normaliser handles; also {@link Event#source()}.
     *
     * @return e.g. {@code github}
     */
    String source();

    /**
     * The event types handled, for documentation and error messages.
     *
     * @return the source's event names, e.g. {@code push}, {@code pull_request}
     */
    List<String> eventTypes();

    /**
     * Whether {@link #normalize(SourceEvent)} handles an event type.
     *
     * @param eventType the type as the wire said it, see {@link SourceEvent#eventType()}
     * @return true when handled
     */
    boolean supports(String eventType);

    /**
     * Normalises an event of a supported type.
     *
     * @param event the detected event
     * @return the canonical event
     * @throws DecodeException of reason {@link DecodeException.Reason#WRONG_SHAPE} when a field
     *     has the wrong type, naming its JSON path
     */
    Event normalize(SourceEvent event) throws DecodeException;

    /**
     * The event for a type no normaliser handles, when {@code agent.decode.accept-unknown-types}
     * is on: the raw type, empty attributes, the id as key. Implementations may pick a better key.
     *
     * @param event the detected event
     * @return the event
     */
    default Event passThrough(SourceEvent event) {
        return new Event(event.id(), source(), event.eventType(), event.id(), event.defaultTime(),
                null, null, Map.of(), event.data());
    }
}
