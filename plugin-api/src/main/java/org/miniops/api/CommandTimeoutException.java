package org.miniops.api;

import java.io.IOException;
import java.time.Duration;

/** Signals that a command ran past its time limit and was killed. */
public final class CommandTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    public CommandTimeoutException(String command, Duration timeout) {
        super(command + " did not finish within " + timeout.toMillis() + " ms and was killed");
    }
}
