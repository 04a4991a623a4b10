package org.miniops.agent.logins;

import java.time.Instant;

/**
 * One SSH login as the PAM hook reported it.
 *
 * @param user {@code PAM_USER}
 * @param remoteHost {@code PAM_RHOST} as given: an address, a host name, empty or {@code UNKNOWN}
 * @param service {@code PAM_SERVICE}, normally {@code sshd}
 * @param tty {@code PAM_TTY}, such as {@code ssh} or {@code /dev/pts/0}
 * @param time when the login happened, by the server's clock
 */
public record LoginEvent(String user, String remoteHost, String service, String tty, Instant time) {
}
