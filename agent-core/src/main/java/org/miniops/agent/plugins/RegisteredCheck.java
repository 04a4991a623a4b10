package org.miniops.agent.plugins;

import org.miniops.api.AuditCheck;
import org.miniops.api.PluginSettings;

/**
 * Audit check together with the plugin that contributed it and that plugin's settings.
 *
 * @param pluginId id of the contributing plugin
 * @param check the extension instance
 * @param settings the plugin's namespaced settings
 */
public record RegisteredCheck(String pluginId, AuditCheck check, PluginSettings settings) {
}
