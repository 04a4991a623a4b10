package org.miniops.plugins.ufw;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandRunner;

/**
 * {@link CommandRunner} that runs every command inside a network namespace with
 * {@code ip netns exec}, so ufw reads and changes that namespace's netfilter tables and never the
 * host's.
 */
final class NamespaceCommands implements CommandRunner {

    private final CommandRunner system = CommandRunner.system();
    private final List<String> prefix;

    /**
     * Creates a runner for namespace {@code namespace}; {@code wrapper} goes between
     * {@code ip netns exec NS} and the command, for example {@code setpriv} to drop root.
     */
    NamespaceCommands(String namespace, String... wrapper) {
        List<String> words = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        words.addAll(List.of(wrapper));
        this.prefix = List.copyOf(words);
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        List<String> wrapped = new ArrayList<>(prefix);
        wrapped.addAll(command);
        return system.run(wrapped, timeout);
    }
}
