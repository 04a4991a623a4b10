package org.miniops.agent.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.miniops.agent.audit.AuditReport;
import org.miniops.agent.audit.AuditRunner;
import org.miniops.agent.audit.ReportFormatter;
import org.miniops.agent.audit.ReportJson;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.json.Json;
import org.miniops.agent.plugins.PluginRegistry;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

/** {@code mini-ops audit}: runs every installed check once and prints the report; needs no token and no running agent. */
final class AuditCommand {

    private AuditCommand() {
    }

    /** Returns the exit code: 0 when nothing is {@code FAIL}, 1 when something is. */
    static int run(Arguments arguments, AgentConfig config, PrintStream out) {
        Host host = arguments.root().map(AuditCommand::mountedRoot).orElseGet(() -> Hosts.forRoot(config.hostRoot()));

        AuditReport report;
        try (PluginRegistry registry = PluginRegistry.load(config.pluginsDir(), config.values())) {
            report = new AuditRunner(registry.checks(), host).run();
        }

        if (arguments.format().equals("json")) {
            out.println(Json.writePretty(ReportJson.of(report)));
        } else {
            out.print(ReportFormatter.text(report));
        }
        out.flush();
        return report.hasFailures() ? 1 : 0;
    }

    private static Host mountedRoot(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UsageException("--root " + root + " is not a directory; give the directory where the system to audit is mounted");
        }
        // --root always means files only, even for /: the operator asked not to run commands.
        return Host.of(root, CommandRunner.disabled(), false);
    }
}
