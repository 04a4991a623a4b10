package org.miniops.plugins.ssh;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * sshd_config keywords this plugin reads: their canonical spelling, aliases, OpenSSH defaults, and
 * whether a conditional {@code Match} block may set them.
 *
 * <p>sshd compares keywords and values without regard to case. Keywords the plugin does not know
 * are kept in lower case and treated as allowed in {@code Match} blocks.
 */
final class SshdKeywords {

    static final String PERMIT_ROOT_LOGIN = "PermitRootLogin";
    static final String PASSWORD_AUTHENTICATION = "PasswordAuthentication";
    static final String KBD_INTERACTIVE_AUTHENTICATION = "KbdInteractiveAuthentication";
    static final String USE_PAM = "UsePAM";
    static final String PORT = "Port";
    static final String LISTEN_ADDRESS = "ListenAddress";
    static final String ADDRESS_FAMILY = "AddressFamily";
    static final String MATCH = "Match";
    static final String INCLUDE = "Include";

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("permitrootlogin", PERMIT_ROOT_LOGIN),
            Map.entry("passwordauthentication", PASSWORD_AUTHENTICATION),
            Map.entry("kbdinteractiveauthentication", KBD_INTERACTIVE_AUTHENTICATION),
            // OpenSSH 8.7 renamed ChallengeResponseAuthentication; both names set the same option.
            Map.entry("challengeresponseauthentication", KBD_INTERACTIVE_AUTHENTICATION),
            Map.entry("usepam", USE_PAM),
            Map.entry("port", PORT),
            Map.entry("listenaddress", LISTEN_ADDRESS),
            Map.entry("addressfamily", ADDRESS_FAMILY),
            Map.entry("match", MATCH),
            Map.entry("include", INCLUDE));

    /** Keywords that servconf.c flags SSHCFG_GLOBAL: sshd stops when a conditional Match block sets them. */
    private static final Set<String> GLOBAL_ONLY = Set.of(PORT, LISTEN_ADDRESS, USE_PAM, ADDRESS_FAMILY);

    /** Values sshd uses when no line sets the keyword (OpenSSH 7.0 and later; UsePAM as built with PAM). */
    private static final Map<String, String> DEFAULTS = Map.of(
            PERMIT_ROOT_LOGIN, "prohibit-password",
            PASSWORD_AUTHENTICATION, "yes",
            KBD_INTERACTIVE_AUTHENTICATION, "yes",
            USE_PAM, "no",
            PORT, "22",
            ADDRESS_FAMILY, "any");

    private SshdKeywords() {
    }

    /** Returns the canonical name for a keyword as written, resolving aliases; unknown ones in lower case. */
    static String canonical(String written) {
        String lower = written.toLowerCase(Locale.ROOT);
        return CANONICAL.getOrDefault(lower, lower);
    }

    /** Returns whether a conditional Match block may set {@code keyword}. */
    static boolean allowedInMatch(String keyword) {
        return !GLOBAL_ONLY.contains(keyword);
    }

    /** Returns the value sshd uses when no line sets {@code keyword}, or empty for a keyword outside this table. */
    static Optional<String> openSshDefault(String keyword) {
        return Optional.ofNullable(DEFAULTS.get(keyword));
    }

    /**
     * Returns a value in the form sshd compares it: lower case, and {@code without-password} as its
     * newer name {@code prohibit-password}.
     */
    static String normalize(String keyword, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (keyword.equals(PERMIT_ROOT_LOGIN) && lower.equals("without-password")) {
            return "prohibit-password";
        }
        return lower;
    }

    /** Returns whether two values of {@code keyword} mean the same to sshd. */
    static boolean sameValue(String keyword, String first, String second) {
        return normalize(keyword, first).equals(normalize(keyword, second));
    }

    /** Returns whether a yes/no value is {@code yes}, ignoring case as sshd does. */
    static boolean isYes(String value) {
        return value.equalsIgnoreCase("yes");
    }
}
