package org.miniops.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Parsed command line of {@code mini-ops}.
 *
 * @param command {@code serve}, {@code audit}, {@code help} or {@code version}
 * @param envFile the {@code --env-file} path, if given
 * @param root the {@code --root} directory of {@code audit}, if given
 * @param format {@code text} or {@code json}, for {@code audit}
 */
public record Arguments(String command, Optional<Path> envFile, Optional<Path> root, String format) {

    public static final String USAGE = """
            Usage: mini-ops <command> [options]

            Commands:
              serve                 Run the agent: the API, the dashboard and the audit.
              audit                 Run every installed check once and print the report.
                                    Exit code 0: nothing failed; 1: a check is FAIL; 2: usage or start-up error.

            Options:
              --env-file PATH       Read settings from PATH instead of ./.env.
              --root DIR            (audit) Audit the system mounted at DIR, such as an image or a
                                    fixture tree; no commands are run, only files are read.
              --format text|json    (audit) Output format; default text.
              -h, --help            Show this help.
              --version             Show the version.

            Settings (AUTH_TOKEN, APP_HOST, APP_PORT, ...) are documented in .env.example.
            """;

    /** Parses {@code args}. */
    public static Arguments parse(List<String> args) {
        String command = null;
        Path envFile = null;
        Path root = null;
        String format = null;

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help", "help" -> command = "help";
                case "--version", "version" -> command = command == null ? "version" : command;
                case "--env-file" -> envFile = Path.of(valueAfter(args, i++, arg));
                case "--root" -> root = Path.of(valueAfter(args, i++, arg));
                case "--format" -> format = valueAfter(args, i++, arg);
                default -> {
                    if (arg.startsWith("--env-file=")) {
                        envFile = Path.of(nonEmpty(arg.substring("--env-file=".length()), "--env-file"));
                    } else if (arg.startsWith("--root=")) {
                        root = Path.of(nonEmpty(arg.substring("--root=".length()), "--root"));
                    } else if (arg.startsWith("--format=")) {
                        format = arg.substring("--format=".length());
                    } else if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "'; run mini-ops --help for the options");
                    } else if (command == null) {
                        command = arg;
                    } else {
                        throw new UsageException("unexpected argument '" + arg + "'; run mini-ops --help for usage");
                    }
                }
            }
        }

        if (command == null) {
            throw new UsageException("no command given; use 'mini-ops serve' or 'mini-ops audit' (mini-ops --help lists all)");
        }
        if (!List.of("serve", "audit", "help", "version").contains(command)) {
            throw new UsageException("unknown command '" + command + "'; use serve or audit (mini-ops --help lists all)");
        }
        if (!command.equals("audit") && (root != null || format != null)) {
            throw new UsageException("--root and --format apply to 'mini-ops audit' only");
        }
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format '" + format + "' is not supported; use text or json");
        }
        return new Arguments(command, Optional.ofNullable(envFile), Optional.ofNullable(root),
                format == null ? "text" : format);
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new UsageException(option + " needs a value; for example " + option + " " + example(option));
        }
        return nonEmpty(args.get(index + 1), option);
    }

    private static String nonEmpty(String value, String option) {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value; for example " + option + " " + example(option));
        }
        return value;
    }

    private static String example(String option) {
        return switch (option) {
            case "--env-file" -> "/etc/mini-ops/.env";
            case "--root" -> "/mnt/image";
            default -> "json";
        };
    }
}
