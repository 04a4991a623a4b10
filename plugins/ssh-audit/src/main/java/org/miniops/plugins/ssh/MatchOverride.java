package org.miniops.plugins.ssh;

/**
 * Value a conditional Match block sets for one keyword, in place of the global value, for the
 * connections it matches.
 *
 * @param block the block
 * @param value the first value for the keyword inside the block
 */
record MatchOverride(MatchBlock block, ConfigValue value) {

    /** Returns the block and its value, for example {@code Match User deploy (/etc/ssh/sshd_config:7-8) sets PasswordAuthentication yes (/etc/ssh/sshd_config:8)}. */
    String evidence() {
        return block.describe() + " sets " + value.evidence();
    }
}
