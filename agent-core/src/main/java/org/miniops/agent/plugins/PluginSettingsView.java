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
        return forPlugin(pluginId, java.util.List.of(), config);
    }

    /**
     * Returns the settings of a plugin that also reads {@code extraPrefixes}, which it declares in
     * its manifest as {@code Plugin-Settings-Prefixes: UFW_,FAIL2BAN_}, for example a cross-check
     * that needs the settings of the plugins it compares.
     */
    static PluginSettings forPlugin(String pluginId, java.util.List<String> extraPrefixes, Map<String, String> config) {
        java.util.List<String> prefixes = new java.util.ArrayList<>();
        prefixes.add(prefixOf(pluginId));
        prefixes.addAll(extraPrefixes);
        Map<String, String> visible = new TreeMap<>();
        config.forEach((key, value) -> {
            if (AGENT_SECRETS.contains(key)) {
                return;
            }
            if (SHARED_KEYS.contains(key) || prefixes.stream().anyMatch(key::startsWith)) {
                visible.put(key, value);
            }
        });
        return PluginSettings.of(visible);
    }

    /** Reads {@code Plugin-Settings-Prefixes} from a plugin jar's manifest; empty for directories and unreadable jars. */
    static java.util.List<String> declaredPrefixes(java.nio.file.Path pluginPath) {
        if (!java.nio.file.Files.isRegularFile(pluginPath)) {
            return java.util.List.of();
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(pluginPath.toFile())) {
            java.util.jar.Manifest manifest = jar.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Settings-Prefixes");
            if (value == null || value.isBlank()) {
                return java.util.List.of();
            }
            java.util.List<String> prefixes = new java.util.ArrayList<>();
            for (String part : value.split(",")) {
                String prefix = part.strip().toUpperCase(Locale.ROOT);
                // A prefix must end in an underscore, so "A" cannot widen into every key that starts with A.
                if (prefix.matches("[A-Z][A-Z0-9]*_")) {
                    prefixes.add(prefix);
                }
            }
            return prefixes;
        } catch (java.io.IOException e) {
            return java.util.List.of();
        }
    }
}
