package org.miniops.plugins.ufw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser for what {@code ufw status}, {@code ufw status verbose} and {@code ufw status numbered}
 * print with {@code LC_ALL=C}.
 *
 * <p>ufw prints each rule as {@code %-26s %-12s%-26s} (To, Action, From), then {@code (log)},
 * {@code (log-all)} or, in the numbered layout, {@code (out)}, then {@code # comment}. Columns
 * grow past their width when the text is longer, so the parser finds the action column by its
 * words rather than by position alone. The plain layout leaves out {@code IN} and prints an
 * application profile's name in place of its ports; the parser puts the ports back from the
 * {@link ApplicationProfiles} it is given, so all three layouts yield the same rules.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UfwStatusParser {

    private static final Pattern STATUS = Pattern.compile("^Status: (\\S+)$");
    private static final Pattern POLICY = Pattern.compile("(\\w+) \\((incoming|outgoing|routed)\\)");
    private static final Pattern NUMBER = Pattern.compile("^\\[\\s*\\d+\\] ");
    private static final Pattern HEADER = Pattern.compile("^(To\\s+Action\\s+From|--\\s+------\\s+----)$");
    private static final Pattern ACTION = Pattern.compile("\\s(ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT|FWD))?(?=\\s|$)");
    private static final Pattern ATTRIBUTES = Pattern.compile("^(.*?)\\s+\\((?:(log|log-all)(?:, out)?|out)\\)$");
    /** Width of the To column. The action starts one space after it unless the To text is longer. */
    private static final int TO_WIDTH = 26;

    private final ApplicationProfiles profiles;

    /** Creates a parser that leaves the ports of plain-layout profile rows unknown. */
    public UfwStatusParser() {
        this(ApplicationProfiles.none());
    }

    /** Creates a parser that looks up plain-layout profile rows in {@code profiles}. */
    public UfwStatusParser(ApplicationProfiles profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /**
     * Parses the whole output of {@code ufw status [verbose|numbered]}.
     *
     * @throws IllegalArgumentException if the output does not start with a {@code Status:} line
     *     or contains a line that is not part of ufw's status layout; the message names the line
     */
    public UfwStatus parse(String output) {
        List<String> lines = output.lines().map(UfwStatusParser::stripTrailingCarriageReturn).toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException("ufw status output is empty; expected a 'Status: active' or 'Status: inactive' line");
        }
        boolean active = parseState(lines.get(first).strip());

        Optional<UfwPolicy> incoming = Optional.empty();
        Optional<UfwPolicy> outgoing = Optional.empty();
        Optional<UfwPolicy> routed = Optional.empty();
        String logging = "";
        List<UfwRule> rules = new ArrayList<>();
        for (int index = first + 1; index < lines.size(); index++) {
            String line = lines.get(index);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("New profiles:") || HEADER.matcher(trimmed).matches()) {
                continue;
            }
            if (trimmed.startsWith("Logging:")) {
                logging = trimmed.substring("Logging:".length()).strip();
                continue;
            }
            if (trimmed.startsWith("Default:")) {
                Matcher policy = POLICY.matcher(trimmed);
                while (policy.find()) {
                    UfwPolicy value = UfwPolicy.fromStatusWord(policy.group(1));
                    switch (policy.group(2)) {
                        case "incoming" -> incoming = Optional.of(value);
                        case "outgoing" -> outgoing = Optional.of(value);
                        default -> routed = Optional.of(value);
                    }
                }
                continue;
            }
            try {
                rules.addAll(parseRow(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ufw status line " + (index + 1) + " '" + line.strip()
                        + "' is not a rule row: " + e.getMessage(), e);
            }
        }
        return new UfwStatus(active, incoming, outgoing, routed, logging, rules);
    }

    private static boolean parseState(String line) {
        Matcher status = STATUS.matcher(line);
        if (!status.matches()) {
            throw new IllegalArgumentException("ufw status output starts with '" + line
                    + "'; expected 'Status: active' or 'Status: inactive'");
        }
        // Compare whole words: "inactive" contains "active".
        return switch (status.group(1)) {
            case "active" -> true;
            case "inactive" -> false;
            default -> throw new IllegalArgumentException("ufw status '" + status.group(1)
                    + "' is unknown; expected active or inactive");
        };
    }

    /** Parses one rule row into one rule, or into several when a plain-layout profile has several ports. */
    private List<UfwRule> parseRow(String line) {
        String row = line.stripTrailing();
        Matcher number = NUMBER.matcher(row);
        if (number.lookingAt()) {
            row = row.substring(number.end());
        }

        Matcher action = findAction(row);
        String to = row.substring(0, action.start()).strip();
        String rest = row.substring(action.end());

        // The From column never contains '#', so the first " # " starts the comment, which may contain more.
        String comment = "";
        int hash = rest.indexOf(" # ");
        if (hash < 0 && rest.endsWith(" #")) {
            hash = rest.length() - 2;
        }
        if (hash >= 0) {
            comment = rest.substring(Math.min(hash + 3, rest.length()));
            rest = rest.substring(0, hash);
        }
        String from = rest.strip();
        String logType = "";
        Matcher attributes = ATTRIBUTES.matcher(from);
        if (attributes.matches()) {
            from = attributes.group(1).strip();
            logType = Objects.requireNonNullElse(attributes.group(2), "");
        }

        RowFields fields = new RowFields(UfwAction.parse(action.group(1)),
                Objects.requireNonNullElse(action.group(2), "IN"), StatusCell.parse(to), StatusCell.parse(from),
                logType, comment);
        return toRules(fields);
    }

    /** Finds the action at its column when the To text fits its width, else the first action word. */
    private static Matcher findAction(String row) {
        Matcher action = ACTION.matcher(row);
        if (row.length() > TO_WIDTH) {
            action.region(TO_WIDTH, row.length());
            if (action.lookingAt()) {
                return action;
            }
            action.reset();
        }
        while (action.find()) {
            if (!row.substring(0, action.start()).isBlank()) {
                return action;
            }
        }
        throw new IllegalArgumentException("no action (ALLOW, DENY, REJECT or LIMIT) between the To and From columns");
    }

    private List<UfwRule> toRules(RowFields row) {
        boolean routed = row.direction().equals("FWD");
        // Route rules print the incoming interface under From; other rules print it under To.
        String interfaceIn = routed ? row.from().interfaceName() : row.to().interfaceName();
        String interfaceOut = routed ? row.to().interfaceName() : row.from().interfaceName();
        UfwRule.Direction direction = switch (row.direction()) {
            case "OUT" -> UfwRule.Direction.OUT;
            // ufw stores a route rule that names only an outgoing interface as direction out.
            case "FWD" -> interfaceIn.isEmpty() && !interfaceOut.isEmpty() ? UfwRule.Direction.OUT : UfwRule.Direction.IN;
            default -> UfwRule.Direction.IN;
        };
        boolean v6 = row.to().v6() || row.from().v6() || row.to().hasIpv6Address() || row.from().hasIpv6Address();
        String shownProtocol = !row.to().protocol().isEmpty() ? row.to().protocol() : row.from().protocol();

        List<PortsAndProtocol> destinations = portChoices(row.to(), shownProtocol);
        List<PortsAndProtocol> sources = portChoices(row.from(), shownProtocol);
        boolean sameApp = row.to().appWithoutPorts() && row.to().app().equals(row.from().app());

        List<UfwRule> rules = new ArrayList<>();
        for (int d = 0; d < destinations.size(); d++) {
            for (int s = 0; s < sources.size(); s++) {
                // ufw pairs the ports one to one when the same profile is on both sides.
                if (sameApp && d != s) {
                    continue;
                }
                PortsAndProtocol destination = destinations.get(d);
                PortsAndProtocol source = sources.get(s);
                String protocol = source.protocol().equals(UfwRule.ANY) ? destination.protocol() : source.protocol();
                rules.add(UfwRule.builder(row.action())
                        .direction(direction)
                        .routed(routed)
                        .protocol(protocol)
                        .destination(row.to().address())
                        .destinationPorts(destination.ports())
                        .destinationApp(row.to().app())
                        .source(row.from().address())
                        .sourcePorts(source.ports())
                        .sourceApp(row.from().app())
                        .interfaceIn(interfaceIn)
                        .interfaceOut(interfaceOut)
                        .logType(row.logType())
                        .comment(row.comment())
                        .v6(v6)
                        .build());
            }
        }
        return rules;
    }

    /** Returns the ports one side covers: as printed, or each entry of the profile it names. */
    private List<PortsAndProtocol> portChoices(StatusCell cell, String shownProtocol) {
        String protocol = shownProtocol.isEmpty() ? UfwRule.ANY : shownProtocol;
        if (!cell.appWithoutPorts()) {
            return List.of(new PortsAndProtocol(cell.ports(), protocol));
        }
        Optional<List<String>> entries = profiles.ports(cell.app());
        if (entries.isEmpty()) {
            return List.of(new PortsAndProtocol("", ""));
        }
        return entries.get().stream().map(PortsAndProtocol::parseProfileEntry).toList();
    }

    private static String stripTrailingCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private record RowFields(UfwAction action, String direction, StatusCell to, StatusCell from,
                             String logType, String comment) {
    }

    /** Ports with the protocol they apply to, as in a profile's {@code ports=80,443/tcp|53} entry. */
    private record PortsAndProtocol(String ports, String protocol) {

        static PortsAndProtocol parseProfileEntry(String entry) {
            int slash = entry.indexOf('/');
            if (slash < 0) {
                return new PortsAndProtocol(entry, UfwRule.ANY);
            }
            return new PortsAndProtocol(entry.substring(0, slash), entry.substring(slash + 1));
        }
    }
}
