package org.miniops.plugins.ufw;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One side of a {@code ufw status} row, the {@code To} or the {@code From} column, split into the
 * parts ufw joins to print it.
 *
 * <p>ufw prints a side as {@code [address] [ports[/protocol]] [(app)] [(v6)] [on interface]},
 * {@code Anywhere[/protocol] [(v6)]} without address and ports, {@code address/protocol} without
 * ports, and in the plain layout the application profile name in place of the ports
 * ({@code OpenSSH}, {@code WWW Full (v6)}). In the verbose layout the profile follows the ports in
 * brackets, with the IPv6 mark inside them: {@code 22/tcp (OpenSSH (v6))}.
 *
 * @param address the address, or {@code any} for {@code Anywhere}
 * @param ports the ports in ufw's notation, {@code any} when none were printed
 * @param protocol the protocol printed after a slash, or empty when none was
 * @param app the application profile name, or empty
 * @param appWithoutPorts whether the profile name replaces its ports (plain layout)
 * @param v6 whether the cell carried the {@code (v6)} mark
 * @param interfaceName the interface after {@code on}, or empty
 */
record StatusCell(String address, String ports, String protocol, String app, boolean appWithoutPorts,
                  boolean v6, String interfaceName) {

    private static final Pattern INTERFACE = Pattern.compile("^(.*?)\\s+on\\s+(\\S+)$");
    private static final Pattern VERBOSE_APP = Pattern.compile("^(.*?)\\s*\\(([^()]+?)( \\(v6\\))?\\)$");
    private static final Pattern PROTOCOL_SUFFIX = Pattern.compile("^(.*)/(tcp|udp|ipv6|esp|ah|igmp|gre|vrrp)$");
    private static final Pattern PORT_LIST = Pattern.compile("^\\d+(:\\d+)?(,\\d+(:\\d+)?)*$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(/\\d{1,3})?$");
    private static final String ANYWHERE = "Anywhere";
    private static final String V6_MARK = " (v6)";

    /**
     * Parses one column's text, already trimmed.
     *
     * @throws IllegalArgumentException if the text is empty or its ports are not valid
     */
    static StatusCell parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("column is empty; ufw prints Anywhere when a rule has no address");
        }
        String rest = text;

        String interfaceName = "";
        Matcher onInterface = INTERFACE.matcher(rest);
        if (onInterface.matches()) {
            rest = onInterface.group(1);
            interfaceName = onInterface.group(2);
        }

        boolean v6 = false;
        if (rest.endsWith(V6_MARK)) {
            rest = rest.substring(0, rest.length() - V6_MARK.length());
            v6 = true;
        }

        String app = "";
        Matcher verboseApp = VERBOSE_APP.matcher(rest);
        if (!rest.startsWith(ANYWHERE) && verboseApp.matches() && !verboseApp.group(1).isEmpty()) {
            rest = verboseApp.group(1);
            app = verboseApp.group(2);
            v6 |= verboseApp.group(3) != null;
        }

        if (rest.equals(ANYWHERE) || rest.startsWith(ANYWHERE + "/")) {
            return new StatusCell(UfwRule.ANY, UfwRule.ANY, protocolAfterSlash(rest), app, false, v6, interfaceName);
        }
        return parseAddressAndPorts(rest, app, v6, interfaceName);
    }

    /** Returns whether {@code address} is an IPv6 address or network as ufw prints it. */
    boolean hasIpv6Address() {
        return address.contains(":");
    }

    private static StatusCell parseAddressAndPorts(String text, String app, boolean v6, String interfaceName) {
        String[] words = text.split("\\s+", 2);
        String address = UfwRule.ANY;
        String portsOrApp = text;
        String addressProtocol = "";
        String first = words[0];
        String firstWithoutProtocol = stripProtocol(first);
        if (isAddress(firstWithoutProtocol)) {
            address = firstWithoutProtocol;
            addressProtocol = first.equals(firstWithoutProtocol) ? "" : protocolAfterSlash(first);
            portsOrApp = words.length > 1 ? words[1] : "";
        }

        if (portsOrApp.isEmpty()) {
            return new StatusCell(address, UfwRule.ANY, addressProtocol, app, false, v6, interfaceName);
        }
        String ports = stripProtocol(portsOrApp);
        if (PORT_LIST.matcher(ports).matches()) {
            PortRange.parseList(ports);
            return new StatusCell(address, ports, protocolAfterSlash(portsOrApp), app, false, v6, interfaceName);
        }
        // In the plain layout an application profile's name appears in place of its ports.
        return new StatusCell(address, UfwRule.ANY, "", portsOrApp, true, v6, interfaceName);
    }

    private static boolean isAddress(String word) {
        if (IPV4.matcher(word).matches()) {
            return true;
        }
        // A port range such as 60000:61000 also contains colons but is never a valid IPv6 address.
        return IPV6.matcher(word).matches() && !PORT_LIST.matcher(word).matches();
    }

    private static String stripProtocol(String word) {
        Matcher suffix = PROTOCOL_SUFFIX.matcher(word);
        return suffix.matches() ? suffix.group(1) : word;
    }

    private static String protocolAfterSlash(String word) {
        Matcher suffix = PROTOCOL_SUFFIX.matcher(word);
        return suffix.matches() ? suffix.group(2) : "";
    }
}
