package org.miniops.plugins.portcoverage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.miniops.plugins.ufw.UfwFirewall;
import org.miniops.plugins.ufw.UfwPolicy;
import org.miniops.plugins.ufw.UfwRule;

/**
 * Comparison of sshd's ports with the UFW rules that let them in.
 *
 * <p>A mismatch is a default incoming policy of deny or reject with no rule that admits any of
 * sshd's ports, because UFW then shuts the operator out. A port that one rule admits, from
 * anywhere or from some sources only, is enough. An inactive UFW filters nothing, so its rules
 * are shown but not judged; in a file-only audit the boot setting {@code ENABLED} replaces
 * the running state.
 */
final class UfwComparison {

    private UfwComparison() {
    }

    /** Compares UFW with {@code ports}, which must not be empty, and records the outcome in {@code findings}. */
    static void compare(UfwFirewall ufw, Set<Integer> ports, Findings findings) {
        if (!ufw.installed()) {
            findings.note("UFW is not installed");
            return;
        }
        Optional<Boolean> filtering = filtering(ufw, findings);
        if (filtering.isEmpty()) {
            return;
        }

        UfwFirewall.Reading<UfwPolicy> policy = ufw.defaultIncoming();
        UfwFirewall.Reading<List<UfwRule>> rules = ufw.rules();
        if (!filtering.get()) {
            findings.summaryNote(ufw.active().value().isPresent() ? "UFW is inactive" : "UFW is disabled at boot");
            if (policy.value().isPresent() && rules.value().isPresent()) {
                judge(policy, rules, ports, findings, false);
            }
            return;
        }
        if (policy.value().isEmpty()) {
            findings.unread("UFW's default incoming policy (" + policy.description() + ")");
            return;
        }
        if (rules.value().isEmpty()) {
            findings.unread("UFW's rules (" + rules.description() + ")");
            return;
        }
        judge(policy, rules, ports, findings, true);
    }

    /** Returns whether UFW filters: live while it runs, else by its boot setting; empty when neither is known. */
    private static Optional<Boolean> filtering(UfwFirewall ufw, Findings findings) {
        UfwFirewall.Reading<Boolean> active = ufw.active();
        if (active.value().isPresent()) {
            findings.evidence("UFW: Status: " + (active.value().get() ? "active" : "inactive") + " (" + active.description() + ")");
            return active.value();
        }
        UfwFirewall.Reading<Boolean> boot = ufw.enabledAtBoot();
        if (boot.value().isEmpty()) {
            findings.unread("whether UFW runs (" + active.description() + "; " + boot.description() + ")");
            return Optional.empty();
        }
        findings.evidence("UFW: running state not read (" + active.description() + "), so the boot setting decides: "
                + boot.description());
        return boot.value();
    }

    private static void judge(UfwFirewall.Reading<UfwPolicy> policy, UfwFirewall.Reading<List<UfwRule>> rules,
                              Set<Integer> ports, Findings findings, boolean filtering) {
        UfwPolicy incoming = policy.value().orElseThrow();
        findings.evidence("UFW: default incoming " + incoming.word() + " (" + policy.description() + ")");
        Set<Integer> allowed = new TreeSet<>();
        for (int port : ports) {
            Optional<UfwRule> rule = UfwPortRules.admitting(rules.value().orElseThrow(), port);
            rule.ifPresent(admitting -> allowed.add(port));
            findings.evidence(rule.map(admitting -> "UFW: " + port + "/tcp allowed by " + UfwPortRules.describe(admitting))
                    .orElse("UFW: no rule allows " + port + "/tcp") + " (rules from " + rules.description() + ")");
        }

        if (!filtering) {
            if (incoming.blocks() && allowed.isEmpty()) {
                findings.evidence("UFW: once enabled, its default " + incoming.word() + " would shut out sshd's "
                        + Findings.ports(ports) + "; run " + limitCommands(ports) + " before `ufw enable`");
            }
            return;
        }
        if (!incoming.blocks()) {
            findings.matched("UFW (its default incoming policy is allow)");
            return;
        }
        if (!allowed.isEmpty()) {
            findings.matched("UFW's rules");
            return;
        }
        findings.mismatch("UFW allows none of sshd's " + Findings.ports(ports) + " while its default incoming policy is "
                        + incoming.word(),
                "Allow sshd's " + Findings.ports(ports) + " in UFW before it reloads: " + limitCommands(ports)
                        + ", or `ufw allow from YOUR_ADDRESS to any port " + (ports.size() == 1 ? ports.iterator().next() : "PORT")
                        + " proto tcp` to admit one address only.");
    }

    /** Returns {@code `ufw limit 22/tcp`} for each port, joined by "and". */
    static String limitCommands(Set<Integer> ports) {
        return ports.stream().map(port -> "`ufw limit " + port + "/tcp`").collect(Collectors.joining(" and "));
    }
}
