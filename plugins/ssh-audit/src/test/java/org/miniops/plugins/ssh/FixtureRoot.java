package org.miniops.plugins.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;

/** Directory that stands for {@code /} of an audited machine, with helpers to write config files into it. */
final class FixtureRoot {

    private final Path root;

    FixtureRoot(Path root) {
        this.root = root;
    }

    /** Writes {@code lines} to {@code hostPath}, each ended by a newline. */
    FixtureRoot write(String hostPath, String... lines) {
        return writeRaw(hostPath, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
    }

    /** Writes {@code content} to {@code hostPath} byte for byte, for line-ending tests. */
    FixtureRoot writeRaw(String hostPath, String content) {
        Path file = root.resolve(hostPath.substring(1));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FixtureRoot directory(String hostPath) {
        try {
            Files.createDirectories(root.resolve(hostPath.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path root() {
        return root;
    }

    /** Returns a file-only host, as in {@code mini-ops audit --root}. */
    Host host() {
        return Host.of(root, CommandRunner.disabled(), false);
    }

    Host host(CommandRunner commands, boolean privileged) {
        return Host.of(root, commands, privileged);
    }

    SshdConfig parse() {
        return SshdConfigParser.parse(host(), SshdConfigParser.DEFAULT_PATH);
    }

    EffectiveSettings settings() {
        return new EffectiveSettings(parse());
    }

    CheckResult run(AuditCheck check) {
        return run(check, host());
    }

    static CheckResult run(AuditCheck check, Host host) {
        return run(check, host, Map.of());
    }

    static CheckResult run(AuditCheck check, Host host, Map<String, String> settings) {
        try {
            return check.check(new CheckContext(host, PluginSettings.of(settings)));
        } catch (Exception e) {
            throw new AssertionError(check.id() + " threw instead of returning a result", e);
        }
    }

    /** Returns a recorded {@code sshd -T} output from the test resources. */
    static String recorded(String name) {
        try (InputStream in = FixtureRoot.class.getResourceAsStream("/sshd-T/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded output /sshd-T/" + name + " in the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
