package org.miniops.plugins.ufw;

import java.io.IOException;
import java.time.Duration;
import org.miniops.api.CommandNotFoundException;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandTimeoutException;
import org.miniops.api.Host;

/**
 * Reads UFW's state from a host: {@code ufw status verbose} when the host runs commands, and
 * ufw's files in every case, so a check can fall back to them.
 *
 * <p>Nothing is cached: each check run reads afresh, so a result never describes an earlier state.
 */
final class UfwReader {

    /** Time limit for {@code ufw status verbose}, well inside a check's default 15 seconds. */
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    private static final String ROOT_ERROR = "You need to be root";

    private UfwReader() {
    }

    static UfwSnapshot read(Host host) {
        UfwConfigFiles files = UfwConfigFiles.read(host);
        boolean filesPresent = host.exists("/usr/sbin/ufw") || host.exists("/etc/ufw");
        if (!host.canRunCommands()) {
            return new UfwSnapshot(filesPresent, false,
                    Observed.missing("file-only audit: commands are not run"), files);
        }

        try {
            CommandResult result = host.run(STATUS_TIMEOUT, "ufw", "status", "verbose");
            return new UfwSnapshot(true, true, interpret(result), files);
        } catch (CommandNotFoundException e) {
            // A leftover /etc/ufw without the program still shows what ufw would load.
            return new UfwSnapshot(filesPresent, true, Observed.missing(e.getMessage()), files);
        } catch (CommandTimeoutException e) {
            return new UfwSnapshot(true, true, Observed.missing(e.getMessage()), files);
        } catch (IOException e) {
            return new UfwSnapshot(true, true,
                    Observed.missing("could not run " + UfwSnapshot.STATUS_COMMAND + ": " + e.getMessage()), files);
        }
    }

    private static Observed<UfwStatus> interpret(CommandResult result) {
        if (!result.succeeded()) {
            String message = firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr());
            if (message.contains(ROOT_ERROR)) {
                return Observed.missing(UfwSnapshot.STATUS_COMMAND + " needs root: '" + message + "' (exit "
                        + result.exitCode() + ")");
            }
            return Observed.missing(UfwSnapshot.STATUS_COMMAND + " failed with exit " + result.exitCode()
                    + ": '" + message + "'");
        }
        try {
            return Observed.of(new UfwStatusParser().parse(result.stdout()), UfwSnapshot.STATUS_COMMAND);
        } catch (IllegalArgumentException e) {
            return Observed.missing("could not parse the output of " + UfwSnapshot.STATUS_COMMAND + ": " + e.getMessage());
        }
    }

    /** Returns ufw's {@code ERROR:} line, which may follow warnings, or else the first line. */
    private static String firstLine(String text) {
        return text.lines().filter(line -> line.startsWith("ERROR:")).findFirst()
                .or(() -> text.lines().filter(line -> !line.isBlank()).findFirst())
                .map(String::strip)
                .orElse("no output");
    }
}
