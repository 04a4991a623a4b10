package org.miniops.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.config.ConfigException;

/** Runs one {@code mini-ops} command line and returns its exit code. */
public final class Cli {

    /** Exit code for usage and start-up errors; 0 and 1 belong to the audit verdict. */
    public static final int EXIT_USAGE = 2;

    private static final Logger LOG = Logger.getLogger(Cli.class.getName());

    private Cli() {
    }

    /**
     * Runs {@code args}.
     *
     * @param environment the process environment, which wins over {@code .env}
     * @param home the distribution directory
     */
    public static int run(List<String> args, Map<String, String> environment, Path home, String version,
                          PrintStream out, PrintStream err) {
        try {
            Arguments arguments = Arguments.parse(args);
            switch (arguments.command()) {
                case "help" -> {
                    out.print(Arguments.USAGE);
                    return 0;
                }
                case "version" -> {
                    out.println("mini-ops " + version);
                    return 0;
                }
                case "audit" -> {
                    // The report goes to stdout; keep stderr for warnings only.
                    Logger.getLogger("").setLevel(Level.WARNING);
                    AgentConfig config = Settings.load(arguments.envFile(), environment, home, false);
                    return AuditCommand.run(arguments, config, out);
                }
                default -> {
                    AgentConfig config = Settings.load(arguments.envFile(), environment, home, true);
                    return ServeCommand.run(config, version, out);
                }
            }
        } catch (UsageException e) {
            err.println("mini-ops: " + e.getMessage());
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println("mini-ops: " + e.getMessage());
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "mini-ops stopped on an unexpected error", e);
            err.println("mini-ops: unexpected error: " + e + "; the log above has the details");
            return EXIT_USAGE;
        }
    }
}
