package org.miniops.plugins.ssh;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniops.api.Host;

/**
 * Reader for sshd_config and the files it includes, following OpenSSH 9.x's servconf.c.
 *
 * <p>{@code Include} arguments are glob(3) patterns; relative ones start from {@code /etc/ssh}, the
 * matches are read in byte order, and a pattern that matches nothing is skipped, as sshd skips
 * it. Includes may nest up to 16 levels. Lines after a {@code Match} line belong to that block
 * until the next {@code Match} or the end of the file, and an {@code Include} inside a block puts
 * the included lines in that block. Files are read only through the {@link Host}.
 *
 * <p>The parser does not stop at a line sshd would reject; it records a {@link ConfigProblem}
 * and goes on, so a check can still show what the rest of the files set. A file the agent may not
 * read becomes an {@link UnreadableFile}. Instances serve one parse and are not thread-safe.
 */
final class SshdConfigParser {

    /** Config file sshd reads unless started with {@code -f}. */
    static final String DEFAULT_PATH = "/etc/ssh/sshd_config";

    /** OpenSSH's SSHDIR, where relative Include paths start; {@code /etc/ssh} in Debian, Ubuntu and RHEL builds. */
    static final String SSH_DIRECTORY = "/etc/ssh";

    /** servconf.c's SERVCONF_MAX_DEPTH: sshd stops with "Too many recursive configuration includes" beyond it. */
    static final int MAX_INCLUDE_DEPTH = 16;

    private final Host host;
    private final PortNumbers ports;

    private final List<String> files = new ArrayList<>();
    private final List<PendingDirective> directives = new ArrayList<>();
    private final List<OpenBlock> blocks = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<UnreadableFile> unreadable = new ArrayList<>();
    private boolean stopped;

    private SshdConfigParser(Host host) {
        this.host = host;
        this.ports = PortNumbers.forHost(host);
    }

    /** Reads {@code configPath} and everything it includes from {@code host}. */
    static SshdConfig parse(Host host, String configPath) {
        SshdConfigParser parser = new SshdConfigParser(host);
        parser.readFile(configPath, 0, null);
        return parser.build(configPath);
    }

    private void readFile(String path, int depth, OpenBlock enclosing) {
        Optional<List<String>> lines = readLines(path);
        if (lines.isEmpty()) {
            return;
        }
        files.add(path);

        // An included file starts in the block it was included from, and its own Match lines end with it.
        OpenBlock current = enclosing;
        List<String> text = lines.get();
        for (int index = 0; index < text.size() && !stopped; index++) {
            int lineNumber = index + 1;
            Optional<ConfigLine> parsed;
            try {
                parsed = ConfigLine.parse(text.get(index));
            } catch (ConfigSyntaxException e) {
                addProblem(e, path, lineNumber);
                continue;
            }
            if (parsed.isEmpty()) {
                continue;
            }

            ConfigLine line = parsed.get();
            String keyword = SshdKeywords.canonical(line.keyword());
            if (keyword.equals(SshdKeywords.MATCH)) {
                current = openBlock(line, path, lineNumber, enclosing);
                continue;
            }
            if (current != enclosing) {
                current.lastLine = lineNumber;
            }
            if (keyword.equals(SshdKeywords.INCLUDE)) {
                include(line, path, lineNumber, depth, current);
            } else {
                addDirective(keyword, line, path, lineNumber, current);
            }
        }
    }

    private Optional<List<String>> readLines(String path) {
        try {
            return Optional.of(host.readLines(path));
        } catch (AccessDeniedException e) {
            unreadable.add(new UnreadableFile(path, "permission denied"));
        } catch (NoSuchFileException e) {
            // glob listed it, so it is a dangling link or vanished; sshd would stop on it too.
            unreadable.add(new UnreadableFile(path, "no such file"));
        } catch (IOException e) {
            unreadable.add(new UnreadableFile(path, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return Optional.empty();
    }

    private OpenBlock openBlock(ConfigLine line, String path, int lineNumber, OpenBlock enclosing) {
        List<String> criteria = new ArrayList<>();
        for (String word : ConfigLine.splitWords(line.rest())) {
            if (word.startsWith("#")) {
                break;
            }
            criteria.add(word);
        }
        checkCriteria(criteria, path, lineNumber);

        boolean all = criteria.size() == 1 && criteria.get(0).equalsIgnoreCase("all");
        boolean unconditional = all && (enclosing == null || enclosing.unconditional);
        OpenBlock block = new OpenBlock(String.join(" ", criteria), path, lineNumber, enclosing, unconditional);
        blocks.add(block);
        return block;
    }

    /** Records the Match lines sshd rejects; the attribute names themselves vary by version and are not checked. */
    private void checkCriteria(List<String> criteria, String path, int lineNumber) {
        String message = null;
        if (criteria.isEmpty()) {
            message = "One or more attributes required for Match";
        } else if (criteria.stream().anyMatch(word -> word.equalsIgnoreCase("all")) && criteria.size() > 1) {
            message = "'all' cannot be combined with other Match attributes";
        } else if (criteria.size() % 2 != 0 && !criteria.get(0).equalsIgnoreCase("all")) {
            message = "Missing Match criteria for " + criteria.get(criteria.size() - 1);
        }
        if (message != null) {
            problems.add(new ConfigProblem(SshdKeywords.MATCH, path, lineNumber, message));
        }
    }

    private void include(ConfigLine line, String path, int lineNumber, int depth, OpenBlock current) {
        for (String argument : line.arguments()) {
            if (stopped) {
                return;
            }
            if (argument.isEmpty()) {
                problems.add(new ConfigProblem(SshdKeywords.INCLUDE, path, lineNumber, "keyword Include empty argument"));
                continue;
            }

            String pattern = absolutePattern(argument);
            // NOTE: a directory on the pattern's path that the agent may not search makes Host.glob
            // find nothing, so such an Include looks empty here rather than unreadable.
            List<String> matches;
            try {
                matches = host.glob(pattern);
            } catch (AccessDeniedException e) {
                unreadable.add(new UnreadableFile(parentOf(pattern),
                        "permission denied, so Include " + argument + " (" + path + ":" + lineNumber + ") could not be expanded"));
                continue;
            } catch (IOException e) {
                unreadable.add(new UnreadableFile(parentOf(pattern),
                        "Include " + argument + " (" + path + ":" + lineNumber + ") could not be expanded: " + e.getMessage()));
                continue;
            }

            if (!matches.isEmpty() && depth + 1 > MAX_INCLUDE_DEPTH) {
                problems.add(new ConfigProblem(SshdKeywords.INCLUDE, path, lineNumber,
                        "Too many recursive configuration includes (more than " + MAX_INCLUDE_DEPTH + " levels)"));
                stopped = true;
                return;
            }
            for (String match : matches) {
                // sshd reads a directory as an empty file, so a matched directory adds nothing.
                if (!host.isDirectory(match)) {
                    readFile(match, depth + 1, current);
                }
            }
        }
        if (line.arguments().isEmpty()) {
            problems.add(new ConfigProblem(SshdKeywords.INCLUDE, path, lineNumber, "Include missing filename argument"));
        }
    }

    private void addDirective(String keyword, ConfigLine line, String path, int lineNumber, OpenBlock current) {
        if (current != null && !current.unconditional && !SshdKeywords.allowedInMatch(keyword)) {
            problems.add(new ConfigProblem(keyword, path, lineNumber,
                    "Directive '" + line.keyword() + "' is not allowed within a Match block"));
            return;
        }
        try {
            List<String> arguments = DirectiveArguments.check(keyword, line.arguments(), ports);
            directives.add(new PendingDirective(keyword, arguments, path, lineNumber, current));
        } catch (ConfigSyntaxException e) {
            addProblem(e, path, lineNumber);
        }
    }

    private void addProblem(ConfigSyntaxException e, String path, int lineNumber) {
        problems.add(new ConfigProblem(SshdKeywords.canonical(e.keyword()), path, lineNumber, e.getMessage()));
    }

    /**
     * Makes an Include argument absolute as sshd does: relative paths start from /etc/ssh.
     *
     * <p>NOTE: sshd calls glob(3) without GLOB_TILDE, so {@code ~/x} stays literal and resolves
     * against sshd's working directory, which is {@code /} under systemd; this assumes that.
     */
    private static String absolutePattern(String argument) {
        if (argument.startsWith("/")) {
            return argument;
        }
        if (argument.startsWith("~")) {
            return "/" + argument;
        }
        return SSH_DIRECTORY + "/" + argument;
    }

    private static String parentOf(String pattern) {
        int slash = pattern.lastIndexOf('/');
        return slash <= 0 ? "/" : pattern.substring(0, slash);
    }

    private SshdConfig build(String configPath) {
        // Blocks come before the blocks nested in them, so each enclosing block is built first.
        Map<OpenBlock, MatchBlock> built = new IdentityHashMap<>();
        List<MatchBlock> matchBlocks = new ArrayList<>();
        for (OpenBlock open : blocks) {
            MatchBlock enclosing = open.enclosing == null ? null : built.get(open.enclosing);
            MatchBlock block = new MatchBlock(open.criteria, open.file, open.firstLine, open.lastLine, enclosing, open.unconditional);
            built.put(open, block);
            matchBlocks.add(block);
        }

        List<Directive> result = new ArrayList<>();
        for (PendingDirective pending : directives) {
            MatchBlock block = pending.block == null ? null : built.get(pending.block);
            result.add(new Directive(pending.keyword, pending.arguments, pending.file, pending.line, block));
        }
        return new SshdConfig(configPath, files, result, matchBlocks, problems, unreadable);
    }

    /** Match block still being read; its last line grows as lines arrive. */
    private static final class OpenBlock {
        final String criteria;
        final String file;
        final int firstLine;
        final OpenBlock enclosing;
        final boolean unconditional;
        int lastLine;

        OpenBlock(String criteria, String file, int firstLine, OpenBlock enclosing, boolean unconditional) {
            this.criteria = criteria;
            this.file = file;
            this.firstLine = firstLine;
            this.lastLine = firstLine;
            this.enclosing = enclosing;
            this.unconditional = unconditional;
        }
    }

    private record PendingDirective(String keyword, List<String> arguments, String file, int line, OpenBlock block) {
    }
}
