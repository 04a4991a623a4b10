package org.miniops.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

/** Builds the host view that checks inspect. */
final class Hosts {

    private Hosts() {
    }

    /**
     * Returns the live machine when {@code root} is {@code /}, and a file-only view otherwise,
     * since commands would inspect the machine the agent runs on, not the tree under {@code root}.
     */
    static Host forRoot(Path root) {
        if (root.toAbsolutePath().normalize().equals(Path.of("/"))) {
            return Host.of(Path.of("/"), CommandRunner.system(), runsAsRoot());
        }
        return Host.of(root, CommandRunner.disabled(), false);
    }

    static boolean runsAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
