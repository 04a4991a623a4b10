package org.miniops.plugins.ufw;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.pf4j.Extension;

/**
 * Check {@code ufw.open-ports}: lists what UFW lets in, first what is open to anywhere, and warns
 * when the default incoming policy blocks and no rule allows a port sshd listens on, because
 * enabling or reloading UFW would then lock the operator out.
 *
 * <p>The rules come from {@code ufw status verbose} while UFW runs. Otherwise they come from
 * {@code /etc/ufw/user.rules} and {@code user6.rules}, which is what ufw loads when it is
 * enabled; those files are readable by root only.
 */
@Extension
public final class UfwOpenPortsCheck implements AuditCheck {

    @Override
    public String id() {
        return "ufw.open-ports";
    }

    @Override
    public String title() {
        return "UFW open ports";
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

        Observed<List<UfwRule>> rules = ufw.rules();
        if (!rules.known()) {
            String reason = ufw.liveFailed() ? ufw.live().problem() + "; " + rules.problem() : rules.problem();
            return CheckResult.unknown("Could not read UFW's rules: " + reason);
        }
        Observed<UfwPolicy> policy = ufw.defaultIncoming();

        OpenPortsListing listing = OpenPortsListing.of(rules.value());
        List<String> evidence = listingEvidence(ufw, rules, policy, listing);
        String prefix = ufw.liveInactive() ? "UFW is inactive; once enabled it lets in " : "UFW lets in ";
        String summary = prefix + count(listing.openToAnywhere().size(), "port") + " from anywhere and "
                + listing.openToSomeSources().size() + " from some sources only";

        if (!policy.known()) {
            return CheckResult.unknown("Could not check whether UFW keeps SSH reachable: " + policy.problem())
                    .withEvidence(evidence);
        }
        if (!policy.value().blocks()) {
            return CheckResult.pass(summary + "; the default incoming policy is allow").withEvidence(evidence);
        }
        return sshVerdict(context, rules.value(), summary, evidence);
    }

    private static CheckResult sshVerdict(CheckContext context, List<UfwRule> rules, String summary, List<String> evidence) {
        Observed<List<Integer>> sshPorts = SshdPorts.read(context.host());
        if (!sshPorts.known()) {
            return CheckResult.unknown("Could not check whether UFW keeps SSH reachable: " + sshPorts.problem())
                    .withEvidence(evidence);
        }
        List<String> withSsh = new ArrayList<>(evidence);
        withSsh.add("sshd ports: " + sshPorts.source());
        if (sshPorts.value().isEmpty()) {
            return CheckResult.pass(summary).withEvidence(withSsh);
        }

        List<Integer> reachable = SshLockout.reachablePorts(rules, sshPorts.value());
        if (!reachable.isEmpty()) {
            return CheckResult.pass(summary + "; " + sshPortsText(reachable) + (reachable.size() == 1 ? " is" : " are")
                    + " allowed").withEvidence(withSsh);
        }
        int port = sshPorts.value().get(0);
        return CheckResult.warn("No UFW rule allows " + sshPortsText(sshPorts.value())
                        + " while incoming traffic is blocked by default: enabling or reloading UFW would lock you out")
                .withEvidence(withSsh)
                .withRemediation("Before UFW loads these rules, run: ufw limit " + port
                        + "/tcp (or ufw allow from YOUR_ADDRESS to any port " + port + " proto tcp)");
    }

    private static List<String> listingEvidence(UfwSnapshot ufw, Observed<List<UfwRule>> rules,
                                                Observed<UfwPolicy> policy, OpenPortsListing listing) {
        List<String> evidence = new ArrayList<>();
        String note = UfwResults.fallbackNote(ufw);
        evidence.add("Rules from " + rules.source() + (note.isEmpty() ? "" : " (" + note + ")"));
        evidence.add(policy.known() ? policy.source() : "Default incoming policy unknown: " + policy.problem());
        listing.openToAnywhere().forEach(line -> evidence.add("Open to anywhere: " + line));
        listing.openToSomeSources().forEach(line -> evidence.add("Open to some sources: " + line));
        if (!listing.notListed().isEmpty()) {
            evidence.add(listing.notListed());
        }
        if (!ufw.liveActive()) {
            ufw.files().skippedTuples().forEach(line -> evidence.add("Skipped like ufw does, malformed: " + line));
        }
        return evidence;
    }

    private static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    private static String sshPortsText(List<Integer> ports) {
        String numbers = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return (ports.size() == 1 ? "SSH port " : "SSH ports ") + numbers;
    }
}
