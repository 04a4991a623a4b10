package org.miniops.plugins.ufw;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one check run learned about UFW: the live status when {@code ufw status verbose}
 * could run, and the configuration files as the fallback.
 *
 * @param installed whether ufw is installed: its program or {@code /etc/ufw} exists
 * @param commandsAllowed whether the host runs commands; false in a file-only audit
 *     ({@code mini-ops audit --root DIR}), where the files are the only source
 * @param live the parsed {@code ufw status verbose}, or why it is missing
 * @param files the configuration read from ufw's files
 */
record UfwSnapshot(boolean installed, boolean commandsAllowed, Observed<UfwStatus> live, UfwConfigFiles files) {

    static final String STATUS_COMMAND = "ufw status verbose";

    UfwSnapshot {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(files, "files");
    }

    /** Returns whether the live status was read and reports the firewall as running. */
    boolean liveActive() {
        return live.known() && live.value().active();
    }

    /** Returns whether the live status was read and reports the firewall as stopped. */
    boolean liveInactive() {
        return live.known() && !live.value().active();
    }

    /** Returns whether the host could run commands but {@code ufw status verbose} produced no usable output. */
    boolean liveFailed() {
        return commandsAllowed && !live.known();
    }

    /** Returns the default incoming policy from the live status while UFW runs, else from {@code /etc/default/ufw}. */
    Observed<UfwPolicy> defaultIncoming() {
        if (liveActive()) {
            Optional<UfwPolicy> shown = live.value().defaultIncoming();
            if (shown.isPresent()) {
                return Observed.of(shown.get(), "Default: " + shown.get().word() + " (incoming) (" + STATUS_COMMAND + ")");
            }
        }
        return files.defaultIncoming();
    }

    /** Returns the rules from the live status while UFW runs, else from ufw's rule files. */
    Observed<List<UfwRule>> rules() {
        return liveActive() ? Observed.of(live.value().rules(), STATUS_COMMAND) : files.rules();
    }
}
