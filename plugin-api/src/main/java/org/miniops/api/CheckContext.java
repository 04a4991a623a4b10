package org.miniops.api;

import java.util.Objects;

/**
 * What the agent hands a check for one run: the host to inspect and the plugin's own settings.
 *
 * @param host the machine or fixture tree under audit
 * @param settings the plugin's namespaced view of the agent configuration
 */
public record CheckContext(Host host, PluginSettings settings) {

    public CheckContext {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
    }
}
