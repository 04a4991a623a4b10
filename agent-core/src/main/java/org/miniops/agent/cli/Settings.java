package org.miniops.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.config.ConfigException;
import org.miniops.agent.config.EnvFile;

/** Loads the agent configuration the way both commands do: {@code .env}, then the environment. */
final class Settings {

    private static final Logger LOG = Logger.getLogger(Settings.class.getName());

    private Settings() {
    }

    /**
     * Reads {@code envFile} (or {@code ./.env} when it exists) and merges the environment over it.
     *
     * @param home the distribution directory, whose {@code plugins/} is the default plugins directory
     */
    static AgentConfig load(Optional<Path> envFile, Map<String, String> environment, Path home, boolean tokenRequired) {
        Map<String, String> fileValues = readEnvFile(envFile);
        return AgentConfig.load(fileValues, environment, home.resolve("plugins"), tokenRequired);
    }

    private static Map<String, String> readEnvFile(Optional<Path> requested) {
        Path file = requested.orElse(Path.of(".env"));
        if (requested.isEmpty() && !Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, String> values = EnvFile.read(file);
            warnIfReadableByOthers(file);
            return values;
        } catch (NoSuchFileException e) {
            throw new ConfigException("--env-file " + file + " does not exist; give the path of your .env file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException("cannot read " + file + ": permission denied; run as a user that may read it");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warning(file + " is readable by every user and holds the API token; restrict it with: chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        }
    }
}
