package dev.eventagent.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Knows which config keys hold secrets (the keys plugins declare, and any key whose last segment
 * looks like one: password, secret, token, api-key, credentials, private-key) and masks them.
 * It also keeps the secret values themselves so that they can be redacted from free text.
 */
public final class SecretMasker {

    /** What a masked value prints as. */
    public static final String HIDDEN = "[hidden]";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token(?![a-z])|api[-_]?key|credential|private[-_]?key|auth[-_]?header).*");

    private static final Pattern JAAS = Pattern.compile("(?i).*jaas.*");

    private final Set<String> secretPaths;
    private final List<String> secretValues;

    private SecretMasker(Set<String> secretPaths, List<String> secretValues) {
        this.secretPaths = Set.copyOf(secretPaths);
        this.secretValues = List.copyOf(secretValues);
    }

    /**
     * Builds the masker for a resolved config.
     *
     * @param resolved the resolved config
     * @param declaredSecretPaths full paths that plugins declared secret
     * @return the masker
     */
    public static SecretMasker of(Config resolved, Set<String> declaredSecretPaths) {
        Set<String> paths = new HashSet<>(declaredSecretPaths);
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : resolved.entrySet()) {
            String path = entry.getKey();
            if (isSecretPath(path, declaredSecretPaths)) {
                paths.add(path);
                if (entry.getValue().valueType() == ConfigValueType.STRING) {
                    String value = (String) entry.getValue().unwrapped();
                    if (value.length() >= 4) {
                        values.add(value);
                    }
                }
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(paths, values);
    }

    /**
     * A masker that knows no secrets, for tests.
     *
     * @return the masker
     */
    public static SecretMasker none() {
        return new SecretMasker(Set.of(), List.of());
    }

    /**
     * Whether a key (a config path or a JSON field name) names a secret.
     *
     * @param key the path or name
     * @return true for secret keys
     */
    public boolean isSecretKey(String key) {
        return isSecretPath(key, secretPaths);
    }

    /**
     * Replaces every known secret value inside a text with {@value #HIDDEN}.
     *
     * @param text any text
     * @return the text without secrets
     */
    public String redact(String text) {
        if (text == null || secretValues.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secretValues) {
            result = result.replace(secret, HIDDEN);
        }
        return result;
    }

    private static boolean isSecretPath(String path, Set<String> declared) {
        if (declared.contains(path)) {
            return true;
        }
        List<String> segments = ConfigUtil.splitPath(path);
        String last = segments.get(segments.size() - 1);
        // A quoted key may hold a whole client property name: "sasl.jaas.config" carries a password.
        return SECRET_NAME.matcher(last).matches() || JAAS.matcher(last).matches();
    }
}
