package org.miniops.plugins.fail2ban;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniops.api.PluginSettings;

/**
 * The plugin's settings: where fail2ban's socket and configuration are, when not at Debian's
 * and upstream's defaults.
 *
 * @param socket {@code FAIL2BAN_SOCKET}, passed to fail2ban-client as {@code -s}; empty to let the
 *     client read it from fail2ban.conf
 * @param configDir {@code FAIL2BAN_CONFIG_DIR}, passed as {@code -c}; empty for {@code /etc/fail2ban}
 */
record Fail2BanSettings(Optional<String> socket, Optional<String> configDir) {

    static final String SOCKET_KEY = "FAIL2BAN_SOCKET";
    static final String CONFIG_DIR_KEY = "FAIL2BAN_CONFIG_DIR";
    static final String DEFAULT_CONFIG_DIR = "/etc/fail2ban";
    static final String DEFAULT_SOCKET = "/var/run/fail2ban/fail2ban.sock";

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException if a path is not absolute; the message names the key and the fix
     */
    static Fail2BanSettings from(PluginSettings settings) {
        Optional<String> socket = settings.get(SOCKET_KEY).map(String::strip);
        Optional<String> configDir = settings.get(CONFIG_DIR_KEY).map(String::strip);
        requireAbsolute(SOCKET_KEY, socket, DEFAULT_SOCKET);
        requireAbsolute(CONFIG_DIR_KEY, configDir, DEFAULT_CONFIG_DIR);
        return new Fail2BanSettings(socket, configDir);
    }

    /** Returns the configuration directory to read, as a host path. */
    String configDirOrDefault() {
        return configDir.orElse(DEFAULT_CONFIG_DIR);
    }

    /** Returns the fail2ban-client options these settings add: {@code -c DIR} and {@code -s SOCKET} when set. */
    List<String> clientOptions() {
        List<String> options = new ArrayList<>();
        configDir.ifPresent(dir -> {
            options.add("-c");
            options.add(dir);
        });
        socket.ifPresent(path -> {
            options.add("-s");
            options.add(path);
        });
        return options;
    }

    private static void requireAbsolute(String key, Optional<String> value, String example) {
        if (value.isPresent() && !value.get().startsWith("/")) {
            throw new IllegalArgumentException(key + " is '" + value.get() + "'; it must be an absolute path, for example "
                    + example + ". Fix it in the agent's .env file.");
        }
    }
}
