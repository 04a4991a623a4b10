package org.miniops.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CommandRunner} that replays output recorded on a real machine, for tests.
 *
 * <p>Each command line is matched exactly. A command without a recording behaves as if its
 * program were not installed, which is what a check sees on a machine without the tool.
 * Instances are thread-safe.
 */
public final class RecordedCommands implements CommandRunner {

    private final Map<List<String>, Reply> replies = new ConcurrentHashMap<>();

    /** Records that {@code command} prints {@code stdout} and exits 0. */
    public RecordedCommands on(List<String> command, String stdout) {
        return on(command, new CommandResult(0, stdout, ""));
    }

    /** Records the full result of {@code command}. */
    public RecordedCommands on(List<String> command, CommandResult result) {
        replies.put(List.copyOf(command), new Reply(result, false));
        return this;
    }

    /** Records that {@code command} hangs, so running it ends in {@link CommandTimeoutException}. */
    public RecordedCommands hangs(List<String> command) {
        replies.put(List.copyOf(command), new Reply(null, true));
        return this;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        Reply reply = replies.get(command);
        if (reply == null) {
            throw new CommandNotFoundException(command.get(0));
        }
        if (reply.hangs()) {
            throw new CommandTimeoutException(String.join(" ", command), timeout);
        }
        return reply.result();
    }

    private record Reply(CommandResult result, boolean hangs) {
    }
}
