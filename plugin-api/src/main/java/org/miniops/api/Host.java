package org.miniops.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * View of the machine under audit: its files relative to a root directory and its commands.
 *
 * <p>Paths are given as they appear on the audited machine ({@code /etc/ssh/sshd_config}) and are
 * read under {@link #root()}. Symbolic links are followed inside the root, so an absolute link in
 * a mounted image points into the image, not at the auditing machine. No path can escape the root.
 *
 * <p>Read errors come out as the JDK's exceptions, so a check can tell them apart:
 * {@link java.nio.file.NoSuchFileException} for a missing file and
 * {@link java.nio.file.AccessDeniedException} for one the agent may not read. Implementations are
 * thread-safe.
 */
public interface Host {

    /** Directory that stands for {@code /} of the audited machine. */
    Path root();

    /**
     * Maps an absolute path of the audited machine to a path under {@link #root()}, following
     * symbolic links inside the root.
     *
     * @throws IllegalArgumentException if {@code hostPath} is not absolute
     */
    Path resolve(String hostPath);

    /** Returns whether a file or directory exists at {@code hostPath}. */
    boolean exists(String hostPath);

    /** Returns whether {@code hostPath} is a directory. */
    boolean isDirectory(String hostPath);

    /** Reads a text file as UTF-8 (invalid bytes replaced) and splits it into lines without their terminators. */
    List<String> readLines(String hostPath) throws IOException;

    /**
     * Expands a glob(3) pattern such as {@code /etc/ssh/sshd_config.d/*.conf} and returns the
     * matching host paths in byte order, as the C library sorts them. Wildcards ({@code *},
     * {@code ?}, {@code [...]}) may appear in any path component; they do not match a leading dot.
     * A pattern without matches returns an empty list.
     *
     * @throws IllegalArgumentException if {@code hostPattern} is not absolute
     */
    List<String> glob(String hostPattern) throws IOException;

    /**
     * Returns whether commands run on this host. They do not when auditing a mounted image or a
     * fixture tree with {@code mini-ops audit --root}: checks then use their file-based sources.
     */
    boolean canRunCommands();

    /** Returns whether the agent runs as root, and so may read root-only files and sockets. */
    boolean isPrivileged();

    /**
     * Runs a command with {@code LC_ALL=C}, no standard input, and a time limit. Output beyond
     * 1 MiB per stream is cut.
     *
     * @param timeout time after which the command and its children are killed
     * @param command program and arguments; the program is looked up in {@code PATH} and the
     *     system directories {@code /usr/sbin} and {@code /sbin}
     * @throws CommandNotFoundException if the program is not installed
     * @throws CommandTimeoutException if the command ran past {@code timeout}
     * @throws IllegalStateException if {@link #canRunCommands()} is false
     * @throws IOException if the command could not be started
     */
    CommandResult run(Duration timeout, String... command) throws IOException;

    /**
     * Creates a host rooted at {@code root}.
     *
     * @param root directory that stands for {@code /}
     * @param commands how commands run; {@link CommandRunner#disabled()} for file-only audits
     * @param privileged whether the agent may read root-only files and sockets
     */
    static Host of(Path root, CommandRunner commands, boolean privileged) {
        return new RootedHost(root, commands, privileged);
    }
}
