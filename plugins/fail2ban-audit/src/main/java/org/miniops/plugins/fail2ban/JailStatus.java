package org.miniops.plugins.fail2ban;

import java.util.List;

/**
 * Live counters of one jail, as {@code fail2ban-client status JAIL} reports them.
 *
 * <p>A counter the output lacks is -1.
 *
 * @param name the jail
 * @param currentlyFailed addresses with failures inside the jail's find time
 * @param totalFailed failures seen since the jail started
 * @param currentlyBanned addresses banned now
 * @param totalBanned bans since the jail started
 * @param bannedAddresses the addresses banned now, IPv4 and IPv6
 * @param files the log files the jail monitors; empty for a jail that reads the journal
 */
record JailStatus(String name, int currentlyFailed, int totalFailed, int currentlyBanned, int totalBanned,
                  List<String> bannedAddresses, List<String> files) {

    JailStatus {
        bannedAddresses = List.copyOf(bannedAddresses);
        files = List.copyOf(files);
    }

    /** Returns the counters as one evidence line, for example {@code sshd: currently failed 1, ..., banned IPs 192.0.2.50}. */
    String describe() {
        return name + ": currently failed " + counter(currentlyFailed)
                + ", total failed " + counter(totalFailed)
                + ", currently banned " + counter(currentlyBanned)
                + ", total banned " + counter(totalBanned)
                + ", banned IPs " + (bannedAddresses.isEmpty() ? "none" : String.join(" ", bannedAddresses));
    }

    private static String counter(int value) {
        return value < 0 ? "not reported" : Integer.toString(value);
    }
}
