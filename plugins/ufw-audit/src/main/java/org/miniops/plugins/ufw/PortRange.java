package org.miniops.plugins.ufw;

import java.util.ArrayList;
import java.util.List;

/**
 * Inclusive range of TCP or UDP port numbers; a single port is a range of one.
 *
 * @param first lowest port, 1 to 65535
 * @param last highest port, at least {@code first}
 */
public record PortRange(int first, int last) {

    /** Every port, which a rule without a port ({@code any}) covers. */
    public static final PortRange ALL = new PortRange(1, 65535);

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range " + first + "-" + last
                    + " is invalid; ports run from 1 to 65535 and the first may not exceed the last");
        }
    }

    /** Returns whether {@code port} lies in this range. */
    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /**
     * Parses a port list in ufw's notation, such as {@code 22}, {@code 80,443} or
     * {@code 8000:8100,9000}; ufw has already turned service names into numbers.
     *
     * @throws IllegalArgumentException if an item is not a port or a {@code low:high} range
     */
    public static List<PortRange> parseList(String ports) {
        List<PortRange> ranges = new ArrayList<>();
        for (String item : ports.split(",", -1)) {
            int colon = item.indexOf(':');
            try {
                if (colon < 0) {
                    int port = Integer.parseInt(item);
                    ranges.add(new PortRange(port, port));
                } else {
                    ranges.add(new PortRange(Integer.parseInt(item.substring(0, colon)),
                            Integer.parseInt(item.substring(colon + 1))));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port '" + item + "' in '" + ports
                        + "' is invalid; ufw writes ports as numbers or low:high ranges separated by commas", e);
            }
        }
        return ranges;
    }

    /** Returns {@code 22} or {@code 60000-61000}. */
    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
