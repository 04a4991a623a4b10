package org.miniops.plugins.ufw;

import java.util.ArrayList;
import java.util.List;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.pf4j.Extension;

/**
 * Check {@code ufw.default-incoming}: what UFW does with incoming packets no rule matches; deny
 * or reject passes, allow fails.
 *
 * <p>The policy comes from {@code ufw status verbose} while UFW runs, else from
 * {@code DEFAULT_INPUT_POLICY} in {@code /etc/default/ufw}, the file ufw itself reads it from.
 */
@Extension
public final class UfwDefaultIncomingCheck implements AuditCheck {

    @Override
    public String id() {
        return "ufw.default-incoming";
    }

    @Override
    public String title() {
        return "UFW default incoming policy";
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

        Observed<UfwPolicy> policy = ufw.defaultIncoming();
        String note = UfwResults.fallbackNote(ufw);
        if (!policy.known()) {
            String reason = ufw.liveFailed() ? policy.problem() + "; " + ufw.live().problem() : policy.problem();
            return CheckResult.unknown("Could not read UFW's default incoming policy: " + reason);
        }

        List<String> evidence = new ArrayList<>();
        evidence.add(policy.source());
        if (!note.isEmpty()) {
            evidence.add("Note: " + note);
        }
        String notEnforced = ufw.liveInactive() ? " (UFW is inactive, so it is not enforced now)" : "";
        if (policy.value().blocks()) {
            return CheckResult.pass("Default incoming policy is " + policy.value().word() + notEnforced)
                    .withEvidence(evidence);
        }
        return CheckResult.fail("Default incoming policy is allow, so every port without a deny rule is open" + notEnforced)
                .withEvidence(evidence)
                .withRemediation("Allow the ports you need first (at least SSH, for example: ufw limit 22/tcp), "
                        + "then run: ufw default deny incoming");
    }
}
