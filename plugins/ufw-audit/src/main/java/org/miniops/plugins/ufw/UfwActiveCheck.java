package org.miniops.plugins.ufw;

import java.util.ArrayList;
import java.util.List;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.pf4j.Extension;

/**
 * Check {@code ufw.active}: whether UFW is running, from {@code ufw status verbose}.
 *
 * <p>Without that command the running state cannot be seen. When the command fails (it needs
 * root) the result is {@code UNKNOWN}, with the boot setting from {@code /etc/ufw/ufw.conf} as
 * evidence. In a file-only audit the boot setting is all there is, so it decides.
 */
@Extension
public final class UfwActiveCheck implements AuditCheck {

    @Override
    public String id() {
        return "ufw.active";
    }

    @Override
    public String title() {
        return "UFW firewall active";
    }

    @Override
    public String group() {
        return "ufw";
    }

    @Override
    public CheckResult check(CheckContext context) {
        UfwSnapshot ufw = UfwReader.read(context.host());
        if (!ufw.installed()) {
            return UfwResults.notInstalled();
        }
        Observed<Boolean> boot = ufw.files().enabledAtBoot();

        if (ufw.live().known()) {
            return liveResult(ufw.live().value().active(), boot);
        }
        if (ufw.commandsAllowed()) {
            // The error text is not a status: never turn it into inactive.
            return CheckResult.unknown("Could not read whether UFW is running: " + ufw.live().problem())
                    .withEvidence(bootEvidence(boot))
                    .withRemediation("Run the agent as root, or check by hand with: sudo ufw status verbose");
        }
        return bootResult(boot);
    }

    private static CheckResult liveResult(boolean active, Observed<Boolean> boot) {
        List<String> evidence = new ArrayList<>();
        evidence.add("Status: " + (active ? "active" : "inactive") + " (" + UfwSnapshot.STATUS_COMMAND + ")");
        evidence.addAll(bootEvidence(boot));
        if (active) {
            return CheckResult.pass("UFW is active").withEvidence(evidence);
        }
        return CheckResult.fail("UFW is inactive, so it filters no traffic")
                .withEvidence(evidence)
                .withRemediation("Allow your SSH port first (for example: ufw limit 22/tcp), then run: ufw enable");
    }

    private static CheckResult bootResult(Observed<Boolean> boot) {
        if (!boot.known()) {
            return CheckResult.unknown("Could not read whether UFW starts at boot: " + boot.problem());
        }
        if (boot.value()) {
            return CheckResult.pass("UFW is enabled at boot (file-only audit, running state not checked)")
                    .withEvidence(bootEvidence(boot));
        }
        return CheckResult.fail("UFW is disabled at boot (file-only audit)")
                .withEvidence(bootEvidence(boot))
                .withRemediation("On the server, allow your SSH port first (for example: ufw limit 22/tcp), then run: ufw enable");
    }

    private static List<String> bootEvidence(Observed<Boolean> boot) {
        if (!boot.known()) {
            return List.of("Boot setting unknown: " + boot.problem());
        }
        return List.of("Boot setting: " + boot.source());
    }
}
