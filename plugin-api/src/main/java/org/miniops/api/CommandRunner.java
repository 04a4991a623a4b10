package org.miniops.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Way a {@link Host} runs commands: on the real system, not at all, or from recorded output.
 *
 * <p>Tests replace the real runner with {@link RecordedCommands} to replay what a tool printed
 * on a real server.
 */
public interface CommandRunner {

    /** Returns whether this runner runs commands at all. */
    default boolean enabled() {
        return true;
    }

    /**
     * Runs {@code command} and waits at most {@code timeout} for it.
     *
     * @throws CommandNotFoundException if the program is not installed
     * @throws CommandTimeoutException if the command ran past {@code timeout}
     * @throws IOException if the command could not be started
     */
    CommandResult run(List<String> command, Duration timeout) throws IOException;

    /** Returns a runner that starts real processes. */
    static CommandRunner system() {
        return new SystemCommandRunner();
    }

    /** Returns a runner for file-only audits, which runs nothing. */
    static CommandRunner disabled() {
        return new CommandRunner() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public CommandResult run(List<String> command, Duration timeout) {
                throw new IllegalStateException("commands are disabled for file-only audits; not running " + command);
            }
        };
    }
}
