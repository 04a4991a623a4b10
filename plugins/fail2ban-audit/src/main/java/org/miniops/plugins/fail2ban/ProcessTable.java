package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.miniops.api.Host;

/**
 * Finds {@code fail2ban-server} processes in the host's {@code /proc}, which works without
 * systemd and without access to the server's socket.
 *
 * <p>A process is the server when its first or second argument (after the Python interpreter)
 * is a program named {@code fail2ban-server}. It counts as the audited instance when it names
 * the audited socket with {@code -s}, or, naming no socket, it reads the audited configuration
 * directory ({@code -c}, default {@code /etc/fail2ban}); a test instance with its own socket
 * then does not pass for the system's server.
 *
 * <p>NOTE: an agent in its own PID namespace, such as a container, finds only its own processes in
 * {@code /proc}, so the scan finds no server even when the host runs one.
 */
final class ProcessTable {

    /** Short options of fail2ban-server and fail2ban-client that take a value. */
    private static final String SHORT_OPTIONS_WITH_VALUE = "csp";
    private static final Set<String> LONG_OPTIONS_WITH_VALUE = Set.of("conf", "socket", "pidfile", "pname", "loglevel",
            "logtarget", "syslogsocket", "timeout", "str2sec");

    /** One server process. */
    record ServerProcess(int pid, List<String> arguments) {

        ServerProcess {
            arguments = List.copyOf(arguments);
        }

        /** Returns an evidence line such as {@code fail2ban-server PID 812: /usr/bin/python3 ... (/proc/812/cmdline)}. */
        String describe() {
            return "fail2ban-server PID " + pid + ": " + String.join(" ", arguments) + " (/proc/" + pid + "/cmdline)";
        }
    }

    /**
     * Outcome of one scan.
     *
     * @param servers the audited instance's server processes
     * @param processCount processes whose command line was read
     * @param limitation why an empty {@code servers} does not prove the server is down, or empty
     *     when the scan saw every process
     */
    record Scan(List<ServerProcess> servers, int processCount, String limitation) {

        Scan {
            servers = List.copyOf(servers);
        }

        /** Returns whether the scan saw every process, so that finding no server means none runs. */
        boolean isComplete() {
            return limitation.isEmpty();
        }
    }

    private ProcessTable() {
    }

    /**
     * Scans {@code /proc} for the server that serves {@code socket} or reads {@code configDir}.
     *
     * @throws IOException if {@code /proc} cannot be listed
     */
    static Scan scan(Host host, String socket, String configDir, boolean privileged) throws IOException {
        if (!host.exists("/proc/self")) {
            return new Scan(List.of(), 0, "there is no process table at " + host.resolve("/proc")
                    + " (no /proc/self), as in a mounted image");
        }
        String hiddenBy = privileged ? "" : hidepidOption(host);

        List<ServerProcess> servers = new ArrayList<>();
        int processCount = 0;
        int unreadable = 0;
        for (String file : host.glob("/proc/[0-9]*/cmdline")) {
            List<String> arguments;
            try {
                arguments = arguments(host.readLines(file));
            } catch (NoSuchFileException e) {
                continue;
            } catch (AccessDeniedException e) {
                unreadable++;
                continue;
            }
            processCount++;
            if (isServer(arguments) && serves(arguments, socket, configDir)) {
                servers.add(new ServerProcess(pid(file), arguments));
            }
        }

        String limitation = "";
        if (!hiddenBy.isEmpty()) {
            limitation = "/proc is mounted with " + hiddenBy + ", which hides other users' processes from this agent";
        } else if (unreadable > 0) {
            limitation = unreadable + " process command lines in /proc could not be read (permission denied)";
        }
        return new Scan(servers, processCount, limitation);
    }

    /** Returns whether {@code arguments} start fail2ban-server, directly or through a Python interpreter. */
    static boolean isServer(List<String> arguments) {
        for (int i = 0; i < Math.min(2, arguments.size()); i++) {
            String program = arguments.get(i);
            if (program.substring(program.lastIndexOf('/') + 1).equals("fail2ban-server")) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether a server started with {@code arguments} is the instance for {@code socket} and {@code configDir}. */
    static boolean serves(List<String> arguments, String socket, String configDir) {
        String serverSocket = null;
        String serverConfigDir = null;
        int start = arguments.get(0).endsWith("fail2ban-server") ? 1 : 2;
        for (int i = start; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String option;
            String value;
            if (argument.equals("--") || !argument.startsWith("-") || argument.equals("-")) {
                // Python's getopt stops at the first argument that is not an option, such as "start".
                break;
            }
            if (argument.startsWith("--")) {
                int equals = argument.indexOf('=');
                option = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
                if (!LONG_OPTIONS_WITH_VALUE.contains(option)) {
                    continue;
                }
                value = equals >= 0 ? argument.substring(equals + 1) : i + 1 < arguments.size() ? arguments.get(++i) : "";
            } else {
                int valueAt = firstOptionWithValue(argument);
                if (valueAt < 0) {
                    continue;
                }
                option = argument.substring(valueAt, valueAt + 1);
                value = valueAt + 1 < argument.length() ? argument.substring(valueAt + 1)
                        : i + 1 < arguments.size() ? arguments.get(++i) : "";
            }
            if (option.equals("s") || option.equals("socket")) {
                serverSocket = value;
            } else if (option.equals("c") || option.equals("conf")) {
                serverConfigDir = value;
            }
        }

        if (serverSocket != null) {
            return samePath(serverSocket, socket);
        }
        return samePath(serverConfigDir == null ? Fail2BanSettings.DEFAULT_CONFIG_DIR : serverConfigDir, configDir);
    }

    private static int firstOptionWithValue(String cluster) {
        for (int i = 1; i < cluster.length(); i++) {
            if (SHORT_OPTIONS_WITH_VALUE.indexOf(cluster.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Compares paths as fail2ban's users write them: {@code /var/run} is a link to {@code /run} on current distributions. */
    private static boolean samePath(String first, String second) {
        return normalize(first).equals(normalize(second));
    }

    private static String normalize(String path) {
        String normalized = path.replaceAll("/+", "/");
        if (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized.startsWith("/var/run/") ? normalized.substring("/var".length()) : normalized;
    }

    /** Returns the {@code hidepid=} option of the /proc mount when it hides other users' processes, or "". */
    private static String hidepidOption(Host host) throws IOException {
        List<String> mounts;
        try {
            mounts = host.readLines("/proc/mounts");
        } catch (NoSuchFileException | AccessDeniedException e) {
            return "";
        }
        for (String mount : mounts) {
            String[] fields = mount.split(" ");
            if (fields.length < 4 || !fields[1].equals("/proc") || !fields[2].equals("proc")) {
                continue;
            }
            for (String option : fields[3].split(",")) {
                if (option.startsWith("hidepid=") && !option.equals("hidepid=0") && !option.equals("hidepid=off")) {
                    return option;
                }
            }
        }
        return "";
    }

    /** Splits a {@code /proc/PID/cmdline} file, whose arguments end in NUL bytes, into arguments. */
    private static List<String> arguments(List<String> lines) {
        String cmdline = String.join("\n", lines);
        List<String> arguments = new ArrayList<>(List.of(cmdline.split("\u0000", -1)));
        while (!arguments.isEmpty() && arguments.get(arguments.size() - 1).isEmpty()) {
            arguments.remove(arguments.size() - 1);
        }
        return arguments;
    }

    private static int pid(String cmdlineFile) {
        String directory = cmdlineFile.substring("/proc/".length(), cmdlineFile.lastIndexOf('/'));
        return Integer.parseInt(directory);
    }
}
