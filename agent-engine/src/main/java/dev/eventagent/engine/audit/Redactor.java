package dev.eventagent.engine.audit;

import dev.eventagent.engine.config.SecretMasker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes secrets from JSON-shaped values before they are audited or printed: fields whose name
 * looks secret are masked, and known secret values are cut out of every string.
 */
public final class Redactor {

    private final SecretMasker masker;

    /**
     * Creates the redactor.
     *
     * @param masker the secrets to remove
     */
    public Redactor(SecretMasker masker) {
        this.masker = masker;
    }

    /**
     * Redacts a value.
     *
     * @param value maps, lists, strings, numbers, booleans and nulls
     * @return a redacted copy
     */
    public Object redact(Object value) {
        if (value instanceof String text) {
            return masker.redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                boolean secret = masker.isSecretKey(key) && entry.getValue() instanceof String s && !s.isEmpty();
                out.put(key, secret ? SecretMasker.HIDDEN : redact(entry.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(redact(element));
            }
            return out;
        }
        return value;
    }

    /**
     * Redacts free text.
     *
     * @param text the text
     * @return the text without known secret values
     */
    public String redactText(String text) {
        return masker.redact(text);
    }
}
