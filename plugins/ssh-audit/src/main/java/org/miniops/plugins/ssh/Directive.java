package org.miniops.plugins.ssh;

import java.util.List;

/**
 * One accepted sshd_config line other than {@code Match} and {@code Include}, in the order sshd
 * reads it.
 *
 * @param keyword canonical keyword, aliases resolved
 * @param arguments arguments as sshd stores them
 * @param file host path of the file
 * @param line 1-based line number
 * @param block the Match block the line belongs to, or null outside any block
 */
record Directive(String keyword, List<String> arguments, String file, int line, MatchBlock block) {

    Directive {
        arguments = List.copyOf(arguments);
    }

    /** Returns whether sshd applies the line when it starts, before any connection is known. */
    boolean appliesAtStartup() {
        return block == null || block.unconditional();
    }

    /** Returns whether the line sits in a Match block that applies to every connection. */
    boolean inUnconditionalBlock() {
        return block != null && block.unconditional();
    }

    /** Returns the line as a value with its location. */
    ConfigValue toValue() {
        return ConfigValue.fromFile(keyword, String.join(" ", arguments), file, line);
    }
}
