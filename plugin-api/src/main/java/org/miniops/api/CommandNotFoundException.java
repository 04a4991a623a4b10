package org.miniops.api;

import java.io.IOException;

/** Signals that a command's program is not installed; checks usually answer {@link CheckStatus#SKIPPED}. */
public final class CommandNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String program;

    public CommandNotFoundException(String program) {
        super(program + ": command not found in PATH, /usr/sbin or /sbin");
        this.program = program;
    }

    /** Program that was looked up. */
    public String program() {
        return program;
    }
}
