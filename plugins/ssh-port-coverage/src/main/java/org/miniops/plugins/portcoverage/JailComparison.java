package org.miniops.plugins.portcoverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.miniops.plugins.fail2ban.SshJails;

/**
 * Comparison of sshd's ports with the ports of the Fail2Ban jails that guard sshd.
 *
 * <p>A ban blocks an address on the jail's ports only, so a port sshd listens on that no sshd
 * jail covers lets a banned address go on guessing passwords there. Whether a jail for sshd
 * exists at all, and whether fail2ban-server runs, is for the {@code fail2ban.jails} and
 * {@code fail2ban.service} checks; here a missing jail is only noted.
 */
final class JailComparison {

    private JailComparison() {
    }

    /** Compares the jails with {@code ports}, which must not be empty, and records the outcome in {@code findings}. */
    static void compare(SshJails fail2ban, Set<Integer> ports, ServiceNames names, Findings findings) {
        if (!fail2ban.installed()) {
            findings.note("Fail2Ban is not installed");
            return;
        }
        if (!fail2ban.problem().isEmpty()) {
            findings.unread("Fail2Ban's jails (" + fail2ban.problem() + ")");
            return;
        }
        if (fail2ban.jails().isEmpty()) {
            findings.note("Fail2Ban has no enabled jail for sshd");
            findings.evidence("Fail2Ban: jails read from " + fail2ban.source());
            return;
        }

        List<JailPorts> covered = new ArrayList<>();
        boolean portsKnown = true;
        for (SshJails.Jail jail : fail2ban.jails()) {
            JailPorts jailPorts = JailPorts.of(jail.port(), jail.actions(), names);
            covered.add(jailPorts);
            findings.evidence(describe(jail, jailPorts, fail2ban.source()));
            jailPorts.unresolved().forEach(item -> findings.evidence("Fail2Ban: jail " + jail.name() + " names '" + item
                    + "', which is neither a port, a range nor a TCP service in " + ServiceNames.SERVICES));
            portsKnown &= !jail.port().isEmpty() || jailPorts.allPortsAction().isPresent();
        }
        if (!names.note().isEmpty()) {
            findings.evidence("Fail2Ban: " + names.note());
        }
        if (!portsKnown) {
            findings.unread("the ports of Fail2Ban's " + jailNames(fail2ban) + " (" + fail2ban.source() + " gives no port)");
            return;
        }

        Set<Integer> uncovered = ports.stream().filter(port -> covered.stream().noneMatch(jail -> jail.covers(port)))
                .collect(Collectors.toCollection(TreeSet::new));
        if (uncovered.isEmpty()) {
            findings.matched("Fail2Ban's " + jailNames(fail2ban));
            return;
        }
        SshJails.Jail first = fail2ban.jails().get(0);
        findings.mismatch("sshd listens on " + Findings.ports(uncovered) + " but Fail2Ban's " + jailNames(fail2ban)
                        + " covers " + coveredText(covered),
                "In " + fail2ban.configDir() + "/jail.local, section [" + first.name() + "], set `port = " + portValue(ports)
                        + "`, then run `fail2ban-client reload`.");
    }

    /** Returns an evidence line such as {@code Fail2Ban: jail sshd port = ssh, which is 22 (/etc/fail2ban/jail.conf:281; jails from fail2ban-client -d)}. */
    private static String describe(SshJails.Jail jail, JailPorts jailPorts, String source) {
        String port = jail.port().isEmpty() ? "no port set" : "port = " + jail.port();
        String where = (jail.portLocation().isEmpty() ? "" : jail.portLocation() + "; ") + "jails from " + source;
        return "Fail2Ban: jail " + jail.name() + " " + port + ", which is " + jailPorts.describe() + " (" + where + ")";
    }

    /** Returns {@code port 22 only}, {@code ports 22, 80-90 only} or {@code no port}. */
    private static String coveredText(List<JailPorts> covered) {
        List<JailPorts.Span> spans = covered.stream().flatMap(jail -> jail.spans().stream()).distinct().toList();
        if (spans.isEmpty()) {
            return "no port";
        }
        boolean single = spans.size() == 1 && spans.get(0).first() == spans.get(0).last();
        return (single ? "port " : "ports ") + spans.stream().map(JailPorts.Span::toString).collect(Collectors.joining(", "))
                + " only";
    }

    private static String jailNames(SshJails fail2ban) {
        List<String> names = fail2ban.jails().stream().map(SshJails.Jail::name).toList();
        return (names.size() == 1 ? "jail " : "jails ") + String.join(", ", names);
    }

    /** Returns the {@code port} value for {@code ports}, with fail2ban's usual {@code ssh} for 22. */
    private static String portValue(Set<Integer> ports) {
        return ports.stream().sorted().map(port -> port == 22 ? "ssh" : String.valueOf(port)).collect(Collectors.joining(","));
    }
}
