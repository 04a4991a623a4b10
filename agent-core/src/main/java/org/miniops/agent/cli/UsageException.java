package org.miniops.agent.cli;

/** Signals a command line the agent cannot run; the message names what is wrong and what to type. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
