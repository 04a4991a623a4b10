package org.miniops.plugins.ufw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Human-readable list of what UFW rules let in: one line per port and protocol, with the IPv4 and
 * IPv6 copies of a rule merged into one line.
 *
 * <p>A line reads like {@code 2222/tcp LIMIT from anywhere (IPv4 and IPv6, comment "ssh")} or
 * {@code 5432/tcp ALLOW on eth1 from 10.0.0.0/8 (IPv4)}. Only incoming rules that admit
 * packets are listed; the others are counted.
 */
final class OpenPortsListing {

    private final Map<Entry, Set<String>> fromAnywhere = new LinkedHashMap<>();
    private final Map<Entry, Set<String>> fromSomeSources = new LinkedHashMap<>();
    private int blockingRules;
    private int outgoingRules;
    private int routeRules;

    private OpenPortsListing() {
    }

    static OpenPortsListing of(List<UfwRule> rules) {
        OpenPortsListing listing = new OpenPortsListing();
        rules.forEach(listing::add);
        return listing;
    }

    /** Lines for ports open to every source address. */
    List<String> openToAnywhere() {
        return lines(fromAnywhere);
    }

    /** Lines for ports open only to some source addresses. */
    List<String> openToSomeSources() {
        return lines(fromSomeSources);
    }

    /** Counts the rules not listed, or empty when every rule is listed. */
    String notListed() {
        List<String> parts = new ArrayList<>();
        if (blockingRules > 0) {
            parts.add(blockingRules + " incoming deny or reject " + plural(blockingRules));
        }
        if (outgoingRules > 0) {
            parts.add(outgoingRules + " outgoing " + plural(outgoingRules));
        }
        if (routeRules > 0) {
            parts.add(routeRules + " route " + plural(routeRules));
        }
        return parts.isEmpty() ? "" : "Not listed: " + String.join(", ", parts);
    }

    private void add(UfwRule rule) {
        if (rule.routed()) {
            routeRules++;
            return;
        }
        if (rule.direction() == UfwRule.Direction.OUT) {
            outgoingRules++;
            return;
        }
        if (!rule.action().admits()) {
            blockingRules++;
            return;
        }
        Map<Entry, Set<String>> target = rule.isFromAnywhere() ? fromAnywhere : fromSomeSources;
        String family = rule.v6() ? "IPv6" : "IPv4";
        for (String label : labels(rule)) {
            target.computeIfAbsent(Entry.of(label, rule), key -> new LinkedHashSet<>()).add(family);
        }
    }

    /** Names what a rule opens: {@code 22/tcp}, {@code 60000-61000/udp}, {@code all tcp ports}, {@code protocol esp}. */
    private static List<String> labels(UfwRule rule) {
        if (!rule.portsKnown()) {
            return List.of("ports of app profile " + rule.destinationApp() + " (profile not found)");
        }
        if (rule.protocol().equals(UfwRule.ANY) && rule.destinationPorts().equals(UfwRule.ANY)) {
            return List.of("all ports and protocols");
        }
        if (!rule.protocol().equals(UfwRule.ANY) && !rule.protocol().equals("tcp") && !rule.protocol().equals("udp")) {
            return List.of("protocol " + rule.protocol());
        }
        List<String> labels = new ArrayList<>();
        for (String transport : rule.transportProtocols()) {
            for (PortRange range : rule.destinationPortRanges()) {
                labels.add(range.equals(PortRange.ALL) ? "all " + transport + " ports" : range + "/" + transport);
            }
        }
        return labels;
    }

    private static List<String> lines(Map<Entry, Set<String>> entries) {
        List<String> lines = new ArrayList<>();
        entries.forEach((entry, families) -> lines.add(entry.describe(String.join(" and ", families))));
        return lines;
    }

    private static String plural(int count) {
        return count == 1 ? "rule" : "rules";
    }

    /** Key of one listed line, which the IPv4 and IPv6 copies of a rule share. */
    private record Entry(String label, UfwAction action, String destination, String interfaceIn, String source,
                         String sourcePorts, String app, String logType, String comment) {

        static Entry of(String label, UfwRule rule) {
            String destination = UfwRule.isAnywhere(rule.destination()) ? "" : rule.destination();
            String source = rule.isFromAnywhere() ? "anywhere" : rule.source();
            return new Entry(label, rule.action(), destination, rule.interfaceIn(), source, rule.sourcePorts(),
                    rule.destinationApp(), rule.logType(), rule.comment());
        }

        String describe(String families) {
            StringBuilder line = new StringBuilder(label).append(' ').append(action);
            if (!destination.isEmpty()) {
                line.append(" to ").append(destination);
            }
            if (!interfaceIn.isEmpty()) {
                line.append(" on ").append(interfaceIn);
            }
            line.append(" from ").append(source);
            if (!sourcePorts.equals(UfwRule.ANY)) {
                line.append(" port ").append(sourcePorts);
            }
            line.append(" (").append(families);
            if (!app.isEmpty()) {
                line.append(", app profile ").append(app);
            }
            if (!logType.isEmpty()) {
                line.append(", ").append(logType);
            }
            if (!comment.isEmpty()) {
                line.append(", comment \"").append(comment).append('"');
            }
            return line.append(')').toString();
        }
    }
}
