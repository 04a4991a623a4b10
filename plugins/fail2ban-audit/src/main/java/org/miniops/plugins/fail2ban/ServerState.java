package org.miniops.plugins.fail2ban;

import java.util.List;

/**
 * What the agent could observe about fail2ban-server, and from which sources.
 *
 * @param status the verdict
 * @param summary one line that explains how the verdict was reached
 * @param evidence what each source reported, with the source named
 * @param socketProblem why {@code status} commands cannot be used, in a few words, or empty when
 *     the server replied to ping on its socket
 * @param server the server options from fail2ban.conf, among them the socket and log file
 */
record ServerState(Status status, String summary, List<String> evidence, String socketProblem, ServerConfig server) {

    ServerState {
        evidence = List.copyOf(evidence);
    }

    /** Returns whether the server replied to ping on its socket, so {@code status} commands work. */
    boolean socketReachable() {
        return socketProblem.isEmpty();
    }

    /** Whether fail2ban-server runs, as far as the agent can tell. */
    enum Status {
        /** It replied to ping on its socket, or its process or active systemd unit was found. */
        RUNNING,
        /** fail2ban is installed, and every process was visible without a server among them. */
        STOPPED,
        /** The socket could not be used and no source could settle whether the server runs. */
        UNKNOWN,
        /** Neither fail2ban-client nor fail2ban-server is installed. */
        NOT_INSTALLED
    }
}
