package org.miniops.plugins.portcoverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ports a Fail2Ban jail bans an address on: the jail's {@code port} value, or every port when one
 * of its actions blocks the whole address.
 *
 * <p>fail2ban hands {@code port} to the ban action unchanged, so the firewall defines its format.
 * iptables' multiport match ({@code --dports}) and the nftables actions take a comma-separated
 * list of port numbers, {@code LOW:HIGH} ranges and service names from {@code /etc/services},
 * for example {@code ssh}, {@code ssh,2222} or {@code 0:65535}; nftables actions turn {@code :}
 * into {@code -}, so {@code LOW-HIGH} is read too. Names resolve as TCP services, like sshd's port.
 *
 * <p>NOTE: {@code ufw} and {@code route} count as blocking every port, which is true unless the
 * {@code ufw} action is given an {@code application=} profile; this reader does not see action
 * parameters.
 *
 * @param spans the port ranges the value lists
 * @param allPortsAction the action that blocks every port, or empty
 * @param unresolved list items that are neither numbers, ranges nor known service names, which the
 *     firewall rejects
 */
record JailPorts(List<Span> spans, Optional<String> allPortsAction, List<String> unresolved) {

    private static final Pattern NUMERIC_DASH_RANGE = Pattern.compile("^\\d+-\\d+$");

    JailPorts {
        spans = List.copyOf(spans);
        unresolved = List.copyOf(unresolved);
    }

    /**
     * Inclusive range of ports; a single port is a range of one.
     *
     * @param first lowest port, from 0
     * @param last highest port, at most 65535
     */
    record Span(int first, int last) {

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    /**
     * Reads a jail's ports.
     *
     * @param port the jail's {@code port} value, for example {@code ssh,2222}
     * @param actions the jail's action names, for example {@code iptables-multiport}
     * @param names the host's TCP service names
     */
    static JailPorts of(String port, List<String> actions, ServiceNames names) {
        Optional<String> allPorts = actions.stream().filter(JailPorts::blocksEveryPort).findFirst();
        List<Span> spans = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String item : port.split(",")) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            parseItem(trimmed, names).ifPresentOrElse(spans::add, () -> unresolved.add(trimmed));
        }
        return new JailPorts(spans, allPorts, unresolved);
    }

    /** Returns whether a ban by this jail keeps the address away from TCP port {@code port}. */
    boolean covers(int port) {
        return allPortsAction.isPresent() || spans.stream().anyMatch(span -> port >= span.first() && port <= span.last());
    }

    /** Returns the ports as text, for example {@code 22, 2222} or {@code 0-65535}. */
    String describe() {
        if (allPortsAction.isPresent()) {
            return "every port (action " + allPortsAction.get() + " blocks the whole address)";
        }
        if (spans.isEmpty()) {
            return "no port";
        }
        return spans.stream().map(Span::toString).collect(Collectors.joining(", "));
    }

    /** Returns whether the action bans an address on every port rather than on the jail's ports. */
    private static boolean blocksEveryPort(String action) {
        return action.contains("-allports") || action.equals("ufw") || action.startsWith("ufw-")
                || action.equals("route") || action.startsWith("route-");
    }

    private static Optional<Span> parseItem(String item, ServiceNames names) {
        // A name such as "ssh" or "http-alt" may itself contain a dash, so names are tried first.
        OptionalInt single = port(item, names);
        if (single.isPresent()) {
            return Optional.of(new Span(single.getAsInt(), single.getAsInt()));
        }
        int separator = item.indexOf(':');
        if (separator < 0 && NUMERIC_DASH_RANGE.matcher(item).matches()) {
            separator = item.indexOf('-');
        }
        if (separator < 0) {
            return Optional.empty();
        }
        String low = item.substring(0, separator);
        String high = item.substring(separator + 1);
        // iptables' --dport reads an open end as 0 or 65535; --dports rejects it, which this reader does not copy.
        OptionalInt first = low.isEmpty() ? OptionalInt.of(0) : port(low, names);
        OptionalInt last = high.isEmpty() ? OptionalInt.of(65535) : port(high, names);
        if (first.isEmpty() || last.isEmpty() || first.getAsInt() > last.getAsInt()) {
            return Optional.empty();
        }
        return Optional.of(new Span(first.getAsInt(), last.getAsInt()));
    }

    private static OptionalInt port(String text, ServiceNames names) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            if (text.length() > 5) {
                return OptionalInt.empty();
            }
            int number = Integer.parseInt(text);
            return number <= 65535 ? OptionalInt.of(number) : OptionalInt.empty();
        }
        return names.port(text);
    }
}
