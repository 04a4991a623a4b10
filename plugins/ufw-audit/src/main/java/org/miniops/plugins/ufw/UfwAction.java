package org.miniops.plugins.ufw;

import java.util.Locale;

/** Verdict of a UFW rule, as {@code ufw allow|deny|reject|limit} sets it. */
public enum UfwAction {
    /** Accepts matching packets. */
    ALLOW,
    /** Drops matching packets silently. */
    DENY,
    /** Drops matching packets and notifies the sender (TCP reset or ICMP unreachable). */
    REJECT,
    /** Accepts matching packets but rejects an address after 6 new connections in 30 seconds. */
    LIMIT;

    /** Returns whether matching packets get through, which is true for {@link #LIMIT} too. */
    public boolean admits() {
        return this == ALLOW || this == LIMIT;
    }

    /**
     * Parses an action as {@code ufw status} prints it ({@code ALLOW}) or as {@code user.rules} stores
     * it ({@code allow}).
     *
     * @throws IllegalArgumentException if {@code text} is not one of allow, deny, reject or limit
     */
    static UfwAction parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "allow" -> ALLOW;
            case "deny" -> DENY;
            case "reject" -> REJECT;
            case "limit" -> LIMIT;
            default -> throw new IllegalArgumentException(
                    "UFW action '" + text + "' is invalid; ufw knows allow, deny, reject and limit");
        };
    }
}
