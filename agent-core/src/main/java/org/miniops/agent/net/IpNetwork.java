package org.miniops.agent.net;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Range of IP addresses written as an address ({@code 203.0.113.7}, {@code ::1}) or in CIDR
 * notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}).
 *
 * <p>Parsing never consults DNS: only address literals are accepted. An IPv4-mapped IPv6 address
 * ({@code ::ffff:203.0.113.7}) is treated as the IPv4 address it carries. Instances are immutable.
 */
public final class IpNetwork {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpNetwork(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses an address or CIDR range.
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static IpNetwork parse(String value) {
        Objects.requireNonNull(value, "value");
        String trimmed = value.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = parseAddress(addressPart).orElseThrow(() -> new IllegalArgumentException(
                "'" + value + "' is not an IP address or CIDR range; write it like 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32"));
        int maxPrefix = address.getAddress().length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            prefix = parsePrefix(trimmed.substring(slash + 1), maxPrefix, value);
        }
        byte[] bytes = mask(address.getAddress(), prefix);
        String canonical = toText(bytes) + (prefix == maxPrefix ? "" : "/" + prefix);
        return new IpNetwork(bytes, prefix, canonical);
    }

    /**
     * Parses an IP address literal without DNS, unwrapping IPv4-mapped IPv6 addresses.
     * Returns empty for host names and anything else that is not an address.
     */
    public static Optional<InetAddress> parseAddress(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String literal = value.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (IPV4.matcher(literal).matches()) {
                return Optional.of(InetAddress.getByName(literal));
            }
            // Only hex digits, colons and dots reach InetAddress, so it never falls back to a DNS lookup.
            if (literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches()) {
                InetAddress address = InetAddress.getByName(literal);
                return Optional.of(unmapIpv4(address));
            }
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Returns whether {@code address} lies in this range; IPv4 and IPv6 ranges never match each other. */
    public boolean contains(InetAddress address) {
        byte[] candidate = unmapIpv4(address).getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(candidate, prefixLength), network);
    }

    /** Returns the prefix length, 32 or 128 for a single address. */
    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpNetwork that && that.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Returns the canonical form: the masked network address, with the prefix unless it is a single address. */
    @Override
    public String toString() {
        return text;
    }

    private static InetAddress unmapIpv4(InetAddress address) {
        // Java already unwraps ::ffff:a.b.c.d into an Inet4Address; this covers addresses built from raw bytes.
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException("four bytes are always a valid IPv4 address", e);
                }
            }
        }
        return address;
    }

    private static int parsePrefix(String text, int maxPrefix, String value) {
        if (!text.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + value + "' has an invalid prefix length '" + text
                    + "'; use a number from 0 to " + maxPrefix);
        }
        int prefix = Integer.parseInt(text);
        if (prefix > maxPrefix) {
            throw new IllegalArgumentException("'" + value + "' has prefix length " + prefix
                    + ", more than the " + maxPrefix + " bits of the address; use 0 to " + maxPrefix);
        }
        return prefix;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static String toText(byte[] bytes) {
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            if (address instanceof Inet4Address) {
                return address.getHostAddress();
            }
            return compressIpv6(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a masked address has the same length as the original", e);
        }
    }

    /** Formats an IPv6 address in the RFC 5952 form, which Java's getHostAddress does not produce. */
    private static String compressIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = new BigInteger(1, new byte[] {bytes[2 * i], bytes[2 * i + 1]}).intValue();
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
