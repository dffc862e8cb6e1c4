package dev.eventagent.tools.pinecone;

import dev.eventagent.api.InvalidArgumentsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vector's metadata with its text added, cut so that the whole stays within
 * {@code metadata-max-bytes} (Pinecone refuses more than 40 KB per vector).
 *
 * @param metadata the metadata to store, text included
 * @param storedChars how many characters of the text are stored
 * @param truncated whether the text was cut
 */
record StoredText(Map<String, Object> metadata, int storedChars, boolean truncated) {

    /** The least room left for the text, in bytes; less means the other metadata is too large. */
    static final int MIN_TEXT_BYTES = 256;

    /**
     * Adds a text to metadata, cut to fit.
     *
     * @param base the other metadata, in order
     * @param key the text's key
     * @param text the whole text
     * @param maxBytes the most JSON bytes of the whole metadata
     * @param tool the tool, for the message when the other metadata leaves too little room
     * @return the metadata with the text
     * @throws InvalidArgumentsException when the other metadata leaves less than
     *     {@link #MIN_TEXT_BYTES} for the text
     */
    static StoredText of(Map<String, Object> base, String key, String text, int maxBytes, String tool) {
        int others = Metadata.jsonBytes(base);
        int budget = maxBytes - others - Metadata.jsonBytes(key) - 2; // the ':' and the ','
        if (budget < MIN_TEXT_BYTES) {
            throw new InvalidArgumentsException("the metadata of " + tool + " takes " + others + " bytes as JSON;"
                    + " with the text it must stay within " + maxBytes + " bytes (Pinecone's limit is 40 KB per"
                    + " vector): send fewer or shorter metadata values");
        }
        String stored = Metadata.fit(text, budget);
        Map<String, Object> metadata = new LinkedHashMap<>(base);
        metadata.put(key, stored);
        return new StoredText(metadata, stored.codePointCount(0, stored.length()), stored.length() < text.length());
    }
}
