package org.miniops.plugins.ufw;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parsed output of {@code ufw status}: whether the firewall is running, its default policies and its
 * rules in the printed order.
 *
 * <p>The plain and numbered layouts have no {@code Default:} or {@code Logging:} line, so those
 * fields are empty for them; an inactive firewall prints neither policies nor rules. Instances are
 * immutable.
 *
 * @param active whether ufw's chains are loaded, that is {@code Status: active}
 * @param defaultIncoming policy for incoming packets no rule matches
 * @param defaultOutgoing policy for outgoing packets no rule matches
 * @param defaultRouted policy for forwarded packets, {@link UfwPolicy#DISABLED} when the kernel
 *     does not forward
 * @param logging the {@code Logging:} value such as {@code on (low)} or {@code off}, or empty
 * @param rules the rules, IPv4 and IPv6 alike, in the order ufw printed them
 */
public record UfwStatus(boolean active, Optional<UfwPolicy> defaultIncoming, Optional<UfwPolicy> defaultOutgoing,
                        Optional<UfwPolicy> defaultRouted, String logging, List<UfwRule> rules) {

    public UfwStatus {
        Objects.requireNonNull(defaultIncoming, "defaultIncoming");
        Objects.requireNonNull(defaultOutgoing, "defaultOutgoing");
        Objects.requireNonNull(defaultRouted, "defaultRouted");
        Objects.requireNonNull(logging, "logging");
        rules = List.copyOf(rules);
    }
}
