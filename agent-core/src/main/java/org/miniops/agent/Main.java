package org.miniops.agent;

import java.nio.file.Path;
import java.util.List;
import org.miniops.agent.cli.Cli;

/** Entry point of {@code bin/mini-ops}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        int code = Cli.run(List.of(args), System.getenv(), home(), Version.current(), System.out, System.err);
        System.exit(code);
    }

    /** Distribution directory set by the launcher; the working directory when run from an IDE. */
    private static Path home() {
        String home = System.getProperty("miniops.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }
}
