package org.miniops.plugins.portcoverage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.miniops.api.Host;
import org.miniops.plugins.ssh.SshdPorts;

/**
 * Comparison of the ports sshd's configuration sets with the sockets that really listen.
 *
 * <p>As root the agent reads which sockets belong to sshd, so it detects both a configured port
 * without sshd's listener and a port sshd listens on that the configuration no longer sets (sshd
 * was not reloaded). Without root it can only test whether something listens on each configured port. In
 * a file-only audit the sockets belong to the auditing machine, not to the image, so nothing is
 * compared.
 *
 * <p>NOTE: under socket activation a listener of systemd counts as sshd's only on a configured
 * port. A stale {@code ssh.socket} that still listens on an old port while sshd is not running is
 * therefore not found; that would need the unit's {@code ListenStream} lines.
 */
final class SocketComparison {

    private static final String RELOAD = "Check the files with `sshd -t`, then reload sshd (`systemctl reload ssh`"
            + " on Debian and Ubuntu, `systemctl reload sshd` on RHEL; with socket activation"
            + " `systemctl daemon-reload` and `systemctl restart ssh.socket`).";

    private final Host host;
    private final SshdPorts config;
    private final Set<Integer> configured;
    private final Findings findings;

    private SocketComparison(Host host, SshdPorts config, Set<Integer> configured, Findings findings) {
        this.host = host;
        this.config = config;
        this.configured = configured;
        this.findings = findings;
    }

    /**
     * Compares and records the outcome in {@code findings}.
     *
     * @param configured the configured ports, or an empty set when the configuration is incomplete
     * @return the listening sockets known to be sshd's, empty without root
     */
    static List<ListeningSocket> compare(Host host, SshdPorts config, Set<Integer> configured, Findings findings)
            throws IOException {
        return new SocketComparison(host, config, configured, findings).compare();
    }

    private List<ListeningSocket> compare() throws IOException {
        if (!host.canRunCommands()) {
            findings.note("listening sockets not compared: a file-only audit reads an image, whose sockets are not this machine's");
            return List.of();
        }
        ProcNetTcp table = ProcNetTcp.read(host);
        if (!table.known()) {
            findings.unread("the listening sockets (" + table.problem() + ")");
            return List.of();
        }
        SshdProcesses processes = SshdProcesses.scan(host);
        if (processes.ownersKnown()) {
            return compareOwners(table, processes);
        }
        comparePorts(table, processes);
        return List.of();
    }

    /** Compares by owner, which needs root. */
    private List<ListeningSocket> compareOwners(ProcNetTcp table, SshdProcesses processes) {
        Map<SshdProcesses.Owner, List<ListeningSocket>> byOwner = new LinkedHashMap<>();
        for (ListeningSocket socket : table.listening()) {
            SshdProcesses.Owner owner = processes.socketOwners().get(socket.inode());
            if (owner != null && isSshdSocket(owner, socket)) {
                byOwner.computeIfAbsent(owner, key -> new ArrayList<>()).add(socket);
            }
        }
        List<ListeningSocket> sshdSockets = byOwner.values().stream().flatMap(List::stream).toList();
        byOwner.forEach((owner, sockets) -> findings.evidence(describeOwner(owner, sockets, table)));

        if (sshdSockets.isEmpty() && !processes.sshdRuns()) {
            findings.summaryNote("sshd is not running");
            findings.evidence("sshd is not running: no sshd process in /proc and no listening socket of systemd on its ports"
                    + ", so the config is not compared with sockets");
            return List.of();
        }
        if (sshdSockets.isEmpty()) {
            findings.evidence("sshd (PID " + Findings.portList(processes.sshdPids()) + ") holds no listening socket ("
                    + table.sources() + ")");
        }
        if (configured.isEmpty()) {
            return sshdSockets;
        }

        Set<Integer> listening = sshdSockets.stream().map(ListeningSocket::port).collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> missing = difference(configured, listening);
        Set<Integer> extra = difference(listening, configured);
        if (!missing.isEmpty()) {
            findings.mismatch("sshd does not listen on configured " + Findings.ports(missing) + heldByOthers(table, missing),
                    "sshd is configured for " + Findings.ports(missing) + " (" + sourcesOf(missing) + ") but does not listen there."
                            + " If another program holds the port, move one of them.", RELOAD);
        }
        if (!extra.isEmpty()) {
            findings.mismatch("sshd listens on " + Findings.ports(extra) + ", which its config does not set",
                    "sshd listens on " + Findings.ports(extra) + " but no line of " + config.configPath() + " sets it, so sshd"
                            + " runs with an older config or a command-line option such as -p. To keep it, add "
                            + portLines(extra) + " to " + config.configPath()
                            + "; otherwise allow the configured ports in UFW and Fail2Ban first.", RELOAD);
        }
        if (missing.isEmpty() && extra.isEmpty()) {
            findings.matched("the listening sockets");
        }
        return sshdSockets;
    }

    /** Tests whether each configured port has a listener, which is all an unprivileged agent can see. */
    private void comparePorts(ProcNetTcp table, SshdProcesses processes) {
        String reason = host.isPrivileged() ? "the sockets of sshd's processes could not be read"
                : "without root the agent cannot read /proc/PID/fd";
        if (configured.isEmpty()) {
            findings.unread("the listening sockets (" + reason + ", and the config does not give the ports)");
            return;
        }
        for (int port : configured) {
            List<String> endpoints = table.listening().stream().filter(socket -> socket.port() == port)
                    .map(ListeningSocket::endpoint).toList();
            findings.evidence(endpoints.isEmpty() ? "no socket listens on port " + port + " (" + table.sources() + ")"
                    : "listening on port " + port + ": " + String.join(", ", endpoints) + " (" + table.sources() + ")");
        }
        findings.evidence("owner of the sockets not checked: " + reason
                + ", so a port sshd listens on beyond its config goes unseen");
        findings.evidence(processes.sshdRuns()
                ? "sshd runs: PID " + Findings.portList(processes.sshdPids()) + " (/proc/PID/comm)"
                : "no sshd process in /proc" + (processes.complete() ? "" : ", but " + processes.limitation()));

        Set<Integer> listening = table.listening().stream().map(ListeningSocket::port).collect(Collectors.toSet());
        Set<Integer> missing = difference(configured, listening);
        if (missing.isEmpty()) {
            findings.matched("the listening sockets");
        } else if (processes.sshdRuns()) {
            findings.mismatch("nothing listens on configured " + Findings.ports(missing) + " while sshd runs",
                    "sshd is configured for " + Findings.ports(missing) + " (" + sourcesOf(missing) + ") but nothing listens there.",
                    RELOAD);
        } else if (processes.complete()) {
            findings.summaryNote("sshd is not running");
        } else {
            findings.unread("whether sshd runs (" + processes.limitation() + ")");
        }
    }

    /** sshd's own sockets count, and under socket activation those systemd holds on a configured port. */
    private boolean isSshdSocket(SshdProcesses.Owner owner, ListeningSocket socket) {
        return owner.name().equals(SshdProcesses.SSHD) || configured.contains(socket.port());
    }

    private static String describeOwner(SshdProcesses.Owner owner, List<ListeningSocket> sockets, ProcNetTcp table) {
        String endpoints = sockets.stream().map(ListeningSocket::endpoint).collect(Collectors.joining(", "));
        String role = owner.name().equals(SshdProcesses.SSHD) ? " listens on " : " holds for sshd (socket activation) ";
        return owner.describe() + role + endpoints + " (" + table.sources() + ", /proc/" + owner.pid() + "/fd)";
    }

    /** Returns text such as {@code  (another program listens on 2222)} for missing ports that something else holds, or "". */
    private static String heldByOthers(ProcNetTcp table, Set<Integer> missing) {
        Set<Integer> heldPorts = table.listening().stream().map(ListeningSocket::port).filter(missing::contains)
                .collect(Collectors.toCollection(TreeSet::new));
        if (heldPorts.isEmpty()) {
            return "";
        }
        return " (another program listens on " + Findings.portList(heldPorts) + ")";
    }

    /** Returns {@code `Port 22`} or {@code `Port 22` and `Port 80`}. */
    private static String portLines(Set<Integer> ports) {
        return ports.stream().map(port -> "`Port " + port + "`").collect(Collectors.joining(" and "));
    }

    private String sourcesOf(Set<Integer> ports) {
        return config.endpoints().stream().filter(endpoint -> ports.contains(endpoint.port()))
                .map(SshdPorts.Endpoint::source).distinct().collect(Collectors.joining(", "));
    }

    private static Set<Integer> difference(Set<Integer> from, Set<Integer> remove) {
        Set<Integer> rest = new TreeSet<>(from);
        rest.removeAll(remove);
        return rest;
    }
}
