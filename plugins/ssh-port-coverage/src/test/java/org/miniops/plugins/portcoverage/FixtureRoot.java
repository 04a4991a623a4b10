package org.miniops.plugins.portcoverage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;
import org.miniops.api.RecordedCommands;

/**
 * Directory that stands for {@code /} of an audited server, with helpers that lay out sshd, ufw,
 * fail2ban and a process table the way Debian 12 does, and the commands the check runs.
 */
final class FixtureRoot {

    static final List<String> UFW_STATUS = List.of("ufw", "status", "verbose");
    static final String JAIL_DIR = "/etc/fail2ban";

    /** The lines of Debian's /etc/services that the tests use. */
    private static final String SERVICES = """
            # Network services, Internet style
            ftp		21/tcp
            ssh		22/tcp				# SSH Remote Login Protocol
            http		80/tcp		www		# WorldWideWeb HTTP
            https		443/tcp				# http protocol over TLS/SSL
            http-alt	8080/tcp	webcache	# WWW caching service
            """;

    private final Path root;
    private final RecordedCommands commands = new RecordedCommands();
    private final KernelSocketTable sockets = new KernelSocketTable();
    private int nextDescriptor = 3;

    FixtureRoot(Path root) {
        this.root = root;
        write("/etc/services", SERVICES);
    }

    /** Writes {@code content} at {@code hostPath}, creating directories. */
    FixtureRoot write(String hostPath, String content) {
        Path file = path(hostPath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Installs sshd with an sshd_config of {@code lines}. */
    FixtureRoot sshdConfig(String... lines) {
        write("/usr/sbin/sshd", "");
        return write("/etc/ssh/sshd_config", String.join("\n", lines) + "\n");
    }

    /** Adds a listening socket to the kernel's tables; {@code address} is an IPv4 or IPv6 literal. */
    FixtureRoot listening(String address, int port, long inode) {
        sockets.listen(address, port, inode);
        return writeSocketTables();
    }

    /** Adds an accepted connection, which the check must not count as a listener. */
    FixtureRoot connection(String local, int localPort, String remote, int remotePort, long inode) {
        sockets.socket(local, localPort, remote, remotePort, KernelSocketTable.ESTABLISHED, inode);
        return writeSocketTables();
    }

    /** Adds process {@code pid} named {@code comm} with the sockets {@code inodes} open, plus a pipe and /dev/null. */
    FixtureRoot process(int pid, String comm, long... inodes) {
        write("/proc/" + pid + "/comm", comm + "\n");
        Path descriptors = path("/proc/" + pid + "/fd");
        try {
            Files.createDirectories(descriptors);
            Files.createSymbolicLink(descriptors.resolve("0"), Path.of("/dev/null"));
            Files.createSymbolicLink(descriptors.resolve("1"), Path.of("pipe:[90001]"));
            for (long inode : inodes) {
                Files.createSymbolicLink(descriptors.resolve(Integer.toString(nextDescriptor++)), Path.of("socket:[" + inode + "]"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Records what {@code ufw status verbose} prints and installs ufw with its files. */
    FixtureRoot ufwStatus(String output) {
        commands.on(UFW_STATUS, output);
        return ufwFiles("ENABLED=yes", "DROP");
    }

    /** Records that {@code ufw status verbose} fails as it does for a user other than root, and installs ufw. */
    FixtureRoot ufwNeedsRoot() {
        commands.on(UFW_STATUS, new CommandResult(1, "", "ERROR: You need to be root to run this script\n"));
        return ufwFiles("ENABLED=yes", "DROP");
    }

    /**
     * Installs ufw's files: {@code ufw.conf} with {@code enabled} ({@code ENABLED=yes}),
     * {@code /etc/default/ufw} with {@code DEFAULT_INPUT_POLICY} set to {@code inputPolicy}, and
     * the {@code ### tuple ###} lines in {@code user.rules} and {@code user6.rules}.
     */
    FixtureRoot ufwFiles(String enabled, String inputPolicy, String... tuples) {
        write("/usr/sbin/ufw", "");
        write("/etc/ufw/ufw.conf", "# /etc/ufw/ufw.conf\n#\n\n# Set to yes to start on boot.\n" + enabled + "\n\nLOGLEVEL=low\n");
        write("/etc/default/ufw", "IPV6=yes\nDEFAULT_INPUT_POLICY=\"" + inputPolicy + "\"\nDEFAULT_OUTPUT_POLICY=\"ACCEPT\"\n"
                + "DEFAULT_FORWARD_POLICY=\"DROP\"\n");
        StringBuilder rules = new StringBuilder("*filter\n:ufw-user-input - [0:0]\n### RULES ###\n");
        StringBuilder rules6 = new StringBuilder(rules);
        for (String tuple : tuples) {
            (tuple.contains("::/0") ? rules6 : rules).append('\n').append("### tuple ### ").append(tuple).append('\n');
        }
        write("/etc/ufw/user.rules", rules + "\n### END RULES ###\nCOMMIT\n");
        return write("/etc/ufw/user6.rules", rules6 + "\n### END RULES ###\nCOMMIT\n");
    }

    /** Installs ufw's files with {@code user.rules} and {@code user6.rules} as ufw itself wrote them. */
    FixtureRoot ufwRecordedFiles(String enabled, String userRules, String user6Rules) {
        ufwFiles(enabled, "DROP");
        write("/etc/ufw/user.rules", userRules);
        return write("/etc/ufw/user6.rules", user6Rules);
    }

    /**
     * Installs fail2ban with Debian's layout reduced to what the sshd jail needs: {@code jail.conf}
     * with the stock {@code [DEFAULT]} and {@code [sshd]} sections, the Debian drop-in that enables
     * sshd, and {@code localLines} as {@code jail.local} when given.
     */
    FixtureRoot fail2ban(String... localLines) {
        write("/usr/bin/fail2ban-client", "");
        write("/usr/bin/fail2ban-server", "");
        write(JAIL_DIR + "/jail.conf", """
                [INCLUDES]
                before = paths-debian.conf

                [DEFAULT]
                enabled = false
                filter = %(__name__)s[mode=%(mode)s]
                mode = normal
                port = 0:65535
                protocol = tcp
                banaction = iptables-multiport
                banaction_allports = iptables-allports
                action_ = %(banaction)s[port="%(port)s", protocol="%(protocol)s"]
                action = %(action_)s

                [sshd]
                port    = ssh
                logpath = %(sshd_log)s
                backend = %(sshd_backend)s
                """);
        write(JAIL_DIR + "/paths-debian.conf", "[DEFAULT]\nsshd_log = /var/log/auth.log\nsshd_backend = auto\n");
        write(JAIL_DIR + "/jail.d/defaults-debian.conf", "[sshd]\nenabled = true\n");
        write(JAIL_DIR + "/filter.d/sshd.conf", "[Definition]\nfailregex = ^Failed \\S+ for .* from <HOST>\n");
        write(JAIL_DIR + "/action.d/iptables-multiport.conf", "[Definition]\nactionban = <iptables> -I f2b-<name> 1 -s <ip> -j <blocktype>\n");
        write(JAIL_DIR + "/action.d/iptables-allports.conf", "[Definition]\nactionban = <iptables> -I f2b-<name> 1 -s <ip> -j <blocktype>\n");
        write("/var/log/auth.log", "");
        if (localLines.length > 0) {
            write(JAIL_DIR + "/jail.local", String.join("\n", localLines) + "\n");
        }
        return this;
    }

    /** Records what {@code command} prints. */
    FixtureRoot command(List<String> command, CommandResult result) {
        commands.on(command, result);
        return this;
    }

    /** Returns the live host: commands replayed from the recordings. */
    Host live(boolean privileged) {
        return Host.of(root, commands, privileged);
    }

    /** Returns a file-only host, as in {@code mini-ops audit --root}. */
    Host filesOnly() {
        return Host.of(root, CommandRunner.disabled(), false);
    }

    Path root() {
        return root;
    }

    static CheckResult run(Host host) {
        return run(host, Map.of());
    }

    static CheckResult run(Host host, Map<String, String> settings) {
        try {
            return new SshPortCoverageCheck().check(new CheckContext(host, PluginSettings.of(settings)));
        } catch (Exception e) {
            throw new AssertionError("ssh.port-coverage threw instead of returning a result", e);
        }
    }

    /** Returns {@code ufw status verbose} for an active firewall with default deny and {@code rows}. */
    static String ufwActive(String... rows) {
        StringBuilder output = new StringBuilder("""
                Status: active
                Logging: on (low)
                Default: deny (incoming), allow (outgoing), disabled (routed)
                New profiles: skip

                To                         Action      From
                --                         ------      ----
                """);
        for (String row : rows) {
            output.append(row).append('\n');
        }
        return output.append('\n').toString();
    }

    /** Formats a rule row as ufw 0.36 does ({@code %-26s %-12s%-26s%s}), a comment starting with " # ". */
    static String row(String to, String action, String from, String comment) {
        return String.format("%-26s %-12s%-26s%s", to, action, from, comment.isEmpty() ? "" : " # " + comment);
    }

    /** Returns a recorded output from the test resources of this package. */
    static String resource(String name) {
        try (InputStream in = FixtureRoot.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FixtureRoot writeSocketTables() {
        write("/proc/net/tcp", sockets.tcp());
        return write("/proc/net/tcp6", sockets.tcp6());
    }

    private Path path(String hostPath) {
        return root.resolve(hostPath.substring(1));
    }
}
