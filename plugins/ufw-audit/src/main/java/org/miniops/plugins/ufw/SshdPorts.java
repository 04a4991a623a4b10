package org.miniops.plugins.ufw;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.miniops.api.Host;

/**
 * TCP ports sshd is configured to listen on, read from {@code /etc/ssh/sshd_config} and the files
 * it includes, so the open-ports check can tell whether UFW would lock the operator out.
 *
 * <p>Every {@code Port} line adds a port (sshd accepts several), 22 when there is none.
 * A {@code ListenAddress} with its own port ({@code 0.0.0.0:2222}, {@code [::]:2222}) listens on
 * that port only; one without a port, or no {@code ListenAddress} at all, listens on the
 * {@code Port} ports.
 *
 * <p>NOTE: this is a simplified reading kept inside this plugin. It stops at the first
 * {@code Match} line of each file, where sshd forbids {@code Port} anyway, ignores command-line
 * options, and does not compare the result with the listening sockets in {@code /proc/net/tcp}
 * and {@code tcp6}, because without root the agent cannot tell which process owns a socket.
 */
final class SshdPorts {

    static final String CONFIG = "/etc/ssh/sshd_config";

    /** Same nesting limit as sshd's {@code READCONF_MAX_DEPTH}, so include loops end. */
    private static final int MAX_INCLUDE_DEPTH = 16;
    private static final int DEFAULT_PORT = 22;

    private final Host host;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Integer> listenPorts = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private boolean listenWithoutPort;
    private boolean listenSeen;

    private SshdPorts(Host host) {
        this.host = host;
    }

    /**
     * Reads the ports: the list is empty when {@code sshd_config} does not exist (sshd is not
     * installed), and missing when a file cannot be read.
     */
    static Observed<List<Integer>> read(Host host) {
        if (!host.exists(CONFIG)) {
            return Observed.of(List.of(), CONFIG + " not found, so sshd is not installed");
        }
        SshdPorts reader = new SshdPorts(host);
        try {
            reader.readFile(CONFIG, 0);
        } catch (IOException e) {
            return Observed.missing(UfwConfigFiles.describe(CONFIG, e) + "; cannot tell which port sshd uses");
        }
        return reader.result();
    }

    private Observed<List<Integer>> result() {
        TreeSet<Integer> listening = new TreeSet<>(listenPorts);
        if (!listenSeen || listenWithoutPort) {
            if (ports.isEmpty()) {
                listening.add(DEFAULT_PORT);
                sources.add("Port 22 (OpenSSH default)");
            } else {
                listening.addAll(ports);
            }
        }
        return Observed.of(List.copyOf(listening), String.join(", ", sources));
    }

    private void readFile(String path, int depth) throws IOException {
        List<String> lines = host.readLines(path);
        for (int index = 0; index < lines.size(); index++) {
            String[] words = keywordAndArgument(lines.get(index));
            if (words == null) {
                continue;
            }
            String location = " (" + path + ":" + (index + 1) + ")";
            switch (words[0]) {
                case "match" -> {
                    return;
                }
                case "port" -> parsePort(words[1]).ifPresent(port -> {
                    ports.add(port);
                    sources.add("Port " + port + location);
                });
                case "listenaddress" -> addListenAddress(words[1], location);
                case "include" -> include(words[1], depth);
                default -> {
                }
            }
        }
    }

    private void addListenAddress(String argument, String location) {
        listenSeen = true;
        String address = argument.split("\\s+")[0];
        String port = null;
        if (address.startsWith("[")) {
            int close = address.indexOf("]:");
            port = close < 0 ? null : address.substring(close + 2);
        } else if (address.indexOf(':') >= 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            port = address.substring(address.indexOf(':') + 1);
        }
        if (port == null) {
            listenWithoutPort = true;
            return;
        }
        parsePort(port).ifPresent(value -> {
            listenPorts.add(value);
            sources.add("ListenAddress " + address + location);
        });
    }

    private void include(String argument, int depth) throws IOException {
        if (depth >= MAX_INCLUDE_DEPTH) {
            return;
        }
        for (String pattern : argument.split("\\s+")) {
            // sshd resolves relative Include paths against /etc/ssh.
            String absolute = pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern;
            for (String path : host.glob(absolute)) {
                try {
                    readFile(path, depth + 1);
                } catch (NoSuchFileException e) {
                    // A file removed between glob and read is simply gone.
                }
            }
        }
    }

    /** Splits {@code Keyword value}, {@code Keyword=value} or {@code Keyword = value}; null for blanks and comments. */
    private static String[] keywordAndArgument(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) != '=') {
            end++;
        }
        String keyword = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = trimmed.substring(end).strip();
        if (rest.startsWith("=")) {
            rest = rest.substring(1).strip();
        }
        return new String[] {keyword, unquote(rest)};
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Optional<Integer> parsePort(String text) {
        String first = text.split("\\s+")[0];
        try {
            int port = Integer.parseInt(first);
            return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
