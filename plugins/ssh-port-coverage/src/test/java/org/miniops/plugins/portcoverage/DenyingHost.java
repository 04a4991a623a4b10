package org.miniops.plugins.portcoverage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.miniops.api.CommandResult;
import org.miniops.api.Host;

/**
 * Host that denies reading some files, as the kernel does for an unprivileged agent.
 *
 * <p>The tests may run as root, and root reads a file whatever its mode, so the denial is simulated.
 */
final class DenyingHost implements Host {

    private final Host host;
    private final Set<String> denied;

    DenyingHost(Host host, String... denied) {
        this.host = host;
        this.denied = Set.of(denied);
    }

    @Override
    public Path root() {
        return host.root();
    }

    @Override
    public Path resolve(String hostPath) {
        return host.resolve(hostPath);
    }

    @Override
    public boolean exists(String hostPath) {
        return host.exists(hostPath);
    }

    @Override
    public boolean isDirectory(String hostPath) {
        return host.isDirectory(hostPath);
    }

    @Override
    public List<String> readLines(String hostPath) throws IOException {
        if (denied.contains(hostPath)) {
            throw new AccessDeniedException(hostPath, null, "permission denied");
        }
        return host.readLines(hostPath);
    }

    @Override
    public List<String> glob(String hostPattern) throws IOException {
        return host.glob(hostPattern);
    }

    @Override
    public boolean canRunCommands() {
        return host.canRunCommands();
    }

    @Override
    public boolean isPrivileged() {
        return host.isPrivileged();
    }

    @Override
    public CommandResult run(Duration timeout, String... command) throws IOException {
        return host.run(timeout, command);
    }
}
