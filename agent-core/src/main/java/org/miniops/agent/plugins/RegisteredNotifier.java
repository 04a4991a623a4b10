package org.miniops.agent.plugins;

import org.miniops.api.Notifier;
import org.miniops.api.PluginSettings;

/**
 * Notifier together with the plugin that contributed it and that plugin's settings.
 *
 * @param pluginId id of the contributing plugin
 * @param notifier the extension instance
 * @param settings the plugin's namespaced settings
 */
public record RegisteredNotifier(String pluginId, Notifier notifier, PluginSettings settings) {
}
