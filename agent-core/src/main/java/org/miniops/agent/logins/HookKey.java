package org.miniops.agent.logins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The key shared with the PAM hook: 32 random bytes written as 64 hex characters in a file that
 * only root and the agent's group may read ({@code /etc/mini-ops/hook.key}, mode 0640 root:miniops).
 */
public final class HookKey {

    private static final Logger LOG = Logger.getLogger(HookKey.class.getName());

    /** Default path, the same one scripts/setup_ssh_alerts.sh writes. */
    public static final String DEFAULT_PATH = "/etc/mini-ops/hook.key";

    private HookKey() {
    }

    /**
     * Reads the key. Returns empty with one log line when the file is missing (INFO), unreadable or
     * malformed (WARNING), because SSH login alerts are optional and the rest of the agent should run.
     */
    public static Optional<byte[]> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            LOG.info("SSH login alerts are off: " + file + " does not exist; run scripts/setup_ssh_alerts.sh as root to create it");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            LOG.warning("SSH login alerts are off: " + file + " is not readable by this user; it should be 0640 root:miniops and the agent should run in group miniops");
            return Optional.empty();
        } catch (IOException e) {
            LOG.warning("SSH login alerts are off: cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        if (!text.matches("[0-9a-fA-F]{64}")) {
            LOG.warning("SSH login alerts are off: " + file + " must contain 64 hex characters (32 bytes); recreate it with scripts/setup_ssh_alerts.sh");
            return Optional.empty();
        }
        warnIfOthersCanRead(file);
        return Optional.of(HexFormat.of().parseHex(text.toLowerCase(java.util.Locale.ROOT)));
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warning(file + " is readable by every user, who could forge SSH login events; run: chmod 0640 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        }
    }
}
