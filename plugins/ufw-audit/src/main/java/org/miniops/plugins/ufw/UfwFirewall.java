package org.miniops.plugins.ufw;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miniops.api.Host;

/**
 * UFW's state as the checks of this plugin read it, for checks in other plugins that compare
 * UFW's rules with the ports a service listens on.
 *
 * <p>The rules and the default incoming policy come from {@code ufw status verbose} while UFW
 * runs, and from {@code /etc/ufw/user.rules}, {@code user6.rules} and {@code /etc/default/ufw}
 * otherwise: when UFW is inactive, when the command failed (it needs root), and in a file-only
 * audit. Instances are immutable.
 *
 * @param installed whether ufw is installed: its program or {@code /etc/ufw} exists
 * @param active whether UFW runs, from {@code ufw status verbose}; missing in a file-only audit
 *     and when the command failed
 * @param enabledAtBoot whether {@code ENABLED=yes} in {@code /etc/ufw/ufw.conf}
 * @param defaultIncoming the default policy for incoming packets
 * @param rules the rules, IPv4 before IPv6, each family in the order ufw evaluates it
 */
public record UfwFirewall(boolean installed, Reading<Boolean> active, Reading<Boolean> enabledAtBoot,
                          Reading<UfwPolicy> defaultIncoming, Reading<List<UfwRule>> rules) {

    public UfwFirewall {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(enabledAtBoot, "enabledAtBoot");
        Objects.requireNonNull(defaultIncoming, "defaultIncoming");
        Objects.requireNonNull(rules, "rules");
    }

    /**
     * Value read from the host, or the reason it could not be read.
     *
     * @param value the value, empty when it could not be read
     * @param description where the value came from, for example {@code ufw status verbose} or
     *     {@code ENABLED=yes (/etc/ufw/ufw.conf:5)}; when the value is missing, why
     */
    public record Reading<T>(Optional<T> value, String description) {

        public Reading {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(description, "description");
        }

        static <T> Reading<T> of(Observed<T> observed) {
            return observed.known()
                    ? new Reading<>(Optional.of(observed.value()), observed.source())
                    : new Reading<>(Optional.empty(), observed.problem());
        }
    }

    /** Reads UFW's state on {@code host} afresh, running {@code ufw status verbose} when the host runs commands. */
    public static UfwFirewall read(Host host) {
        UfwSnapshot snapshot = UfwReader.read(host);
        Observed<Boolean> active = snapshot.live().known()
                ? Observed.of(snapshot.live().value().active(), UfwSnapshot.STATUS_COMMAND)
                : Observed.missing(snapshot.live().problem());
        return new UfwFirewall(snapshot.installed(), Reading.of(active), Reading.of(snapshot.files().enabledAtBoot()),
                Reading.of(snapshot.defaultIncoming()), Reading.of(snapshot.rules()));
    }
}
