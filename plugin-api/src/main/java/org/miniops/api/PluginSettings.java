package org.miniops.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One plugin's view of the agent configuration ({@code .env} and the process environment).
 *
 * <p>A plugin sees only the keys that start with its prefix, for example {@code TELEGRAM_} for
 * the {@code telegram-notifier} plugin, plus the shared {@code SERVER_NAME}. The agent's own
 * secrets such as {@code AUTH_TOKEN} are never visible here. Instances are immutable.
 */
public interface PluginSettings {

    /** Returns the value of {@code key}, or empty when it is unset or blank. */
    Optional<String> get(String key);

    /** Returns the value of {@code key}, or {@code defaultValue} when it is unset or blank. */
    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** Returns the keys this view contains. */
    Set<String> keys();

    /** Creates settings that contain exactly {@code values}, for tests and for the agent's own use. */
    static PluginSettings of(Map<String, String> values) {
        Map<String, String> copy = new TreeMap<>(values);
        return new PluginSettings() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key)).filter(value -> !value.isBlank());
            }

            @Override
            public Set<String> keys() {
                return java.util.Collections.unmodifiableSet(copy.keySet());
            }

            @Override
            public String toString() {
                // Values may be secrets such as a bot token; print the keys only.
                return "PluginSettings" + copy.keySet();
            }
        };
    }

    /** Creates empty settings. */
    static PluginSettings empty() {
        return of(Map.of());
    }
}
