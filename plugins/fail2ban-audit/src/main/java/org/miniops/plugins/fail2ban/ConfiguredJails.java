package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import org.miniops.api.CommandNotFoundException;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandTimeoutException;
import org.miniops.api.Host;

/**
 * Loads the configured jails from the best source the host offers: {@code fail2ban-client -d},
 * which needs neither root nor a running server, or the configuration files when commands do not
 * run or the client cannot be used.
 */
final class ConfiguredJails {

    private ConfiguredJails() {
    }

    /**
     * Loads the jails configured under the settings' configuration directory.
     *
     * @throws AccessDeniedException if a configuration file may not be read, so the jails are not fully known
     * @throws Fail2BanConfigException if fail2ban rejects the configuration as a whole
     */
    static JailConfiguration load(Host host, Fail2BanSettings settings) throws IOException, Fail2BanConfigException {
        if (host.canRunCommands()) {
            Fail2BanClient client = new Fail2BanClient(host, settings);
            try {
                CommandResult dump = client.run(Fail2BanClient.DUMP_TIMEOUT, "-d");
                return fromDump(dump, client.describe("-d"));
            } catch (CommandNotFoundException | CommandTimeoutException e) {
                // Fall back to the files, which hold the same jails.
            }
        }
        return JailConfigReader.read(host, settings.configDirOrDefault());
    }

    private static JailConfiguration fromDump(CommandResult dump, String command) throws IOException, Fail2BanConfigException {
        // fail2ban-client skips a file it may not read and reports that only in its log.
        for (String error : ClientFailure.messages(dump.stderr(), "ERROR")) {
            if (error.startsWith("Could not read config files")) {
                throw new AccessDeniedException(error.substring(error.indexOf(':') + 1).strip(), null,
                        command + " could not read it");
            }
        }
        JailConfiguration configuration = ConfigDumpParser.parse(dump.stdout(), dump.stderr(), command);
        if (!dump.succeeded() && configuration.jails().isEmpty()) {
            List<String> errors = new ArrayList<>(ClientFailure.messages(dump.stderr(), "ERROR"));
            // Some errors, such as a missing configuration directory, go to standard output as "ERROR: ...".
            dump.stdout().lines().filter(line -> line.startsWith("ERROR")).forEach(errors::add);
            throw new Fail2BanConfigException(command + " failed with exit code " + dump.exitCode()
                    + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
        }
        return configuration;
    }
}
