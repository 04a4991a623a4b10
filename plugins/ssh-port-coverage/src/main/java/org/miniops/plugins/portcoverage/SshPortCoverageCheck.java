package org.miniops.plugins.portcoverage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.Host;
import org.miniops.plugins.fail2ban.SshJails;
import org.miniops.plugins.ssh.SshdPorts;
import org.miniops.plugins.ufw.UfwFirewall;
import org.pf4j.Extension;

/**
 * Audit check {@code ssh.port-coverage}: the ports sshd listens on match what UFW lets in and
 * what Fail2Ban's sshd jail bans on.
 *
 * <p>sshd's ports come from its configuration and, on the live system, from the listening sockets
 * in {@code /proc/net/tcp} and {@code tcp6}. WARN, naming every port, when the configuration and
 * the sockets disagree, when UFW denies incoming traffic by default and allows none of sshd's
 * ports, or when sshd listens on a port that no sshd jail covers. PASS when every source that
 * could be read lines up, UNKNOWN when none could be read, SKIPPED when sshd is not installed or
 * there is nothing to compare with. Ports sshd binds on loopback addresses only need no cover.
 *
 * <p>The plugin declares {@code Plugin-Settings-Prefixes: UFW_,FAIL2BAN_} in its manifest, so
 * {@code FAIL2BAN_CONFIG_DIR} and {@code FAIL2BAN_SOCKET} reach it as they reach the Fail2Ban plugin.
 */
@Extension
public final class SshPortCoverageCheck implements AuditCheck {

    @Override
    public String id() {
        return "ssh.port-coverage";
    }

    @Override
    public String title() {
        return "SSH port covered by UFW and Fail2Ban";
    }

    @Override
    public String group() {
        return "ssh";
    }

    /** Room for sshd -T (5 s), ufw status verbose (10 s) and fail2ban-client -d (20 s), each with its own limit. */
    @Override
    public Duration timeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public CheckResult check(CheckContext context) throws IOException {
        Host host = context.host();
        SshdPorts config = SshdPorts.load(host, context.settings());
        if (config.notAudited().isPresent()) {
            return config.notAudited().get();
        }

        Findings findings = new Findings();
        Set<Integer> configured = describeConfig(config, findings);
        List<ListeningSocket> sshdSockets = SocketComparison.compare(host, config, configured, findings);
        Map<Integer, List<String>> addresses = addressesByPort(config, configured, sshdSockets);

        Set<Integer> exposed = exposedPorts(addresses, findings);
        if (addresses.isEmpty()) {
            findings.unread("UFW and Fail2Ban (sshd's ports are unknown)");
        } else if (exposed.isEmpty()) {
            findings.note("sshd listens on loopback addresses only, so UFW and Fail2Ban need not cover it");
        } else {
            UfwComparison.compare(UfwFirewall.read(host), exposed, findings);
            JailComparison.compare(SshJails.load(host, context.settings()), exposed, ServiceNames.read(host), findings);
        }
        return findings.result(addresses.keySet(), host.isPrivileged());
    }

    /** Adds the configured endpoints to the evidence and returns their ports, or no port when the configuration is incomplete. */
    private static Set<Integer> describeConfig(SshdPorts config, Findings findings) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (SshdPorts.Endpoint endpoint : config.endpoints()) {
            bySource.computeIfAbsent(endpoint.source(), source -> new ArrayList<>())
                    .add(endpoint.address() + ":" + endpoint.port());
        }
        String prefix = config.gaps().isEmpty() ? "sshd config: " : "sshd config, incomplete: ";
        bySource.forEach((source, endpoints) -> findings.evidence(prefix + source + ": sshd is set to listen on "
                + String.join(", ", endpoints)));
        findings.evidence(config.sourceNote());

        if (!config.gaps().isEmpty()) {
            findings.unread("the sshd config (" + String.join("; ", config.gaps()) + ")");
            return Set.of();
        }
        return new TreeSet<>(config.ports());
    }

    /** Returns the addresses of each port sshd is configured for or listens on, in port order. */
    private static Map<Integer, List<String>> addressesByPort(SshdPorts config, Set<Integer> configured,
                                                              List<ListeningSocket> sshdSockets) {
        Map<Integer, List<String>> addresses = new TreeMap<>();
        for (SshdPorts.Endpoint endpoint : config.endpoints()) {
            if (configured.contains(endpoint.port())) {
                addresses.computeIfAbsent(endpoint.port(), port -> new ArrayList<>()).add(endpoint.address());
            }
        }
        for (ListeningSocket socket : sshdSockets) {
            addresses.computeIfAbsent(socket.port(), port -> new ArrayList<>()).add(socket.address());
        }
        return addresses;
    }

    /** Returns the ports other machines can reach, noting those bound to loopback addresses only. */
    private static Set<Integer> exposedPorts(Map<Integer, List<String>> addresses, Findings findings) {
        Set<Integer> exposed = new TreeSet<>();
        addresses.forEach((port, list) -> {
            if (list.stream().allMatch(Addresses::isLoopback)) {
                findings.evidence("port " + port + " is bound to " + String.join(", ", new TreeSet<>(list))
                        + " only, so UFW and Fail2Ban need not cover it");
            } else {
                exposed.add(port);
            }
        });
        return exposed;
    }
}
