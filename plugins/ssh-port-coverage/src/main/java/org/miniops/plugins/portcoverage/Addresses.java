package org.miniops.plugins.portcoverage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** Conversions between the kernel's hexadecimal socket addresses and the text sshd and ufw print. */
final class Addresses {

    private Addresses() {
    }

    /**
     * Decodes a local address column of {@code /proc/net/tcp} ({@code 0100007F}) or {@code tcp6}
     * (32 digits) into text, IPv6 in brackets and in the shortest form of RFC 5952.
     *
     * <p>The kernel prints each 32-bit word of the address, which is stored in network byte
     * order, as the CPU reads it: on a little-endian CPU the four bytes of every word appear
     * reversed, so {@code 127.0.0.1} reads {@code 0100007F}.
     *
     * @param byteOrder the byte order of the CPU that wrote the table
     * @throws IllegalArgumentException if {@code hex} is not 8 or 32 hexadecimal digits
     */
    static String decode(String hex, ByteOrder byteOrder) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("address '" + hex + "' has " + hex.length()
                    + " digits; the kernel prints 8 for IPv4 and 32 for IPv6");
        }
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(byteOrder);
        for (int word = 0; word < hex.length(); word += 8) {
            try {
                bytes.putInt((int) Long.parseLong(hex.substring(word, word + 8), 16));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("address '" + hex + "' is not hexadecimal", e);
            }
        }
        byte[] address = bytes.array();
        return address.length == 4 ? ipv4(address, 0) : "[" + ipv6(address) + "]";
    }

    /** Returns whether {@code address} ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}) reaches this machine only. */
    static boolean isLoopback(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        bare = bare.toLowerCase(Locale.ROOT);
        if (bare.startsWith("::ffff:")) {
            bare = bare.substring("::ffff:".length());
        }
        return bare.equals("::1") || bare.equals("localhost") || bare.startsWith("127.");
    }

    private static String ipv4(byte[] address, int offset) {
        return (address[offset] & 0xff) + "." + (address[offset + 1] & 0xff) + "."
                + (address[offset + 2] & 0xff) + "." + (address[offset + 3] & 0xff);
    }

    /** Formats 16 bytes as RFC 5952 text: lower case, the longest run of two or more zero groups as {@code ::}. */
    private static String ipv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        if (isIpv4Mapped(groups)) {
            return "::ffff:" + ipv4(address, 12);
        }

        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
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

    private static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xffff;
    }
}
