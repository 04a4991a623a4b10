package org.miniops.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniops.agent.net.IpNetwork;

/**
 * Validated settings the agent runs with, merged from {@code .env} and the process environment,
 * the environment winning.
 *
 * <p>Every bad value is rejected at start-up with a {@link ConfigException} that names the key,
 * the value (never a secret's) and the fix. {@link #values()} keeps every merged key for plugin
 * settings. Instances are immutable.
 *
 * @param authToken bearer token for the API, empty for commands that need none
 * @param host address the web server binds to
 * @param port TCP port, 0 for any free port
 * @param dataDir directory for the agent's state
 * @param pluginsDir directory PF4J loads plugins from
 * @param hostRoot directory that stands for {@code /} of the audited machine
 * @param trustedProxies peers whose {@code X-Real-IP} or {@code X-Forwarded-For} is believed
 * @param values every merged key and value, secrets included; never log them
 */
public record AgentConfig(Optional<Secret> authToken, String host, int port, Path dataDir, Path pluginsDir,
                          Path hostRoot, List<IpNetwork> trustedProxies, Map<String, String> values) {

    /** Value written in {@code .env.example}; an agent started with it would accept a published token. */
    public static final String PLACEHOLDER_TOKEN = "replace-with-output-of-openssl-rand-hex-32";

    /** Shortest accepted token: 32 characters, 128 bits when written as hex. */
    public static final int MIN_TOKEN_LENGTH = 32;

    private static final String TOKEN_FIX = "Generate one with: openssl rand -hex 32";

    public AgentConfig {
        trustedProxies = List.copyOf(trustedProxies);
        values = Map.copyOf(values);
    }

    /**
     * Merges and validates the settings.
     *
     * @param fileValues keys from the {@code .env} file, empty if there is none
     * @param environment the process environment
     * @param defaultPluginsDir the distribution's {@code plugins/} directory
     * @param tokenRequired whether a missing {@code AUTH_TOKEN} stops start-up ({@code serve}) or
     *     is allowed ({@code audit})
     */
    public static AgentConfig load(Map<String, String> fileValues, Map<String, String> environment,
                                   Path defaultPluginsDir, boolean tokenRequired) {
        Map<String, String> merged = new HashMap<>(fileValues);
        merged.putAll(environment);

        // Commands that serve no API (audit) ignore the token, so a placeholder in .env does not stop them.
        Optional<Secret> token = tokenRequired ? parseToken(merged.get("AUTH_TOKEN"), true) : Optional.empty();
        String host = parseHost(merged.getOrDefault("APP_HOST", "127.0.0.1"));
        int port = parsePort(merged.getOrDefault("APP_PORT", "3000"));
        Path dataDir = parsePath("DATA_DIR", merged.getOrDefault("DATA_DIR", "./data"));
        Path pluginsDir = blank(merged.get("PLUGINS_DIR")) ? defaultPluginsDir : parsePath("PLUGINS_DIR", merged.get("PLUGINS_DIR"));
        Path hostRoot = parseHostRoot(merged.getOrDefault("HOST_ROOT", "/"));
        List<IpNetwork> proxies = parseNetworks("TRUSTED_PROXIES", merged.getOrDefault("TRUSTED_PROXIES", "127.0.0.1,::1"));
        return new AgentConfig(token, host, port, dataDir, pluginsDir, hostRoot, proxies, merged);
    }

    static Optional<Secret> parseToken(String value, boolean required) {
        if (blank(value)) {
            if (required) {
                throw new ConfigException("AUTH_TOKEN is not set; add AUTH_TOKEN=<token> to .env or the environment. " + TOKEN_FIX);
            }
            return Optional.empty();
        }
        String token = value.strip();
        if (token.equals(PLACEHOLDER_TOKEN)) {
            throw new ConfigException("AUTH_TOKEN is still the placeholder from .env.example; replace it with a secret of your own. " + TOKEN_FIX);
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException("AUTH_TOKEN is " + token.length() + " characters; it needs at least "
                    + MIN_TOKEN_LENGTH + ". " + TOKEN_FIX);
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new ConfigException("AUTH_TOKEN contains spaces or control characters, which an Authorization header cannot carry. " + TOKEN_FIX);
        }
        return Optional.of(new Secret(token));
    }

    static String parseHost(String value) {
        String host = value.strip();
        if (host.isEmpty()) {
            throw new ConfigException("APP_HOST is empty; set it to the address to listen on, for example 127.0.0.1");
        }
        if (IpNetwork.parseAddress(host).isEmpty() && !host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
            throw new ConfigException("APP_HOST '" + host + "' is not an IP address or host name; use for example 127.0.0.1, ::1 or 0.0.0.0");
        }
        return host;
    }

    static int parsePort(String value) {
        String text = value.strip();
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException("APP_PORT '" + text + "' is not a number; use a TCP port from 1 to 65535, for example 3000");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("APP_PORT " + port + " is out of range; use a TCP port from 1 to 65535 (0 picks any free port)");
        }
        return port;
    }

    static Path parsePath(String key, String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            throw new ConfigException(key + " is empty; set it to a directory path or remove the line to use the default");
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(key + " '" + text + "' is not a valid path: " + e.getReason());
        }
    }

    static Path parseHostRoot(String value) {
        Path root = parsePath("HOST_ROOT", value);
        if (!Files.isDirectory(root)) {
            throw new ConfigException("HOST_ROOT '" + value.strip() + "' is not a directory; set it to / or to the directory where the audited system is mounted");
        }
        return root;
    }

    static List<IpNetwork> parseNetworks(String key, String value) {
        List<IpNetwork> networks = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                networks.add(IpNetwork.parse(part));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ": " + e.getMessage() + "; separate several entries with commas");
            }
        }
        return networks;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
