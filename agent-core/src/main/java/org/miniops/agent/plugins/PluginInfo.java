package org.miniops.agent.plugins;

import java.util.List;
import java.util.Optional;

/**
 * What the agent knows about one plugin: what it is, whether it runs, and why not.
 *
 * @param id plugin id from the manifest, or the file name when the manifest could not be read
 * @param version plugin version, empty when unknown
 * @param state PF4J state such as {@code STARTED}, or {@code FAILED}
 * @param path the jar or directory it came from
 * @param extensions ids of the checks and notifiers it contributes
 * @param failure why the plugin or one of its extensions did not load, if anything failed
 */
public record PluginInfo(String id, String version, String state, String path, List<String> extensions,
                         Optional<String> failure) {

    public PluginInfo {
        extensions = List.copyOf(extensions);
    }
}
