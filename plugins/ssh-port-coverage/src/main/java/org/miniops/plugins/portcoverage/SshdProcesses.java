package org.miniops.plugins.portcoverage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miniops.api.Host;

/**
 * sshd processes found in the host's {@code /proc}, and, when the agent runs as root, the
 * sockets they have open, so each listening socket can be attributed to its owner.
 *
 * <p>A process is sshd when {@code /proc/PID/comm} reads {@code sshd}: the listener always does,
 * while OpenSSH 9.8 and later name the per-connection processes {@code sshd-session}. PID 1 is
 * scanned too when it is {@code systemd}, which opens sshd's listening socket itself under
 * socket activation ({@code ssh.socket}) until the first connection starts sshd.
 *
 * @param sshdPids PIDs of the sshd processes, in ascending order
 * @param socketOwners owner of each socket inode the scanned processes hold; empty unless
 *     {@link #ownersKnown}
 * @param ownersKnown whether the sockets of the scanned processes were read, which needs root
 * @param limitation why finding no sshd process does not prove that none runs, or empty when the
 *     scan saw every process
 */
record SshdProcesses(List<Integer> sshdPids, Map<Long, Owner> socketOwners, boolean ownersKnown, String limitation) {

    static final String SSHD = "sshd";
    static final String SYSTEMD = "systemd";

    /** Target of a symbolic link in {@code /proc/PID/fd} whose descriptor is a socket, for example {@code socket:[53127]}. */
    private static final Pattern SOCKET_LINK = Pattern.compile("^socket:\\[(\\d+)]$");

    SshdProcesses {
        sshdPids = List.copyOf(sshdPids);
        socketOwners = Map.copyOf(socketOwners);
    }

    /**
     * Process that has a socket open.
     *
     * @param name the process's {@code comm}, {@code sshd} or {@code systemd}
     * @param pid its PID
     */
    record Owner(String name, int pid) {

        /** Returns {@code sshd PID 812}. */
        String describe() {
            return name + " PID " + pid;
        }
    }

    /** Scans {@code /proc}, reading sockets only when the host reports that the agent runs as root. */
    static SshdProcesses scan(Host host) throws IOException {
        List<String> processes = host.glob("/proc/[0-9]*");
        if (processes.isEmpty()) {
            return new SshdProcesses(List.of(), Map.of(), false,
                    "there is no process table at " + host.resolve("/proc"));
        }

        List<Integer> sshdPids = new ArrayList<>();
        List<Integer> scanned = new ArrayList<>();
        int unreadable = 0;
        for (String process : processes) {
            int pid = Integer.parseInt(process.substring("/proc/".length()));
            String name;
            try {
                List<String> comm = host.readLines(process + "/comm");
                name = comm.isEmpty() ? "" : comm.get(0);
            } catch (NoSuchFileException e) {
                // The process ended after the directory was listed.
                continue;
            } catch (AccessDeniedException e) {
                unreadable++;
                continue;
            }
            if (name.equals(SSHD)) {
                sshdPids.add(pid);
                scanned.add(pid);
            } else if (pid == 1 && name.equals(SYSTEMD)) {
                scanned.add(pid);
            }
        }
        sshdPids.sort(null);

        String limitation = limitation(host, unreadable);
        if (!host.isPrivileged()) {
            return new SshdProcesses(sshdPids, Map.of(), false, limitation);
        }
        Map<Long, Owner> owners = new HashMap<>();
        for (int pid : scanned) {
            Owner owner = new Owner(pid == 1 && !sshdPids.contains(pid) ? SYSTEMD : SSHD, pid);
            try {
                socketInodes(host, pid).forEach(inode -> owners.putIfAbsent(inode, owner));
            } catch (AccessDeniedException e) {
                return new SshdProcesses(sshdPids, Map.of(), false, limitation);
            }
        }
        return new SshdProcesses(sshdPids, owners, true, limitation);
    }

    /** Returns whether an sshd process was found. */
    boolean sshdRuns() {
        return !sshdPids.isEmpty();
    }

    /** Returns whether the scan saw every process, so that finding no sshd means none runs. */
    boolean complete() {
        return limitation.isEmpty();
    }

    /**
     * Lists the socket inodes that the descriptors of {@code pid} point at.
     *
     * <p>NOTE: {@link Host} offers no way to read a symbolic link's target, so this reads the
     * links of {@code /proc/PID/fd} with {@link Files#readSymbolicLink} under the host's root.
     */
    private static List<Long> socketInodes(Host host, int pid) throws IOException {
        Path descriptors = host.resolve("/proc/" + pid + "/fd");
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(descriptors)) {
            for (Path entry : entries) {
                String target;
                try {
                    target = Files.readSymbolicLink(entry).toString();
                } catch (NoSuchFileException | java.nio.file.NotLinkException e) {
                    // The descriptor was closed between listing and reading.
                    continue;
                }
                Matcher socket = SOCKET_LINK.matcher(target);
                if (socket.matches()) {
                    inodes.add(Long.parseLong(socket.group(1)));
                }
            }
        } catch (NoSuchFileException e) {
            // The process ended during the scan.
        }
        return inodes;
    }

    private static String limitation(Host host, int unreadable) throws IOException {
        if (!host.isPrivileged()) {
            String hidepid = hidepidOption(host);
            if (!hidepid.isEmpty()) {
                return "/proc is mounted with " + hidepid + ", which hides other users' processes from this agent";
            }
        }
        if (unreadable > 0) {
            return unreadable + " processes in /proc could not be read (permission denied)";
        }
        return "";
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
}
