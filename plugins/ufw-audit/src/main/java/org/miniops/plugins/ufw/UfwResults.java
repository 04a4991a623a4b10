package org.miniops.plugins.ufw;

import org.miniops.api.CheckResult;

/** Results the three UFW checks share. */
final class UfwResults {

    private UfwResults() {
    }

    static CheckResult notInstalled() {
        return CheckResult.skipped("UFW is not installed: no ufw program in PATH, /usr/sbin or /sbin, and no /etc/ufw");
    }

    /** Explains why a check read the files rather than the live status, or returns empty when it did not. */
    static String fallbackNote(UfwSnapshot ufw) {
        if (ufw.liveInactive()) {
            return "UFW is inactive, so these settings apply only once it is enabled";
        }
        if (ufw.liveFailed()) {
            return "read from the files because " + ufw.live().problem();
        }
        if (!ufw.commandsAllowed()) {
            return "file-only audit";
        }
        return "";
    }
}
