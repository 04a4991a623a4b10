package org.miniops.plugins.fail2ban;

import java.util.List;
import java.util.Optional;

/**
 * Every jail fail2ban's configuration defines, with the problems that keep
 * {@code fail2ban-server} from starting them.
 *
 * @param jails the jails in configuration order; the file reader lists disabled jails too,
 *     {@code fail2ban-client -d} only enabled ones
 * @param problems what fail2ban reports about the configuration, for example
 *     {@code Have not found any log file for sshd jail}, which stops {@code fail2ban-server} at
 *     start-up
 * @param source where the jails came from: the files read, or the command run
 */
public record JailConfiguration(List<JailConfig> jails, List<String> problems, String source) {

    public JailConfiguration {
        jails = List.copyOf(jails);
        problems = List.copyOf(problems);
    }

    /** Returns the jails fail2ban-server starts, in configuration order. */
    public List<JailConfig> effectiveJails() {
        return jails.stream().filter(JailConfig::isEffective).toList();
    }

    /** Returns the jail named {@code name}, if the configuration defines it. */
    public Optional<JailConfig> jail(String name) {
        return jails.stream().filter(jail -> jail.name().equals(name)).findFirst();
    }
}
