package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.pf4j.Extension;

/**
 * Audit check {@code ssh.port}: which ports sshd listens on. Port 22, alone or beside others,
 * warns, because it draws most automated login attempts; any other set of ports passes.
 */
@Extension
public final class PortCheck implements AuditCheck {

    private static final int DEFAULT_PORT = 22;

    private static final Set<String> KEYWORDS =
            Set.of(SshdKeywords.PORT, SshdKeywords.LISTEN_ADDRESS, SshdKeywords.ADDRESS_FAMILY);

    @Override
    public String id() {
        return "ssh.port";
    }

    @Override
    public String title() {
        return "SSH port";
    }

    @Override
    public String group() {
        return "ssh";
    }

    @Override
    public CheckResult check(CheckContext context) {
        return switch (SshdSettingsLoader.load(context)) {
            case LoadOutcome.NotAudited notAudited -> notAudited.result();
            case LoadOutcome.Loaded loaded -> judge(loaded.settings());
        };
    }

    private static CheckResult judge(SshdSettings settings) {
        List<ListenEndpoint> endpoints = settings.endpoints();
        Set<Integer> ports = new LinkedHashSet<>();
        endpoints.forEach(endpoint -> ports.add(endpoint.port()));
        boolean onDefaultPort = ports.contains(DEFAULT_PORT);

        List<String> evidence = new ArrayList<>(describe(endpoints));
        evidence.add(settings.sourceNote());
        CheckResult observed = onDefaultPort
                ? new CheckResult(CheckStatus.WARN, defaultPortSummary(ports), evidence, remediation(settings, endpoints))
                : new CheckResult(CheckStatus.PASS, "sshd is set to listen on " + portList(ports), evidence, "");
        return IncompleteConfig.review(settings, KEYWORDS, false, observed, "the list of ports");
    }

    private static String defaultPortSummary(Set<Integer> ports) {
        if (ports.size() == 1) {
            return "sshd is set to listen on the default port 22";
        }
        Set<Integer> others = new LinkedHashSet<>(ports);
        others.remove(DEFAULT_PORT);
        return "sshd is set to listen on the default port 22 as well as on " + portList(others);
    }

    private static String portList(Set<Integer> ports) {
        String list = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return (ports.size() == 1 ? "port " : "ports ") + list;
    }

    /** Returns one line per group of endpoints that the same config lines create. */
    private static List<String> describe(List<ListenEndpoint> endpoints) {
        Map<List<ConfigValue>, List<String>> bySource = new LinkedHashMap<>();
        for (ListenEndpoint endpoint : endpoints) {
            bySource.computeIfAbsent(endpoint.sources(), sources -> new ArrayList<>()).add(endpoint.endpoint());
        }
        List<String> lines = new ArrayList<>();
        bySource.forEach((sources, addresses) -> lines.add(
                sources.stream().map(ConfigValue::evidence).collect(Collectors.joining(" with "))
                        + ": sshd is set to listen on " + String.join(", ", addresses)));
        return lines;
    }

    private static String remediation(SshdSettings settings, List<ListenEndpoint> endpoints) {
        Set<String> steps = new LinkedHashSet<>();
        for (ListenEndpoint endpoint : endpoints) {
            if (endpoint.port() == DEFAULT_PORT) {
                steps.add(moveOffDefaultPort(endpoint.sources().get(endpoint.sources().size() - 1), settings.configPath()));
            }
        }
        steps.add("Allow the new port in the firewall first (for example `ufw allow 2222/tcp`) and keep the current session"
                + " open until a login on the new port works.");
        steps.add(Remediation.RELOAD);
        steps.add("With systemd socket activation (ssh.socket, Ubuntu 22.10 and later), also run"
                + " `systemctl daemon-reload` and `systemctl restart ssh.socket`.");
        steps.add("Another port cuts the noise of automated scans; it does not replace key-only login.");
        return String.join(" ", steps);
    }

    /** Returns how to move the line that puts sshd on port 22, given the last of the endpoint's sources. */
    private static String moveOffDefaultPort(ConfigValue source, String configPath) {
        return switch (source.origin()) {
            case FILE -> "Change line " + source.line() + " of " + source.file() + " (`" + source.setting()
                    + "`) to an unused port such as 2222.";
            case OPENSSH_DEFAULT -> "Add `Port 2222` (or another unused port) to " + configPath
                    + "; no Port line is set, so sshd uses the OpenSSH default 22.";
            case SSHD_ONLY -> "sshd -T reports " + source.setting() + ", but the readable files do not show which line"
                    + " sets it; set `Port 2222` (or another unused port) in " + configPath + " in its place.";
        };
    }
}
