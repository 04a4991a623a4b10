package org.miniops.plugins.fail2ban;

import java.util.List;
import java.util.Objects;

/**
 * One fail2ban jail as its configuration defines it, whether read from the files or from
 * {@code fail2ban-client -d}.
 *
 * <p>Text fields are empty when the source does not carry them: {@code fail2ban-client -d} names
 * no filter, and its port and ban action are those of the jail's first action.
 *
 * @param name the jail's section name, for example {@code sshd}
 * @param enabled whether {@code enabled} is true, yes, on or 1 for this jail
 * @param port the {@code port} option, for example {@code ssh}, {@code 2222} or {@code http,https}
 * @param filter the filter's name without parameters, for example {@code sshd}
 * @param logPaths the {@code logpath} entries, one per line, without a trailing {@code tail}
 * @param logFiles the existing files those entries match, which fail2ban monitors; empty for a
 *     systemd backend, which reads the journal
 * @param banaction the {@code banaction} option, for example {@code iptables-multiport}
 * @param actions names of the actions fail2ban adds to the jail, in order
 * @param backend the {@code backend} option, for example {@code auto}, {@code polling} or {@code systemd}
 * @param configError why fail2ban skips this enabled jail, or empty when it does not
 * @param source where {@code enabled} was set, for example
 *     {@code /etc/fail2ban/jail.d/defaults-debian.conf:2}, or the command that reported the jail
 */
public record JailConfig(String name, boolean enabled, String port, String filter, List<String> logPaths,
                         List<String> logFiles, String banaction, List<String> actions, String backend,
                         String configError, String source) {

    public JailConfig {
        Objects.requireNonNull(name, "name");
        port = Objects.requireNonNullElse(port, "");
        filter = Objects.requireNonNullElse(filter, "");
        logPaths = List.copyOf(logPaths);
        logFiles = List.copyOf(logFiles);
        banaction = Objects.requireNonNullElse(banaction, "");
        actions = List.copyOf(actions);
        backend = Objects.requireNonNullElse(backend, "");
        configError = Objects.requireNonNullElse(configError, "");
        source = Objects.requireNonNullElse(source, "");
    }

    /** Returns whether fail2ban-server starts this jail: it is enabled and has no configuration error. */
    public boolean isEffective() {
        return enabled && configError.isEmpty();
    }

    /**
     * Returns whether this jail guards OpenSSH: it is named {@code sshd}, fail2ban's name for it
     * since 0.9, or it uses the {@code sshd} filter.
     */
    public boolean guardsSsh() {
        return name.equals("sshd") || filter.equals("sshd");
    }

    /** Returns whether fail2ban reads this jail's failures from the systemd journal instead of log files. */
    public boolean readsJournal() {
        return backend.startsWith("systemd");
    }
}
