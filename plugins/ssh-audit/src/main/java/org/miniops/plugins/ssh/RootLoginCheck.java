package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.pf4j.Extension;

/**
 * Audit check {@code ssh.root-login}: whether sshd lets root log in, judged on {@code PermitRootLogin}.
 *
 * <p>{@code no} passes; {@code forced-commands-only}, {@code prohibit-password} and its old name
 * {@code without-password} warn, since root can still log in with a key; {@code yes} fails. A
 * conditional Match block that allows more than the global value makes the result at least a
 * warning and is named with its lines.
 */
@Extension
public final class RootLoginCheck implements AuditCheck {

    @Override
    public String id() {
        return "ssh.root-login";
    }

    @Override
    public String title() {
        return "SSH root login";
    }

    @Override
    public String group() {
        return "ssh";
    }

    @Override
    public CheckResult check(CheckContext context) {
        return switch (SshdSettingsLoader.load(context)) {
            case LoadOutcome.NotAudited notAudited -> notAudited.result();
            case LoadOutcome.Loaded loaded -> judge(loaded.settings());
        };
    }

    private static CheckResult judge(SshdSettings settings) {
        ConfigValue global = settings.value(SshdKeywords.PERMIT_ROOT_LOGIN);
        Optional<Access> access = Access.of(global.value());
        if (access.isEmpty()) {
            return CheckResult.unknown("sshd reports " + global.setting() + ", a value this check does not know")
                    .withEvidence(global.evidence(), settings.sourceNote());
        }

        List<MatchOverride> wider = new ArrayList<>();
        for (MatchOverride override : settings.overrides(SshdKeywords.PERMIT_ROOT_LOGIN)) {
            if (Access.of(override.value().value()).filter(level -> level.compareTo(access.get()) > 0).isPresent()) {
                wider.add(override);
            }
        }

        CheckStatus status = access.get().status;
        if (!wider.isEmpty() && status == CheckStatus.PASS) {
            status = CheckStatus.WARN;
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(global.evidence());
        wider.forEach(override -> evidence.add(override.evidence()));
        evidence.add(settings.sourceNote());

        CheckResult observed = new CheckResult(status, summary(global, access.get(), wider), evidence,
                remediation(settings, global, access.get(), wider));
        return IncompleteConfig.review(settings, Set.of(SshdKeywords.PERMIT_ROOT_LOGIN), true, observed,
                "the root login setting");
    }

    private static String summary(ConfigValue global, Access access, List<MatchOverride> wider) {
        String summary = access.description + " (" + global.setting() + ")";
        if (wider.isEmpty()) {
            return summary;
        }
        if (wider.size() == 1) {
            MatchOverride override = wider.get(0);
            return summary + ", but " + override.block().describe() + " allows more: " + override.value().setting();
        }
        return summary + ", but " + wider.size() + " Match blocks allow more";
    }

    private static String remediation(SshdSettings settings, ConfigValue global, Access access, List<MatchOverride> wider) {
        if (access == Access.NO && wider.isEmpty()) {
            return "";
        }
        List<String> steps = new ArrayList<>();
        if (access != Access.NO) {
            steps.add(Remediation.setGlobally(global, "PermitRootLogin no", settings.configPath()));
        }
        wider.forEach(override -> steps.add(Remediation.changeInBlock(override, "PermitRootLogin no")));
        steps.add("Log in as a regular user and use sudo instead.");
        steps.add(Remediation.RELOAD);
        return String.join(" ", steps);
    }

    /** How much root login a {@code PermitRootLogin} value allows, from least to most. */
    private enum Access {
        NO("Root login is disabled", CheckStatus.PASS),
        FORCED_COMMANDS_ONLY("Root may log in with a key, for forced commands only", CheckStatus.WARN),
        PROHIBIT_PASSWORD("Root may log in with a key", CheckStatus.WARN),
        YES("Root may log in with any method, passwords included", CheckStatus.FAIL);

        final String description;
        final CheckStatus status;

        Access(String description, CheckStatus status) {
            this.description = description;
            this.status = status;
        }

        static Optional<Access> of(String value) {
            return switch (SshdKeywords.normalize(SshdKeywords.PERMIT_ROOT_LOGIN, value)) {
                case "no" -> Optional.of(NO);
                case "forced-commands-only" -> Optional.of(FORCED_COMMANDS_ONLY);
                case "prohibit-password" -> Optional.of(PROHIBIT_PASSWORD);
                case "yes" -> Optional.of(YES);
                default -> Optional.empty();
            };
        }
    }
}
