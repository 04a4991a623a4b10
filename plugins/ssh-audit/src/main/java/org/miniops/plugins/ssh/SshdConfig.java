package org.miniops.plugins.ssh;

import java.util.List;

/**
 * Parsed sshd_config with its included files: every accepted line in the order sshd reads it,
 * the Match blocks, and what could not be read or would be rejected.
 *
 * @param path host path of the main config file
 * @param files host paths of the files read, in reading order
 * @param directives accepted lines other than {@code Match} and {@code Include}, in reading order
 * @param blocks Match blocks in reading order
 * @param problems lines sshd would reject
 * @param unreadable files and Include directories the agent could not read
 */
record SshdConfig(String path, List<String> files, List<Directive> directives, List<MatchBlock> blocks,
                  List<ConfigProblem> problems, List<UnreadableFile> unreadable) {

    SshdConfig {
        files = List.copyOf(files);
        directives = List.copyOf(directives);
        blocks = List.copyOf(blocks);
        problems = List.copyOf(problems);
        unreadable = List.copyOf(unreadable);
    }
}
