package org.miniops.plugins.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Remediation text shared by the checks: where to change a setting so that sshd uses the new value.
 *
 * <p>sshd keeps the first value it reads, so a new line must come before the line that wins today.
 * A file written by cloud-init (for example {@code 50-cloud-init.conf}) is replaced by a drop-in
 * that sorts before it, because cloud-init may write its file again.
 */
final class Remediation {

    /** How to apply a change without locking oneself out. */
    static final String RELOAD = "Check the files with `sshd -t`, then reload sshd"
            + " (`systemctl reload ssh` on Debian and Ubuntu, `systemctl reload sshd` on RHEL).";

    private static final String PREFERRED_DROP_IN = "00-hardening.conf";

    private Remediation() {
    }

    /** Returns how to make {@code replacement} (for example {@code PermitRootLogin no}) replace {@code current} for every connection. */
    static String setGlobally(ConfigValue current, String replacement, String configPath) {
        return switch (current.origin()) {
            case FILE -> isCloudInitFile(current.file())
                    ? replaceCloudInitValue(current, replacement)
                    : "Change line " + current.line() + " of " + current.file() + " to `" + replacement + "`.";
            case OPENSSH_DEFAULT -> "Add `" + replacement + "` to " + configPath
                    + " above the first Match block; no line sets " + current.keyword()
                    + ", so the OpenSSH default " + current.value() + " applies.";
            case SSHD_ONLY -> "sshd -T reports `" + current.setting() + "`, but the readable files do not show which line sets it."
                    + " Add `" + replacement + "` near the top of " + configPath + ", above every Include and Match line,"
                    + " so that it is the first value sshd reads.";
        };
    }

    /** Returns how to change the first value a Match block sets. */
    static String changeInBlock(MatchOverride override, String replacement) {
        ConfigValue value = override.value();
        return "In " + override.block().describe() + ", change line " + value.line() + " of " + value.file()
                + " to `" + replacement + "` or remove it.";
    }

    /** Returns whether the file name looks like cloud-init's sshd drop-in, such as {@code 50-cloud-init.conf}. */
    static boolean isCloudInitFile(String path) {
        String name = fileName(path);
        return name.contains("cloud-init") && name.endsWith(".conf");
    }

    /** Returns a drop-in path in the same directory whose name sorts before {@code file} in byte order, as glob(3) sorts. */
    static String earlierDropIn(String file) {
        String name = fileName(file);
        String candidate = PREFERRED_DROP_IN;
        // "00-" sorts before any name that starts with a letter or a digit above 0, so a few prefixes suffice.
        for (int i = 0; i < 8 && compareBytes(candidate, name) >= 0; i++) {
            candidate = "00-" + candidate;
        }
        return parentOf(file) + "/" + candidate;
    }

    private static String replaceCloudInitValue(ConfigValue current, String replacement) {
        String dropIn = earlierDropIn(current.file());
        String text = "cloud-init wrote `" + current.setting() + "` to " + current.location()
                + ", and editing that file may be undone when cloud-init runs again. Create " + dropIn
                + " containing `" + replacement + "`: it sorts before " + fileName(current.file())
                + ", and sshd keeps the first value it reads.";
        if (current.keyword().equals(SshdKeywords.PASSWORD_AUTHENTICATION)) {
            text += " Or set `ssh_pwauth: false` in the cloud-init config (for example /etc/cloud/cloud.cfg.d/99-ssh.cfg)"
                    + " so that cloud-init writes `PasswordAuthentication no` instead.";
        }
        return text;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    private static int compareBytes(String first, String second) {
        return Arrays.compareUnsigned(first.getBytes(StandardCharsets.UTF_8), second.getBytes(StandardCharsets.UTF_8));
    }
}
