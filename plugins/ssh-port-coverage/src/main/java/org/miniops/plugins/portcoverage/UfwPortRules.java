package org.miniops.plugins.portcoverage;

import java.util.List;
import java.util.Optional;
import org.miniops.plugins.ufw.UfwRule;

/**
 * Finds the UFW rule that lets new TCP connections reach a port.
 *
 * <p>ufw evaluates each address family's rules in order and the first match wins. A port counts as
 * allowed when an incoming ALLOW or LIMIT rule for TCP covers it, from any source and on any
 * interface, before a DENY or REJECT rule closes it for every source. IPv4 and IPv6 are checked
 * apart, and a port allowed over either counts. An application profile such as {@code OpenSSH}
 * needs no lookup here: {@code ufw status verbose} and {@code user.rules} both carry its ports.
 */
final class UfwPortRules {

    private UfwPortRules() {
    }

    /** Returns the first rule that admits TCP connections to {@code port}, IPv4 before IPv6. */
    static Optional<UfwRule> admitting(List<UfwRule> rules, int port) {
        return admittingInFamily(rules.stream().filter(rule -> !rule.v6()).toList(), port)
                .or(() -> admittingInFamily(rules.stream().filter(UfwRule::v6).toList(), port));
    }

    /** Returns a rule in {@code ufw status} words, for example {@code LIMIT IN 2222/tcp from anywhere # ssh}. */
    static String describe(UfwRule rule) {
        StringBuilder text = new StringBuilder(rule.action().name()).append(" IN ");
        text.append(rule.destinationPorts().equals(UfwRule.ANY) ? "any port" : rule.destinationPorts());
        if (!rule.protocol().equals(UfwRule.ANY)) {
            text.append('/').append(rule.protocol());
        }
        if (!rule.destinationApp().isEmpty()) {
            text.append(" (").append(rule.destinationApp()).append(')');
        }
        if (!UfwRule.isAnywhere(rule.destination())) {
            text.append(" to ").append(rule.destination());
        }
        text.append(" from ").append(rule.isFromAnywhere() ? "anywhere" : rule.source());
        if (!rule.interfaceIn().isEmpty()) {
            text.append(" on ").append(rule.interfaceIn());
        }
        if (rule.v6()) {
            text.append(" (v6)");
        }
        if (!rule.comment().isEmpty()) {
            text.append(" # ").append(rule.comment());
        }
        return text.toString();
    }

    private static Optional<UfwRule> admittingInFamily(List<UfwRule> familyRules, int port) {
        for (UfwRule rule : familyRules) {
            if (!rule.isIncoming() || !rule.covers(port, "tcp")) {
                continue;
            }
            if (rule.action().admits()) {
                return Optional.of(rule);
            }
            if (closesForEveryone(rule)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean closesForEveryone(UfwRule rule) {
        return rule.isFromAnywhere() && UfwRule.isAnywhere(rule.destination()) && rule.interfaceIn().isEmpty()
                && rule.sourcePorts().equals(UfwRule.ANY);
    }
}
