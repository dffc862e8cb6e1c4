package dev.eventagent.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeMap;

/** Renders a resolved config as {@code key = value  # origin} lines, secrets masked. */
public final class ConfigPrinter {

    private ConfigPrinter() {
    }

    /**
     * Renders the config below a path.
     *
     * @param resolved the resolved config
     * @param root the subtree to print, e.g. {@code agent}
     * @param masker which keys to mask
     * @return one line per leaf, sorted by key
     */
    public static String render(Config resolved, String root, SecretMasker masker) {
        Config subtree = resolved.hasPath(root) ? resolved.withOnlyPath(root) : resolved;
        Map<String, ConfigValue> sorted = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : subtree.entrySet()) {
            sorted.put(entry.getKey(), entry.getValue());
        }
        StringBuilder out = new StringBuilder();
        ConfigRenderOptions concise = ConfigRenderOptions.concise();
        for (Map.Entry<String, ConfigValue> entry : sorted.entrySet()) {
            ConfigValue value = entry.getValue();
            String rendered = masker.isSecretKey(entry.getKey()) && !isEmpty(value)
                    ? "\"" + SecretMasker.HIDDEN + "\""
                    : masker.redact(value.render(concise));
            out.append(entry.getKey()).append(" = ").append(rendered)
                    .append("  # ").append(value.origin().description())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    private static boolean isEmpty(ConfigValue value) {
        Object unwrapped = value.unwrapped();
        return unwrapped == null || "".equals(unwrapped);
    }
}
