package org.miniops.plugins.ufw;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures: outputs and files recorded from ufw 0.36.2 on Debian 12, and helpers that write
 * a fixture root the way a real server lays out its files.
 *
 * <p>The {@code recorded-*} resources come from one network namespace in which these commands
 * ran: {@code ufw --force enable}, {@code default deny incoming}, {@code limit 2222/tcp comment
 * ssh}, {@code allow from 203.0.113.0/24 to any app OpenSSH}, {@code allow 80,443/tcp},
 * {@code allow 60000:61000/udp comment mosh}, {@code allow in on eth1 from 10.0.0.0/8 to any port
 * 5432 proto tcp}, {@code deny out 25/tcp}, then a rule of every other kind (route, log, app
 * profiles, addresses, protocols, source ports).
 *
 * <p>The {@code status-*-example.txt} resources show the firewall of those first eight commands
 * in the verbose and the plain layout, padded with ufw's own format, except that the outgoing
 * {@code 25/tcp} rule appears for IPv4 only.
 */
final class Fixtures {

    static final List<String> STATUS_VERBOSE = List.of("ufw", "status", "verbose");

    /** /etc/default/ufw as Debian installs it, reduced to the settings ufw reads. */
    static final String DEFAULTS_DROP = """
            # /etc/default/ufw
            IPV6=yes
            DEFAULT_INPUT_POLICY="DROP"
            DEFAULT_OUTPUT_POLICY="ACCEPT"
            DEFAULT_FORWARD_POLICY="DROP"
            DEFAULT_APPLICATION_POLICY="SKIP"
            MANAGE_BUILTINS=no
            """;

    static final String CONF_ENABLED = """
            # /etc/ufw/ufw.conf
            #

            # Set to yes to start on boot.
            ENABLED=yes

            LOGLEVEL=low
            """;

    static final String CONF_DISABLED = CONF_ENABLED.replace("ENABLED=yes", "ENABLED=no");

    /** Profiles with the same ports as the ones Debian's openssh-server and ufw packages install. */
    static final Map<String, String> PROFILES = Map.of(
            "OpenSSH", "22/tcp",
            "WWW Full", "80,443/tcp",
            "KTorrent", "6881/tcp|4444/udp");

    private Fixtures() {
    }

    /** Returns a test resource as text, byte for byte. */
    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " not found next to " + Fixtures.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} at {@code hostPath} under {@code root}, creating directories. */
    static void write(Path root, String hostPath, String content) {
        Path file = root.resolve(hostPath.substring(1));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lays out an installed ufw under {@code root}: {@code ufw.conf}, {@code /etc/default/ufw}
     * and the recorded rule files.
     */
    static void installUfw(Path root, String conf, String defaults) {
        write(root, "/etc/ufw/ufw.conf", conf);
        write(root, "/etc/default/ufw", defaults);
        write(root, "/etc/ufw/user.rules", resource("recorded-user.rules"));
        write(root, "/etc/ufw/user6.rules", resource("recorded-user6.rules"));
    }

    /** Writes a user.rules file that contains exactly {@code tuples} between ufw's usual header and footer. */
    static String rulesFile(String... tuples) {
        StringBuilder file = new StringBuilder("*filter\n:ufw-user-input - [0:0]\n### RULES ###\n");
        for (String tuple : tuples) {
            file.append('\n').append(tuple).append('\n');
        }
        return file.append("\n### END RULES ###\nCOMMIT\n").toString();
    }
}
