package org.miniops.plugins.fail2ban;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miniops.api.CommandResult;

/**
 * Reason {@code fail2ban-client} gave for not reaching {@code fail2ban-server}, read from its
 * error output. fail2ban-client exits with 255 for all of them.
 *
 * @param kind the class of failure
 * @param message the client's own words, for example
 *     {@code Permission denied to socket: /var/run/fail2ban/fail2ban.sock, (you must be root)}
 */
record ClientFailure(Kind kind, String message) {

    /** Classes of failure a check treats differently. */
    enum Kind {
        /** The socket exists but this user may not write to it; fail2ban-client adds "(you must be root)". */
        PERMISSION_DENIED,
        /** No socket at the path, or a directory on the way may not be searched. */
        SOCKET_MISSING,
        /** A socket file exists but no server accepts connections on it: a stale socket. */
        NOT_LISTENING,
        /** Anything else, such as a server error or an unknown jail. */
        OTHER
    }

    /** A fail2ban log line: {@code 2024-05-01 10:00:00,123 fail2ban [42]: ERROR   message}, or {@code ERROR  message} in 0.9. */
    private static final Pattern LOG_LINE = Pattern.compile("(?:^|\\s)(CRITICAL|ERROR|WARNING|NOTICE|INFO)\\s+(\\S.*)$");

    /**
     * Classifies the failed {@code result} of a fail2ban-client command. The message is what the
     * client printed on standard output, such as {@code Sorry but the jail 'sshd' does not exist},
     * or else its ERROR log lines.
     */
    static ClientFailure of(CommandResult result) {
        String output = result.stderr() + "\n" + result.stdout();
        List<String> errors = messages(output, "ERROR");
        String message;
        if (!result.stdout().isBlank()) {
            message = lastLine(result.stdout());
        } else if (!errors.isEmpty()) {
            message = String.join("; ", errors);
        } else {
            message = fallbackMessage(result);
        }
        return new ClientFailure(kindOf(output), message);
    }

    private static Kind kindOf(String output) {
        if (output.contains("Permission denied to socket") || output.contains("[Errno 13]")) {
            return Kind.PERMISSION_DENIED;
        }
        if (output.contains("Failed to access socket path") || output.contains("[Errno 2]")) {
            return Kind.SOCKET_MISSING;
        }
        if (output.contains("Unable to contact server") || output.contains("Connection refused")
                || output.contains("[Errno 111]")) {
            return Kind.NOT_LISTENING;
        }
        return Kind.OTHER;
    }

    private static String fallbackMessage(CommandResult result) {
        String stderr = result.stderr().strip();
        return stderr.isEmpty() ? "exit code " + result.exitCode() + " without a message" : lastLine(stderr);
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((first, second) -> second).orElse("").strip();
    }

    /** Returns the messages of the fail2ban log lines in {@code output} at {@code level}, in order. */
    static List<String> messages(String output, String level) {
        List<String> found = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher matcher = LOG_LINE.matcher(line.stripTrailing());
            if (matcher.find() && matcher.group(1).equals(level)) {
                found.add(matcher.group(2).strip());
            }
        }
        return found;
    }
}
