package org.miniops.agent.plugins;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.miniops.api.PluginSettings;

/** Builds each plugin's namespaced view of the agent configuration. */
final class PluginSettingsView {

    /** Keys every plugin may read besides its own prefix. */
    private static final java.util.Set<String> SHARED_KEYS = java.util.Set.of("SERVER_NAME");

    /** The agent's own secrets, hidden even from a plugin whose prefix matches, such as {@code auth-log}. */
    private static final java.util.Set<String> AGENT_SECRETS = java.util.Set.of("AUTH_TOKEN");

    private PluginSettingsView() {
    }

    /**
     * Returns the prefix of a plugin's keys: the part of its id before the first dash, in upper
     * case, so {@code telegram-notifier} reads {@code TELEGRAM_*} and {@code ssh-audit} reads {@code SSH_*}.
     */
    static String prefixOf(String pluginId) {
        int dash = pluginId.indexOf('-');
        String head = dash > 0 ? pluginId.substring(0, dash) : pluginId;
        return head.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    }

    static PluginSettings forPlugin(String pluginId, Map<String, String> config) {
        String prefix = prefixOf(pluginId);
        Map<String, String> visible = new TreeMap<>();
        config.forEach((key, value) -> {
            if (AGENT_SECRETS.contains(key)) {
                return;
            }
            if (key.startsWith(prefix) || SHARED_KEYS.contains(key)) {
                visible.put(key, value);
            }
        });
        return PluginSettings.of(visible);
    }
}
