package org.miniops.api;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/** {@link Host} that reads files under a root directory, like a chroot without privileges. */
final class RootedHost implements Host {

    /** Same limit as Linux's {@code MAXSYMLINKS}, so link loops end the same way. */
    private static final int MAX_SYMLINK_HOPS = 40;

    private final Path root;
    private final CommandRunner commands;
    private final boolean privileged;

    RootedHost(Path root, CommandRunner commands, boolean privileged) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.commands = Objects.requireNonNull(commands, "commands");
        this.privileged = privileged;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Path resolve(String hostPath) {
        requireAbsolute(hostPath);
        Deque<String> pending = new ArrayDeque<>(components(hostPath));
        List<String> resolved = new ArrayList<>();
        int hops = 0;

        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            resolved.add(name);
            Path current = toRootPath(resolved);
            if (!Files.isSymbolicLink(current)) {
                continue;
            }
            if (++hops > MAX_SYMLINK_HOPS) {
                // Leave the looping path as it is; reading it then fails with the kernel's ELOOP.
                return current;
            }
            String target;
            try {
                target = Files.readSymbolicLink(current).toString();
            } catch (IOException e) {
                return current;
            }
            resolved.removeLast();
            if (target.startsWith("/")) {
                resolved.clear();
            }
            List<String> targetNames = components(target);
            for (int i = targetNames.size() - 1; i >= 0; i--) {
                pending.addFirst(targetNames.get(i));
            }
        }
        return toRootPath(resolved);
    }

    @Override
    public boolean exists(String hostPath) {
        return Files.exists(resolve(hostPath), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(String hostPath) {
        return Files.isDirectory(resolve(hostPath), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<String> readLines(String hostPath) throws IOException {
        Path file = resolve(hostPath);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(hostPath + " is a directory, not a file");
        }
        // Config files written by hand may hold Latin-1 comments; replace bad bytes instead of failing.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(hostPath);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(hostPath, null, "permission denied");
        }
        return lines;
    }

    @Override
    public List<String> glob(String hostPattern) throws IOException {
        requireAbsolute(hostPattern);
        List<String> matches = new ArrayList<>();
        matches.add("");
        for (String component : components(hostPattern)) {
            List<String> next = new ArrayList<>();
            for (String prefix : matches) {
                if (!hasWildcard(component)) {
                    String candidate = prefix + "/" + component;
                    if (Files.exists(resolve(candidate), LinkOption.NOFOLLOW_LINKS)) {
                        next.add(candidate);
                    }
                    continue;
                }
                next.addAll(matchDirectory(prefix, component));
            }
            matches = next;
        }
        matches.sort(RootedHost::compareBytes);
        return matches;
    }

    @Override
    public boolean canRunCommands() {
        return commands.enabled();
    }

    @Override
    public boolean isPrivileged() {
        return privileged;
    }

    @Override
    public CommandResult run(Duration timeout, String... command) throws IOException {
        if (!commands.enabled()) {
            throw new IllegalStateException("commands are disabled on this host (root " + root
                    + "); check canRunCommands() and use the file-based source instead");
        }
        if (command.length == 0) {
            throw new IllegalArgumentException("command is empty; give at least the program name");
        }
        return commands.run(List.of(command), timeout);
    }

    private List<String> matchDirectory(String prefix, String component) throws IOException {
        Path directory = resolve(prefix.isEmpty() ? "/" : prefix);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + toJavaGlob(component));
        boolean dotAllowed = component.startsWith(".");
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") && !dotAllowed) {
                    continue;
                }
                if (matcher.matches(entry.getFileName())) {
                    found.add(prefix + "/" + name);
                }
            }
        }
        return found;
    }

    private Path toRootPath(List<String> names) {
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }

    private static List<String> components(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean hasWildcard(String component) {
        return component.indexOf('*') >= 0 || component.indexOf('?') >= 0 || component.indexOf('[') >= 0;
    }

    /** Converts a glob(3) component to Java's glob syntax, where braces and a leading {@code [!} differ. */
    private static String toJavaGlob(String component) {
        StringBuilder java = new StringBuilder();
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            switch (c) {
                case '{', '}', '\\' -> java.append('\\').append(c);
                case '[' -> {
                    java.append('[');
                    if (i + 1 < component.length() && component.charAt(i + 1) == '^') {
                        java.append('!');
                        i++;
                    }
                }
                default -> java.append(c);
            }
        }
        return java.toString();
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireAbsolute(String hostPath) {
        if (hostPath == null || !hostPath.startsWith("/")) {
            throw new IllegalArgumentException("host path '" + hostPath + "' is not absolute; give it as on the audited machine, for example /etc/ssh/sshd_config");
        }
    }
}
