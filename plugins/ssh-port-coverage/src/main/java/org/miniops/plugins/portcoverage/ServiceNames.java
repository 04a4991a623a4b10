package org.miniops.plugins.portcoverage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.miniops.api.Host;

/**
 * TCP service names from the host's {@code /etc/services}, which iptables and nftables consult
 * (through {@code getservbyname}) when a Fail2Ban action names a port such as {@code ssh}.
 *
 * <p>A line reads {@code NAME PORT/PROTOCOL [ALIASES...] [# comment]}; the first line for a name
 * wins, as in glibc. Instances are immutable.
 */
final class ServiceNames {

    static final String SERVICES = "/etc/services";

    private final Map<String, Integer> tcpPorts;
    private final String note;

    private ServiceNames(Map<String, Integer> tcpPorts, String note) {
        this.tcpPorts = Map.copyOf(tcpPorts);
        this.note = note;
    }

    /**
     * Reads {@code /etc/services}. Without it, {@code ssh} still means 22: every distribution's
     * file lists it, and a missing file in a mounted image should not make the jail look wrong.
     */
    static ServiceNames read(Host host) throws IOException {
        Map<String, Integer> ports = new HashMap<>();
        try {
            for (String line : host.readLines(SERVICES)) {
                addLine(line, ports);
            }
            return new ServiceNames(ports, "");
        } catch (NoSuchFileException e) {
            return new ServiceNames(Map.of("ssh", 22), SERVICES + " not found, so only the name ssh (22) is known");
        } catch (AccessDeniedException e) {
            return new ServiceNames(Map.of("ssh", 22), "cannot read " + SERVICES + ": permission denied, so only the name ssh (22) is known");
        }
    }

    /** Returns the TCP port of service {@code name}, or empty when the file does not list it. */
    OptionalInt port(String name) {
        Integer port = tcpPorts.get(name);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** Returns why names may be missing, or empty when the file was read. */
    String note() {
        return note;
    }

    private static void addLine(String line, Map<String, Integer> ports) {
        int comment = line.indexOf('#');
        String[] fields = (comment >= 0 ? line.substring(0, comment) : line).strip().split("\\s+");
        if (fields.length < 2 || !fields[1].endsWith("/tcp")) {
            return;
        }
        int port;
        try {
            port = Integer.parseInt(fields[1].substring(0, fields[1].length() - "/tcp".length()));
        } catch (NumberFormatException e) {
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            if (i != 1) {
                ports.putIfAbsent(fields[i], port);
            }
        }
    }
}
