package org.miniops.plugins.ufw;

import java.util.Locale;

/**
 * Default policy of one UFW chain: what happens to a packet that no rule matches.
 *
 * <p>{@code ufw status verbose} prints it in ufw's words ({@code deny}), while
 * {@code /etc/default/ufw} stores the iptables target ({@code DROP}).
 */
public enum UfwPolicy {
    ALLOW,
    DENY,
    REJECT,
    /** Routed traffic only: the kernel does not forward packets, so the policy has no effect. */
    DISABLED;

    /** Returns the word {@code ufw status verbose} prints, for example {@code deny}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns whether unmatched packets are dropped or rejected. */
    public boolean blocks() {
        return this == DENY || this == REJECT;
    }

    /**
     * Parses the word in the {@code Default:} line of {@code ufw status verbose}.
     *
     * @throws IllegalArgumentException if {@code word} is not allow, deny, reject or disabled
     */
    static UfwPolicy fromStatusWord(String word) {
        return switch (word) {
            case "allow" -> ALLOW;
            case "deny" -> DENY;
            case "reject" -> REJECT;
            case "disabled" -> DISABLED;
            default -> throw new IllegalArgumentException("UFW default policy '" + word
                    + "' is invalid; ufw status prints allow, deny, reject or disabled");
        };
    }

    /**
     * Parses a {@code DEFAULT_*_POLICY} value of {@code /etc/default/ufw}, already lower-cased and
     * unquoted the way ufw reads it.
     *
     * @throws IllegalArgumentException if {@code target} is not accept, drop or reject, values
     *     with which ufw itself refuses to start
     */
    static UfwPolicy fromTarget(String target) {
        return switch (target) {
            case "accept" -> ALLOW;
            case "drop" -> DENY;
            case "reject" -> REJECT;
            default -> throw new IllegalArgumentException("policy '" + target
                    + "' is invalid; ufw accepts only ACCEPT, DROP or REJECT and refuses to start otherwise");
        };
    }
}
