package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

/**
 * Runs both checks against a real fail2ban-server that the test starts with its own
 * configuration, socket, log and database under a temporary directory, inside a network
 * namespace of its own, so its iptables bans never touch the host's firewall.
 *
 * <p>Needs root (for {@code ip netns add} and iptables) and Debian's fail2ban package.
 */
class LiveFail2BanServerTest {

    /** A documentation address (RFC 5737); the test only writes it into a log file, no traffic goes to it. */
    private static final String ATTACKER = "192.0.2.50";
    private static final DateTimeFormatter SYSLOG_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    @TempDir
    Path temp;

    private final Host host = Host.of(Path.of("/"), CommandRunner.system(), true);
    private Path config;
    private Path socket;
    private Path authLog;

    @BeforeEach
    void requireRootAndFail2Ban() throws Exception {
        assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0,
                "needs root: the test starts fail2ban-server in a network namespace it creates with ip netns add");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fail2ban-server")) && Files.isDirectory(Fixtures.SYSTEM_CONFIG),
                "fail2ban is not installed here; install it with: apt-get install fail2ban");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "ip (iproute2) is not installed here");

        config = temp.resolve("conf");
        Fixtures.copyTree(Fixtures.SYSTEM_CONFIG, config);
        Files.deleteIfExists(config.resolve("jail.local"));
        socket = temp.resolve("fail2ban.sock");
        authLog = temp.resolve("auth.log");
        Files.writeString(authLog, "");
        Files.writeString(config.resolve("fail2ban.local"), String.join("\n",
                "[Definition]",
                "socket = " + socket,
                "pidfile = " + temp.resolve("fail2ban.pid"),
                "dbfile = " + temp.resolve("fail2ban.sqlite3"),
                "logtarget = " + temp.resolve("fail2ban.log"),
                ""));
        Files.writeString(config.resolve("jail.local"), String.join("\n",
                "[sshd]",
                "enabled = true",
                "backend = polling",
                "logpath = " + authLog,
                "maxretry = 3",
                "findtime = 10m",
                "bantime = 1h",
                "banaction = iptables-multiport",
                ""));
    }

    private Map<String, String> settings() {
        return Map.of("FAIL2BAN_SOCKET", socket.toString(), "FAIL2BAN_CONFIG_DIR", config.toString());
    }

    @Test
    void runningServerWithBannedAddressPasses() throws Exception {
        withServer(server -> {
            appendFailedLogins(5);
            waitFor("fail2ban to ban " + ATTACKER, () -> client("status", "sshd").stdout().contains(ATTACKER), server.process());

            CheckResult service = Fixtures.run(new Fail2BanServiceCheck(), host, settings());
            CheckResult jails = Fixtures.run(new Fail2BanJailsCheck(), host, settings());

            assertThat(service.status()).as("fail2ban.service: %s", service).isEqualTo(CheckStatus.PASS);
            assertThat(service.evidence()).anyMatch(line -> line.startsWith("fail2ban-server PID " + server.process().pid() + ":"));
            assertThat(jails.status()).as("fail2ban.jails: %s", jails).isEqualTo(CheckStatus.PASS);
            assertThat(jails.evidence()).anyMatch(line -> line.startsWith("sshd: ") && line.contains("banned IPs " + ATTACKER)
                    && line.contains("currently banned 1"));
            assertThat(run(Duration.ofSeconds(10), "ip", "netns", "exec", server.namespace(), "iptables", "-S", "f2b-sshd")
                    .stdout()).as("the ban lands in the test's namespace").contains(ATTACKER);
        });
    }

    @Test
    void unprivilegedClientFindsServerInProcessTable() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed here");
        // Let "nobody" reach the socket's directory, so the client reports the socket's own mode.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Host unprivileged = Host.of(Path.of("/"), new AsNobody(CommandRunner.system()), false);

        withServer(server -> {
            CheckResult service = Fixtures.run(new Fail2BanServiceCheck(), unprivileged, settings());
            CheckResult jails = Fixtures.run(new Fail2BanJailsCheck(), unprivileged, settings());

            assertThat(service.status()).as("fail2ban.service: %s", service).isEqualTo(CheckStatus.PASS);
            assertThat(service.summary()).isEqualTo("fail2ban-server is running (PID " + server.process().pid()
                    + ", seen in /proc); its socket needs root, so live jail counters are not available to this agent");
            assertThat(service.evidence()).anyMatch(line -> line.startsWith("Permission denied to socket: " + socket));
            assertThat(jails.status()).as("fail2ban.jails: %s", jails).isEqualTo(CheckStatus.PASS);
            assertThat(jails.summary()).endsWith("live counters unavailable: Permission denied to socket: " + socket
                    + ", (you must be root)");
            assertThat(jails.evidence()).anyMatch(line -> line.startsWith("sshd enabled: port ssh")
                    && line.contains("log files " + authLog));
        });
    }

    @Test
    void installedButNotRunningFails() throws Exception {
        Path stale = temp.resolve("stale.sock");
        // Binding and closing leaves a socket file that nothing listens on, as a crashed server does.
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(stale));
        }
        assumeTrue(Files.exists(stale), "the JDK removed the closed socket file");
        Map<String, String> settings = Map.of("FAIL2BAN_SOCKET", stale.toString(), "FAIL2BAN_CONFIG_DIR", config.toString());

        CheckResult service = Fixtures.run(new Fail2BanServiceCheck(), host, settings);
        CheckResult jails = Fixtures.run(new Fail2BanJailsCheck(), host, settings);

        assertThat(service.status()).as("fail2ban.service: %s", service).isEqualTo(CheckStatus.FAIL);
        assertThat(service.summary()).startsWith("fail2ban is installed but fail2ban-server is not running");
        assertThat(service.evidence()).anyMatch(line -> line.contains("Connection refused"));
        assertThat(jails.status()).as("fail2ban.jails: %s", jails).isEqualTo(CheckStatus.PASS);
        assertThat(jails.summary()).endsWith("live counters unavailable: fail2ban-server is not running");
    }

    @Test
    void missingSocketFails() throws Exception {
        Map<String, String> settings = Map.of("FAIL2BAN_SOCKET", temp.resolve("none.sock").toString(),
                "FAIL2BAN_CONFIG_DIR", config.toString());

        CheckResult service = Fixtures.run(new Fail2BanServiceCheck(), host, settings);

        assertThat(service.status()).as("fail2ban.service: %s", service).isEqualTo(CheckStatus.FAIL);
        assertThat(service.evidence()).anyMatch(line -> line.startsWith("Failed to access socket path: " + temp.resolve("none.sock")));
    }

    /** A server the test started: its process and the network namespace it runs in. */
    private record RunningServer(Process process, String namespace) {
    }

    private interface ServerTest {
        void run(RunningServer server) throws Exception;
    }

    /**
     * Starts fail2ban-server in the foreground inside a new network namespace, waits until it
     * replies to ping, runs {@code test}, and then stops the server and deletes the namespace,
     * also when {@code test} fails.
     */
    private void withServer(ServerTest test) throws Exception {
        String namespace = "miniops-f2b-" + ProcessHandle.current().pid();
        run(Duration.ofSeconds(10), "ip", "netns", "add", namespace);
        Process process = null;
        try {
            process = new ProcessBuilder("ip", "netns", "exec", namespace, "fail2ban-server", "-f", "-x",
                    "-c", config.toString(), "-s", socket.toString(), "-p", temp.resolve("fail2ban.pid").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("server.out").toFile())
                    .start();
            Process started = process;
            waitFor("fail2ban-server to reply to ping", () -> client("ping").succeeded(), started);
            test.run(new RunningServer(process, namespace));
        } finally {
            stop(process);
            run(Duration.ofSeconds(10), "ip", "netns", "delete", namespace);
        }
    }

    /** Runs every command as user nobody, as an agent without root would. */
    private record AsNobody(CommandRunner runner) implements CommandRunner {
        @Override
        public CommandResult run(List<String> command, Duration timeout) throws IOException {
            List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            wrapped.addAll(command);
            return runner.run(wrapped, timeout);
        }
    }

    private void appendFailedLogins(int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(LocalDateTime.now().format(SYSLOG_TIME)).append(" testhost sshd[").append(4100 + i)
                    .append("]: Failed password for invalid user admin from ").append(ATTACKER)
                    .append(" port ").append(52000 + i).append(" ssh2\n");
        }
        Files.writeString(authLog, lines, StandardOpenOption.APPEND);
    }

    private CommandResult client(String... arguments) throws IOException {
        String[] command = new String[arguments.length + 3];
        command[0] = "fail2ban-client";
        command[1] = "-s";
        command[2] = socket.toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        return run(Duration.ofSeconds(10), command);
    }

    private CommandResult run(Duration timeout, String... command) throws IOException {
        return host.run(timeout, command);
    }

    private interface Probe {
        boolean ready() throws IOException;
    }

    private void waitFor(String condition, Probe probe, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("fail2ban-server exited with " + server.exitValue() + " while waiting for " + condition
                        + ":\n" + Files.readString(temp.resolve("server.out")));
            }
            if (probe.ready()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after 30 s waiting for " + condition + "; server output:\n"
                + Files.readString(temp.resolve("server.out")));
    }

    /** Stops the test's server through its socket, then by PID if it is still alive. */
    private void stop(Process server) throws Exception {
        if (server == null) {
            return;
        }
        if (server.isAlive()) {
            try {
                client("stop");
            } catch (IOException e) {
                // The PID below still ends it.
            }
        }
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
