package org.miniops.agent.config;

/** Signals a configuration value the agent cannot start with; the message names the key, the value and the fix. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
