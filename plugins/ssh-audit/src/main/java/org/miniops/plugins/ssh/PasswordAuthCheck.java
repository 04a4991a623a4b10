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
 * Audit check {@code ssh.password-auth}: whether sshd accepts passwords.
 *
 * <p>A password path is open when {@code PasswordAuthentication yes}, or when
 * {@code KbdInteractiveAuthentication yes} together with {@code UsePAM yes}, because PAM then prompts
 * for the password over keyboard-interactive. Open for every connection fails; open only inside
 * a conditional Match block warns; closed passes.
 *
 * <p>NOTE: {@code AuthenticationMethods} is not taken into account, so a server that lists only
 * {@code publickey} there is still judged on the two settings above.
 */
@Extension
public final class PasswordAuthCheck implements AuditCheck {

    private static final Set<String> KEYWORDS = Set.of(SshdKeywords.PASSWORD_AUTHENTICATION,
            SshdKeywords.KBD_INTERACTIVE_AUTHENTICATION, SshdKeywords.USE_PAM);

    @Override
    public String id() {
        return "ssh.password-auth";
    }

    @Override
    public String title() {
        return "SSH password login";
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
        ConfigValue password = settings.value(SshdKeywords.PASSWORD_AUTHENTICATION);
        ConfigValue keyboard = settings.value(SshdKeywords.KBD_INTERACTIVE_AUTHENTICATION);
        ConfigValue pam = settings.value(SshdKeywords.USE_PAM);
        boolean openGlobally = isOpen(password, keyboard, pam);
        List<MatchOverride> openInBlocks = openGlobally ? List.of() : blocksThatOpen(settings, password, keyboard, pam);

        CheckStatus status = openGlobally ? CheckStatus.FAIL : openInBlocks.isEmpty() ? CheckStatus.PASS : CheckStatus.WARN;
        List<String> evidence = new ArrayList<>(List.of(password.evidence(), keyboard.evidence(), pam.evidence()));
        openInBlocks.forEach(override -> evidence.add(override.evidence()));
        evidence.add(settings.sourceNote());

        CheckResult observed = new CheckResult(status, summary(status, password, keyboard, pam, openInBlocks), evidence,
                remediation(settings, status, password, keyboard, pam, openInBlocks));
        return IncompleteConfig.review(settings, KEYWORDS, true, observed, "whether sshd accepts passwords");
    }

    /** Returns whether these values let a password through: directly, or through PAM's keyboard-interactive prompt. */
    private static boolean isOpen(ConfigValue password, ConfigValue keyboard, ConfigValue pam) {
        return password.isYes() || opensThroughPam(keyboard, pam);
    }

    private static boolean opensThroughPam(ConfigValue keyboard, ConfigValue pam) {
        return keyboard.isYes() && pam.isYes();
    }

    /** Returns the block values that open a password path the global values keep closed. */
    private static List<MatchOverride> blocksThatOpen(SshdSettings settings, ConfigValue password, ConfigValue keyboard,
                                                      ConfigValue pam) {
        List<MatchOverride> opening = new ArrayList<>();
        for (MatchBlock block : settings.conditionalBlocks()) {
            Optional<ConfigValue> blockPassword = settings.blockValue(block, SshdKeywords.PASSWORD_AUTHENTICATION);
            Optional<ConfigValue> blockKeyboard = settings.blockValue(block, SshdKeywords.KBD_INTERACTIVE_AUTHENTICATION);
            if (!isOpen(blockPassword.orElse(password), blockKeyboard.orElse(keyboard), pam)) {
                continue;
            }
            blockPassword.filter(ConfigValue::isYes).ifPresent(value -> opening.add(new MatchOverride(block, value)));
            blockKeyboard.filter(ConfigValue::isYes).ifPresent(value -> opening.add(new MatchOverride(block, value)));
        }
        return opening;
    }

    private static String summary(CheckStatus status, ConfigValue password, ConfigValue keyboard, ConfigValue pam,
                                  List<MatchOverride> openInBlocks) {
        return switch (status) {
            case FAIL -> "Password login is open globally (" + openReasons(password, keyboard, pam) + ")";
            case WARN -> "Password login is closed globally but open in " + describeBlocks(openInBlocks);
            default -> "Password login is closed (" + password.setting() + ", "
                    + (keyboard.isYes() ? pam.setting() : keyboard.setting()) + ")";
        };
    }

    private static String openReasons(ConfigValue password, ConfigValue keyboard, ConfigValue pam) {
        List<String> reasons = new ArrayList<>();
        if (password.isYes()) {
            reasons.add(password.setting());
        }
        if (opensThroughPam(keyboard, pam)) {
            reasons.add(keyboard.setting() + " with " + pam.setting());
        }
        return String.join("; ", reasons);
    }

    private static String describeBlocks(List<MatchOverride> overrides) {
        List<MatchBlock> blocks = overrides.stream().map(MatchOverride::block).distinct().toList();
        return blocks.size() == 1 ? blocks.get(0).describe() : blocks.size() + " Match blocks";
    }

    private static String remediation(SshdSettings settings, CheckStatus status, ConfigValue password,
                                      ConfigValue keyboard, ConfigValue pam, List<MatchOverride> openInBlocks) {
        List<String> steps = new ArrayList<>();
        if (status == CheckStatus.FAIL) {
            if (password.isYes()) {
                steps.add(Remediation.setGlobally(password, "PasswordAuthentication no", settings.configPath()));
            }
            if (opensThroughPam(keyboard, pam)) {
                steps.add(Remediation.setGlobally(keyboard, "KbdInteractiveAuthentication no", settings.configPath()));
            }
            steps.add("First make sure every account that needs access can log in with a key, and keep the current session open.");
        } else if (status == CheckStatus.WARN) {
            for (MatchOverride override : openInBlocks) {
                steps.add(Remediation.changeInBlock(override, override.value().keyword() + " no"));
            }
            steps.add("Keep a block open only if those users really must log in with a password.");
        } else {
            return "";
        }
        steps.add(Remediation.RELOAD);
        return String.join(" ", steps);
    }
}
