package org.miniops.plugins.ufw;

import java.util.List;

/**
 * Decides which sshd ports UFW lets new connections reach when the default incoming policy
 * blocks them, so the open-ports check can warn before a reload locks the operator out.
 *
 * <p>ufw evaluates a family's rules in order and the first match wins. A port counts as reachable
 * when an incoming allow or limit rule covers it, from any source or interface, before a deny or
 * reject rule shuts it for every source. IPv4 and IPv6 are checked separately, and a port
 * reachable over either counts.
 */
final class SshLockout {

    private SshLockout() {
    }

    /** Returns the ports in {@code sshPorts} that {@code rules} let through, in the given order. */
    static List<Integer> reachablePorts(List<UfwRule> rules, List<Integer> sshPorts) {
        List<UfwRule> ipv4 = rules.stream().filter(rule -> !rule.v6()).toList();
        List<UfwRule> ipv6 = rules.stream().filter(UfwRule::v6).toList();
        return sshPorts.stream().filter(port -> reachable(ipv4, port) || reachable(ipv6, port)).toList();
    }

    private static boolean reachable(List<UfwRule> familyRules, int port) {
        for (UfwRule rule : familyRules) {
            if (!rule.isIncoming() || !rule.covers(port, "tcp")) {
                continue;
            }
            if (rule.action().admits()) {
                return true;
            }
            if (shutsForEveryone(rule)) {
                return false;
            }
        }
        return false;
    }

    private static boolean shutsForEveryone(UfwRule rule) {
        return rule.isFromAnywhere() && UfwRule.isAnywhere(rule.destination()) && rule.interfaceIn().isEmpty()
                && rule.sourcePorts().equals(UfwRule.ANY);
    }
}
