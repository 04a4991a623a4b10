package org.miniops.plugins.ssh;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.miniops.api.Host;

/**
 * Resolver for port arguments the way OpenSSH's {@code a2port()} reads them: a decimal number from
 * 0 to 65535, or else a TCP service name from the audited host's {@code /etc/services}.
 *
 * <p>Instances read {@code /etc/services} at most once and are meant for one parse; they are not
 * thread-safe.
 */
final class PortNumbers {

    private static final String SERVICES = "/etc/services";

    private final Host host;
    private Map<String, Integer> services;

    private PortNumbers(Host host) {
        this.host = host;
    }

    /** Creates a resolver that looks service names up in the host's {@code /etc/services}. */
    static PortNumbers forHost(Host host) {
        return new PortNumbers(host);
    }

    /** Creates a resolver that accepts decimal numbers only. */
    static PortNumbers numericOnly() {
        return new PortNumbers(null);
    }

    /** Returns the port {@code text} names, or empty when it is neither a number in range nor a known service. */
    OptionalInt resolve(String text) {
        OptionalInt number = parseDecimal(text);
        if (number.isPresent() || host == null) {
            return number;
        }
        Integer port = services().get(text);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** Parses like {@code strtonum(text, 0, 65535)}: optional leading whitespace and sign, then decimal digits. */
    private static OptionalInt parseDecimal(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("+")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.isEmpty() || trimmed.length() > 10 || !trimmed.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        long value = Long.parseLong(trimmed);
        return value <= 65535 ? OptionalInt.of((int) value) : OptionalInt.empty();
    }

    private Map<String, Integer> services() {
        if (services != null) {
            return services;
        }
        services = new HashMap<>();
        try {
            for (String line : host.readLines(SERVICES)) {
                addServiceLine(line);
            }
        } catch (IOException e) {
            // Without /etc/services, getservbyname() finds nothing either, so a name is a bad port.
        }
        return services;
    }

    /** Adds a line such as {@code ssh  22/tcp  # SSH Remote Login Protocol}, with its aliases. */
    private void addServiceLine(String line) {
        int comment = line.indexOf('#');
        String[] fields = (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+");
        if (fields.length < 2 || !fields[1].endsWith("/tcp")) {
            return;
        }
        OptionalInt port = parseDecimal(fields[1].substring(0, fields[1].length() - "/tcp".length()));
        if (port.isEmpty()) {
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            if (i != 1) {
                services.putIfAbsent(fields[i], port.getAsInt());
            }
        }
    }
}
