package org.miniops.plugins.ufw;

import java.util.List;
import java.util.Objects;

/**
 * One UFW rule as ufw itself models it: the fields of a {@code ### tuple ###} line in
 * {@code /etc/ufw/user.rules}, which is also what a row of {@code ufw status} shows.
 *
 * <p>Addresses and ports keep ufw's notation, so rules read from the files and from the status
 * output compare equal: an address is {@code 0.0.0.0/0} or {@code ::/0} for anywhere, a host
 * ({@code 192.168.1.10}) or a network ({@code 10.0.0.0/8}); ports are {@code any}, {@code 22},
 * {@code 80,443} or {@code 60000:61000}. Instances are immutable.
 *
 * @param action what happens to a matching packet
 * @param direction whether the rule filters incoming or outgoing packets
 * @param routed whether this is a route rule ({@code ufw route ...}) for forwarded packets, shown
 *     as {@code FWD}
 * @param protocol {@code tcp}, {@code udp}, another protocol such as {@code esp}, or {@code any};
 *     with a port, {@code any} means TCP and UDP. Empty when not known, see {@link #portsKnown()}
 * @param destination destination address
 * @param destinationPorts destination ports; empty when the rule names an application profile
 *     whose ports could not be read, which only the plain {@code ufw status} layout hides
 * @param destinationApp application profile the destination ports came from, such as
 *     {@code OpenSSH}, or empty
 * @param source source address
 * @param sourcePorts source ports
 * @param sourceApp application profile the source ports came from, or empty
 * @param interfaceIn interface the packet arrives on ({@code in on eth1}), or empty
 * @param interfaceOut interface the packet leaves by ({@code out on eth0}), or empty
 * @param logType empty, {@code log} (new connections) or {@code log-all} (every packet)
 * @param comment the rule's comment, decoded, or empty
 * @param v6 whether the rule belongs to the IPv6 table
 */
public record UfwRule(UfwAction action, Direction direction, boolean routed, String protocol,
                      String destination, String destinationPorts, String destinationApp,
                      String source, String sourcePorts, String sourceApp,
                      String interfaceIn, String interfaceOut, String logType, String comment,
                      boolean v6) {

    /** Value of a port or protocol field that matches everything. */
    public static final String ANY = "any";

    /** Direction of the packets a rule filters, relative to this host. */
    public enum Direction { IN, OUT }

    public UfwRule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(destinationPorts, "destinationPorts");
        Objects.requireNonNull(destinationApp, "destinationApp");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourcePorts, "sourcePorts");
        Objects.requireNonNull(sourceApp, "sourceApp");
        Objects.requireNonNull(interfaceIn, "interfaceIn");
        Objects.requireNonNull(interfaceOut, "interfaceOut");
        Objects.requireNonNull(logType, "logType");
        Objects.requireNonNull(comment, "comment");
    }

    /** Starts a rule with ufw's defaults: incoming, any protocol, any port, anywhere to anywhere. */
    public static Builder builder(UfwAction action) {
        return new Builder(action);
    }

    /** Returns whether {@code address} is {@code 0.0.0.0/0} or {@code ::/0}. */
    public static boolean isAnywhere(String address) {
        return address.equals("0.0.0.0/0") || address.equals("::/0");
    }

    /** Returns whether the rule filters packets addressed to this host, rather than outgoing or forwarded ones. */
    public boolean isIncoming() {
        return direction == Direction.IN && !routed;
    }

    /** Returns whether the rule matches packets from any source address. */
    public boolean isFromAnywhere() {
        return isAnywhere(source);
    }

    /** Returns whether the destination ports are known. */
    public boolean portsKnown() {
        return !destinationPorts.isEmpty();
    }

    /**
     * Returns the destination ports as ranges: {@link PortRange#ALL} for {@code any}, nothing when
     * the ports are not known.
     */
    public List<PortRange> destinationPortRanges() {
        if (!portsKnown()) {
            return List.of();
        }
        if (destinationPorts.equals(ANY)) {
            return List.of(PortRange.ALL);
        }
        return PortRange.parseList(destinationPorts);
    }

    /**
     * Returns the transport protocols the destination ports apply to: {@code tcp} and {@code udp}
     * for {@code any} (ufw then writes one iptables rule for each), else the protocol itself.
     */
    public List<String> transportProtocols() {
        return protocol.equals(ANY) ? List.of("tcp", "udp") : List.of(protocol);
    }

    /** Returns whether the rule matches packets to {@code port} over {@code transport} ({@code tcp} or {@code udp}). */
    public boolean covers(int port, String transport) {
        if (!transportProtocols().contains(transport)) {
            return false;
        }
        return destinationPortRanges().stream().anyMatch(range -> range.contains(port));
    }

    /** Mutable helper that collects a rule's fields while a parser reads them. Not thread-safe. */
    public static final class Builder {
        private final UfwAction action;
        private Direction direction = Direction.IN;
        private boolean routed;
        private String protocol = ANY;
        private String destination = ANY;
        private String destinationPorts = ANY;
        private String destinationApp = "";
        private String source = ANY;
        private String sourcePorts = ANY;
        private String sourceApp = "";
        private String interfaceIn = "";
        private String interfaceOut = "";
        private String logType = "";
        private String comment = "";
        private boolean v6;

        private Builder(UfwAction action) {
            this.action = Objects.requireNonNull(action, "action");
        }

        public Builder direction(Direction value) {
            direction = value;
            return this;
        }

        public Builder routed(boolean value) {
            routed = value;
            return this;
        }

        public Builder protocol(String value) {
            protocol = value;
            return this;
        }

        /** Sets the destination address; {@code any} stands for anywhere in the rule's family. */
        public Builder destination(String value) {
            destination = value;
            return this;
        }

        public Builder destinationPorts(String value) {
            destinationPorts = value;
            return this;
        }

        public Builder destinationApp(String value) {
            destinationApp = value;
            return this;
        }

        /** Sets the source address; {@code any} stands for anywhere in the rule's family. */
        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder sourcePorts(String value) {
            sourcePorts = value;
            return this;
        }

        public Builder sourceApp(String value) {
            sourceApp = value;
            return this;
        }

        public Builder interfaceIn(String value) {
            interfaceIn = value;
            return this;
        }

        public Builder interfaceOut(String value) {
            interfaceOut = value;
            return this;
        }

        public Builder logType(String value) {
            logType = value;
            return this;
        }

        public Builder comment(String value) {
            comment = value;
            return this;
        }

        public Builder v6(boolean value) {
            v6 = value;
            return this;
        }

        /** Builds the rule, writing anywhere as {@code ::/0} or {@code 0.0.0.0/0} to match its family as ufw does. */
        public UfwRule build() {
            return new UfwRule(action, direction, routed, protocol, anywhereForFamily(destination),
                    destinationPorts, destinationApp, anywhereForFamily(source), sourcePorts, sourceApp,
                    interfaceIn, interfaceOut, logType, comment, v6);
        }

        private String anywhereForFamily(String address) {
            if (address.equals(ANY) || isAnywhere(address)) {
                return v6 ? "::/0" : "0.0.0.0/0";
            }
            return address;
        }
    }
}
