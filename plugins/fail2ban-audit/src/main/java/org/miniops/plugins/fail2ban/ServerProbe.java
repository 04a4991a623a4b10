package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.miniops.api.CommandNotFoundException;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandTimeoutException;
import org.miniops.api.Host;

/**
 * Finds out whether fail2ban-server runs, from several sources because none is always
 * available: {@code fail2ban-client ping} needs access to the root-only socket, the process
 * table can be hidden ({@code hidepid}), and systemd is not PID 1 on every machine.
 *
 * <p>Sources in order: the socket ({@code ping}), the process table ({@code /proc/PID/cmdline}),
 * then {@code systemctl is-active fail2ban}. A socket the agent may not open never makes the
 * server count as stopped: only a complete process table without the server, and no active
 * systemd unit, does.
 */
final class ServerProbe {

    private static final Duration SYSTEMCTL_TIMEOUT = Duration.ofSeconds(5);

    /** Directories where packages and {@code pip} install fail2ban's programs, checked when no command may run. */
    private static final List<String> PROGRAM_DIRECTORIES = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin", "/sbin");

    /** Unit states that {@code systemctl is-active} prints. Other output means systemd could not report a state. */
    private static final Set<String> UNIT_STATES = Set.of("active", "inactive", "failed", "activating", "deactivating",
            "reloading", "refreshing");

    private final Host host;
    private final Fail2BanSettings settings;
    private final Fail2BanClient client;

    ServerProbe(Host host, Fail2BanSettings settings) {
        this.host = host;
        this.settings = settings;
        this.client = new Fail2BanClient(host, settings);
    }

    /** Outcome of {@code fail2ban-client ping}. */
    private enum PingOutcome {
        PONG, FAILED, TIMED_OUT, NOT_RUN, CLIENT_MISSING
    }

    /**
     * Result of pinging the socket.
     *
     * @param failure the client's reason when {@code outcome} is {@link PingOutcome#FAILED}, else null
     * @param problem why {@code status} commands cannot be used, or empty after a pong
     */
    private record PingResult(PingOutcome outcome, ClientFailure failure, String evidence, String problem) {
    }

    /** Observes the server. Expected conditions come back as a state, not as an exception. */
    ServerState observe() throws IOException {
        ServerConfig server = ServerConfig.read(host, settings.configDirOrDefault());
        String socket = settings.socket().orElse(server.socket());

        PingResult ping = askSocket(socket);
        if (ping.outcome() == PingOutcome.CLIENT_MISSING) {
            return notInstalled("fail2ban is not installed: fail2ban-client was not found in PATH, /usr/sbin or /sbin", server);
        }
        if (ping.outcome() == PingOutcome.NOT_RUN && !installedOnDisk()) {
            return notInstalled("fail2ban is not installed: no fail2ban-server or fail2ban-client in "
                    + String.join(", ", PROGRAM_DIRECTORIES), server);
        }

        List<String> evidence = new ArrayList<>();
        evidence.add(ping.evidence());
        if (!server.readError().isEmpty()) {
            evidence.add(server.readError() + ", so fail2ban's default socket and log file are assumed");
        }
        ProcessTable.Scan scan = ProcessTable.scan(host, socket, settings.configDirOrDefault(), host.isPrivileged());
        scan.servers().forEach(process -> evidence.add(process.describe()));
        if (ping.outcome() == PingOutcome.PONG) {
            return new ServerState(ServerState.Status.RUNNING, "fail2ban-server is running and replies to ping on " + socket,
                    evidence, "", server);
        }
        return withoutSocket(socket, server, ping, scan, evidence);
    }

    private PingResult askSocket(String socket) throws IOException {
        if (!host.canRunCommands()) {
            return new PingResult(PingOutcome.NOT_RUN, null,
                    "commands do not run on this host, so fail2ban-server's socket " + socket + " was not asked",
                    "commands do not run on this host");
        }
        String command = client.describe("ping");
        CommandResult ping;
        try {
            ping = client.run(Fail2BanClient.PING_TIMEOUT, "ping");
        } catch (CommandNotFoundException e) {
            return new PingResult(PingOutcome.CLIENT_MISSING, null, "", "fail2ban is not installed");
        } catch (CommandTimeoutException e) {
            String problem = "fail2ban-server did not reply to ping within " + Fail2BanClient.PING_TIMEOUT.toSeconds() + " s";
            return new PingResult(PingOutcome.TIMED_OUT, null, command + ": " + problem, problem);
        }
        if (ping.succeeded() && ping.stdout().contains("pong")) {
            return new PingResult(PingOutcome.PONG, null, ping.stdout().strip() + " (" + command + ")", "");
        }
        ClientFailure failure = ClientFailure.of(ping);
        return new PingResult(PingOutcome.FAILED, failure,
                failure.message() + " (" + command + ", exit code " + ping.exitCode() + ")", failure.message());
    }

    /** Decides from the process table and systemd after ping failed. */
    private ServerState withoutSocket(String socket, ServerConfig server, PingResult ping, ProcessTable.Scan scan,
                                      List<String> evidence) {
        if (!scan.servers().isEmpty()) {
            int pid = scan.servers().get(0).pid();
            if (ping.outcome() == PingOutcome.TIMED_OUT) {
                return new ServerState(ServerState.Status.UNKNOWN, "fail2ban-server runs (PID " + pid
                        + ") but did not reply to ping on " + socket + " within " + Fail2BanClient.PING_TIMEOUT.toSeconds() + " s",
                        evidence, ping.problem(), server);
            }
            return new ServerState(ServerState.Status.RUNNING, "fail2ban-server is running (PID " + pid + ", seen in /proc)"
                    + socketNote(ping), evidence, ping.problem(), server);
        }

        String unit = host.canRunCommands() ? systemdUnitState() : "";
        if (!unit.isEmpty()) {
            evidence.add("systemctl is-active fail2ban: " + unit);
        }
        if (unit.equals("active")) {
            return new ServerState(ServerState.Status.RUNNING, "fail2ban-server is running (systemd unit fail2ban is active)"
                    + socketNote(ping), evidence, ping.problem(), server);
        }

        if (scan.isComplete()) {
            evidence.add("no fail2ban-server for socket " + socket + " among " + scan.processCount() + " processes in /proc");
        } else {
            evidence.add("process table: " + scan.limitation());
        }
        // A socket that denies access exists, so something created it, and a hidden PID namespace may hide its server.
        if (ping.outcome() == PingOutcome.FAILED && ping.failure().kind() == ClientFailure.Kind.PERMISSION_DENIED) {
            return unknown("cannot tell whether fail2ban-server runs: " + ping.problem()
                    + ", and no fail2ban-server process is visible to this agent", evidence, ping, server);
        }
        if (ping.outcome() == PingOutcome.TIMED_OUT) {
            return unknown("cannot tell whether fail2ban-server runs: it did not reply to ping on " + socket + " within "
                    + Fail2BanClient.PING_TIMEOUT.toSeconds() + " s", evidence, ping, server);
        }
        if (!scan.isComplete()) {
            String socketPart = ping.outcome() == PingOutcome.FAILED ? ping.problem() + "; " : "";
            return unknown("cannot tell whether fail2ban-server runs: " + socketPart + scan.limitation(), evidence, ping, server);
        }
        return new ServerState(ServerState.Status.STOPPED, "fail2ban is installed but fail2ban-server is not running",
                evidence, ping.problem(), server);
    }

    /** Returns the unit state from {@code systemctl is-active fail2ban}, or "" when systemd cannot tell. */
    private String systemdUnitState() {
        try {
            CommandResult result = host.run(SYSTEMCTL_TIMEOUT, "systemctl", "is-active", "fail2ban");
            String state = result.stdout().strip();
            // Without systemd as PID 1 it prints "System has not been booted with systemd" to stderr.
            return UNIT_STATES.contains(state) ? state : "";
        } catch (IOException e) {
            return "";
        }
    }

    private boolean installedOnDisk() {
        for (String directory : PROGRAM_DIRECTORIES) {
            if (host.exists(directory + "/fail2ban-server") || host.exists(directory + "/fail2ban-client")) {
                return true;
            }
        }
        return false;
    }

    private static String socketNote(PingResult ping) {
        if (ping.outcome() != PingOutcome.FAILED) {
            return "";
        }
        if (ping.failure().kind() == ClientFailure.Kind.PERMISSION_DENIED) {
            return "; its socket needs root, so live jail counters are not available to this agent";
        }
        return "; its socket did not reply: " + ping.problem();
    }

    private static ServerState unknown(String summary, List<String> evidence, PingResult ping, ServerConfig server) {
        return new ServerState(ServerState.Status.UNKNOWN, summary, evidence, ping.problem(), server);
    }

    private static ServerState notInstalled(String summary, ServerConfig server) {
        return new ServerState(ServerState.Status.NOT_INSTALLED, summary, List.of(), "fail2ban is not installed", server);
    }
}
