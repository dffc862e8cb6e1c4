package dev.eventagent.tools.notify;

import dev.eventagent.api.ConfigView;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Checks of settings the user must fix; each failure names the full config key. */
final class SettingsChecks {

    private SettingsChecks() {
    }

    static String httpUrl(ConfigView config, String key) {
        String value = config.getString(key);
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(fullKey(config, key) + " must be an http(s) URL, not '" + value + "'");
            }
            return value;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(fullKey(config, key) + " is not a URL: " + e.getMessage(), e);
        }
    }

    static int intBetween(ConfigView config, String key, int min, int max) {
        int value = config.getInt(key);
        if (value < min || value > max) {
            throw new IllegalArgumentException(fullKey(config, key) + " must be between " + min + " and " + max
                    + ", not " + value);
        }
        return value;
    }

    static Duration positive(ConfigView config, String key) {
        Duration value = config.getDuration(key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(fullKey(config, key) + " must be positive, not " + value);
        }
        return value;
    }

    static Duration notNegative(ConfigView config, String key) {
        Duration value = config.getDuration(key);
        if (value.isNegative()) {
            throw new IllegalArgumentException(fullKey(config, key) + " must not be negative, not " + value);
        }
        return value;
    }

    static String fullKey(ConfigView config, String key) {
        return config.path().isEmpty() ? key : config.path() + "." + key;
    }
}
