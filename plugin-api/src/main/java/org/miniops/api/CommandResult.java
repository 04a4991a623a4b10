package org.miniops.api;

import java.util.Objects;

/**
 * What a finished command left behind.
 *
 * @param exitCode the process's exit status
 * @param stdout standard output, decoded as UTF-8
 * @param stderr standard error, decoded as UTF-8
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** Returns whether the command exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
