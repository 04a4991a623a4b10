package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;

/**
 * Addresses and ports sshd listens on according to its configuration, for checks in other plugins
 * that compare them with a firewall or Fail2Ban.
 *
 * <p>The values come from the same loader as the {@code ssh.port} check: {@code sshd -T} when the
 * agent runs as root on the live system, otherwise the parsed sshd_config and its included
 * files. Instances are immutable.
 *
 * @param notAudited the verdict that ends a check early when there is no configuration to read:
 *     SKIPPED when sshd is not installed, ERROR when {@code SSH_CONFIG} is invalid; empty when
 *     the configuration was read
 * @param configPath host path of the main config file, for example {@code /etc/ssh/sshd_config};
 *     empty when the configuration was not read
 * @param endpoints where sshd listens, in the order sshd binds them
 * @param sourceNote which source gave the values, for example
 *     {@code Values from sshd -T -f /etc/ssh/sshd_config; file and line from reading the config files}
 * @param gaps unread files and rejected lines that may hide a {@code Port} or {@code ListenAddress}
 *     line, one sentence each; empty when {@link #endpoints} is complete
 */
public record SshdPorts(Optional<CheckResult> notAudited, String configPath, List<Endpoint> endpoints, String sourceNote,
                        List<String> gaps) {

    private static final Set<String> KEYWORDS =
            Set.of(SshdKeywords.PORT, SshdKeywords.LISTEN_ADDRESS, SshdKeywords.ADDRESS_FAMILY);

    public SshdPorts {
        Objects.requireNonNull(notAudited, "notAudited");
        Objects.requireNonNull(configPath, "configPath");
        Objects.requireNonNull(sourceNote, "sourceNote");
        endpoints = List.copyOf(endpoints);
        gaps = List.copyOf(gaps);
    }

    /**
     * Address and port sshd binds, with the config lines behind it.
     *
     * @param address the address as sshd prints it, IPv6 in brackets, for example {@code [::]},
     *     {@code 0.0.0.0} or a host name from {@code ListenAddress}
     * @param port the TCP port
     * @param source the lines that make sshd listen there, for example
     *     {@code Port 2222 (/etc/ssh/sshd_config:14)} or {@code Port 22 (OpenSSH default)}
     */
    public record Endpoint(String address, int port, String source) {
    }

    /**
     * Reads sshd's configuration on {@code host} afresh.
     *
     * @param settings the {@code SSH_} settings; {@code SSH_CONFIG} names another config file
     */
    public static SshdPorts load(Host host, PluginSettings settings) {
        return switch (SshdSettingsLoader.load(new CheckContext(host, settings))) {
            case LoadOutcome.NotAudited notAudited -> new SshdPorts(Optional.of(notAudited.result()), "", List.of(), "", List.of());
            case LoadOutcome.Loaded loaded -> fromSettings(loaded.settings());
        };
    }

    /** Returns the distinct ports in ascending order, empty when the configuration was not read. */
    public List<Integer> ports() {
        return List.copyOf(endpoints.stream().map(Endpoint::port).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static SshdPorts fromSettings(SshdSettings settings) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (ListenEndpoint endpoint : settings.endpoints()) {
            String source = endpoint.sources().stream().map(ConfigValue::evidence).collect(Collectors.joining(" with "));
            endpoints.add(new Endpoint(endpoint.address(), endpoint.port(), source));
        }
        return new SshdPorts(Optional.empty(), settings.configPath(), endpoints, settings.sourceNote(), gaps(settings));
    }

    /** Lists what makes the ports uncertain, as {@link IncompleteConfig} judges it for {@code ssh.port}. */
    private static List<String> gaps(SshdSettings settings) {
        List<String> gaps = new ArrayList<>();
        settings.problems(KEYWORDS).forEach(problem -> gaps.add("sshd rejects " + problem.describe()
                + ", so it will not start or reload with these files"));
        // sshd -T read every file as root, and Match blocks cannot set ports, so its values stand.
        if (!settings.confirmedBySshd()) {
            settings.unreadable().forEach(file -> gaps.add(file.describe()));
        }
        return gaps;
    }
}
