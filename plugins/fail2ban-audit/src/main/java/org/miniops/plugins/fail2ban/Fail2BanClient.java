package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.miniops.api.CommandResult;
import org.miniops.api.Host;

/**
 * Runs {@code fail2ban-client} on the host with the socket and configuration directory from the
 * plugin's settings.
 */
final class Fail2BanClient {

    static final String PROGRAM = "fail2ban-client";

    /**
     * Limit for {@code ping}. fail2ban-client 1.0.2 took under 0.1 s for ping and for {@code -d}
     * on the Debian 12 test machine, nearly all of it Python start-up; the limits leave room for
     * a loaded VPS and for configurations with many jails.
     */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    /** Limit for {@code status} and {@code status JAIL}. */
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);
    /** Limit for {@code -d}, which reads every filter and action file an enabled jail uses. */
    static final Duration DUMP_TIMEOUT = Duration.ofSeconds(20);

    private final Host host;
    private final Fail2BanSettings settings;

    Fail2BanClient(Host host, Fail2BanSettings settings) {
        this.host = host;
        this.settings = settings;
    }

    /**
     * Runs fail2ban-client with {@code arguments} after the settings' options.
     *
     * @throws org.miniops.api.CommandNotFoundException if fail2ban-client is not installed
     * @throws org.miniops.api.CommandTimeoutException if it ran past {@code timeout}
     */
    CommandResult run(Duration timeout, String... arguments) throws IOException {
        return host.run(timeout, command(arguments).toArray(String[]::new));
    }

    /** Returns the command line for {@code arguments}, as run and as shown in evidence. */
    List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(PROGRAM);
        command.addAll(settings.clientOptions());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Returns the command line for {@code arguments} as one string, for evidence. */
    String describe(String... arguments) {
        return String.join(" ", command(arguments));
    }
}
