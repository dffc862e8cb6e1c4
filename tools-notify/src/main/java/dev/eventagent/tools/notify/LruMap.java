package dev.eventagent.tools.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small bounded map that forgets its least recently used entries first; thread-safe. Used for
 * the results of recent effects by {@link EffectTag} (so a repeated call with the same
 * idempotency key answers the first result instead of sending again) and for Slack DM channels
 * by e-mail.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class LruMap<K, V> {

    private final Map<K, V> entries;

    /**
     * Creates the map.
     *
     * @param capacity how many entries to keep
     */
    LruMap(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The value of a key.
     *
     * @param key the key
     * @return the value, or {@code null}
     */
    synchronized V get(K key) {
        return entries.get(key);
    }

    /**
     * Stores a value.
     *
     * @param key the key
     * @param value the value
     */
    synchronized void put(K key, V value) {
        entries.put(key, value);
    }
}
