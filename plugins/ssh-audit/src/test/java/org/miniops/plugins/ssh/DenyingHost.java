package org.miniops.plugins.ssh;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.miniops.api.CommandResult;
import org.miniops.api.Host;

/**
 * Host that denies reading some files and listing some directories, the way a host does for an
 * unprivileged agent. Tests run as root, where file modes such as 000 are not enforced.
 */
final class DenyingHost implements Host {

    private final Host delegate;
    private final Set<String> deniedFiles;
    private final Set<String> deniedDirectories;

    private DenyingHost(Host delegate, Set<String> deniedFiles, Set<String> deniedDirectories) {
        this.delegate = delegate;
        this.deniedFiles = deniedFiles;
        this.deniedDirectories = deniedDirectories;
    }

    static DenyingHost denyingFiles(Host delegate, String... files) {
        return new DenyingHost(delegate, Set.of(files), Set.of());
    }

    static DenyingHost denyingDirectories(Host delegate, String... directories) {
        return new DenyingHost(delegate, Set.of(), Set.of(directories));
    }

    @Override
    public Path root() {
        return delegate.root();
    }

    @Override
    public Path resolve(String hostPath) {
        return delegate.resolve(hostPath);
    }

    @Override
    public boolean exists(String hostPath) {
        return delegate.exists(hostPath);
    }

    @Override
    public boolean isDirectory(String hostPath) {
        return delegate.isDirectory(hostPath);
    }

    @Override
    public List<String> readLines(String hostPath) throws IOException {
        if (deniedFiles.contains(hostPath) || deniedDirectories.stream().anyMatch(dir -> hostPath.startsWith(dir + "/"))) {
            throw new AccessDeniedException(hostPath, null, "permission denied");
        }
        return delegate.readLines(hostPath);
    }

    @Override
    public List<String> glob(String hostPattern) throws IOException {
        for (String directory : deniedDirectories) {
            if (hostPattern.startsWith(directory + "/")) {
                throw new AccessDeniedException(delegate.resolve(directory).toString());
            }
        }
        return delegate.glob(hostPattern);
    }

    @Override
    public boolean canRunCommands() {
        return delegate.canRunCommands();
    }

    @Override
    public boolean isPrivileged() {
        return delegate.isPrivileged();
    }

    @Override
    public CommandResult run(Duration timeout, String... command) throws IOException {
        return delegate.run(timeout, command);
    }
}
