package org.miniops.plugins.ufw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parser for the {@code ### tuple ###} comment lines ufw writes into {@code /etc/ufw/user.rules}
 * and {@code user6.rules}, one per rule, above the iptables lines it generates.
 *
 * <p>A tuple reads {@code ACTION PROTOCOL DPORT DST SPORT SRC [DAPP SAPP] [DIRECTION]
 * [comment=HEX]}, for example {@code ### tuple ### allow tcp 22 0.0.0.0/0 any 203.0.113.0/24
 * OpenSSH - in_eth1 comment=7373680a}. ACTION may carry a {@code route:} prefix and a
 * {@code _log} or {@code _log-all} suffix; DAPP and SAPP are profile names with spaces written as
 * {@code %20}, or {@code -}; DIRECTION is {@code in}, {@code out}, {@code in_eth0},
 * {@code out_eth0} or {@code in_eth0!out_eth1}; older ufw versions wrote no direction and meant
 * {@code in}. The comment is the UTF-8 text in hexadecimal. The parser skips what ufw skips when
 * it loads the file and reports those lines.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class UfwRulesFileParser {

    private static final String TUPLE_MARK = "### tuple ###";
    private static final String COMMENT_MARK = " comment=";
    private static final Set<String> PROTOCOLS =
            Set.of("tcp", "udp", "ipv6", "esp", "ah", "igmp", "gre", "vrrp", UfwRule.ANY);

    /**
     * Parses the lines of a rule file.
     *
     * @param v6 whether the lines come from {@code user6.rules}
     */
    public UfwRulesFile parse(List<String> lines, boolean v6) {
        List<UfwRule> rules = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            String tuple = line;
            String comment = "";
            // ufw writes comment= last, so everything after it is the comment.
            int commentStart = line.indexOf(COMMENT_MARK);
            if (commentStart >= 0) {
                comment = decodeComment(line.substring(commentStart + COMMENT_MARK.length()).strip());
                tuple = line.substring(0, commentStart);
            }
            if (!tuple.startsWith(TUPLE_MARK)) {
                continue;
            }
            try {
                rules.add(parseTuple(tuple.substring(TUPLE_MARK.length()).strip(), comment, v6));
            } catch (IllegalArgumentException e) {
                skipped.add("line " + (index + 1) + " '" + line.strip() + "': " + e.getMessage());
            }
        }
        return new UfwRulesFile(rules, skipped);
    }

    private static UfwRule parseTuple(String tuple, String comment, boolean v6) {
        String[] fields = tuple.split("\\s+");
        if (fields.length < 6 || fields.length > 9) {
            throw new IllegalArgumentException("a tuple has 6 to 9 fields, this one " + fields.length);
        }

        UfwRule.Builder rule = parseAction(fields[0]);
        if (fields.length == 7 || fields.length == 9) {
            parseDirection(fields[fields.length - 1], rule);
        }

        String protocol = fields[1];
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("protocol '" + protocol + "' is not one ufw supports");
        }
        String destinationPorts = requirePorts(fields[2]);
        String sourcePorts = requirePorts(fields[4]);
        rule.protocol(protocol)
                .destinationPorts(destinationPorts)
                .destination(fields[3].toLowerCase(Locale.ROOT))
                .sourcePorts(sourcePorts)
                .source(fields[5].toLowerCase(Locale.ROOT))
                .comment(comment)
                .v6(v6);
        if (fields.length >= 8) {
            rule.destinationApp(appName(fields[6])).sourceApp(appName(fields[7]));
        }
        return rule.build();
    }

    /** Parses {@code allow}, {@code route:limit_log} and the like; ufw treats an unknown verdict as deny. */
    private static UfwRule.Builder parseAction(String field) {
        boolean routed = field.contains(":");
        String action = routed ? field.substring(field.indexOf(':') + 1) : field;
        String[] parts = action.toLowerCase(Locale.ROOT).split("_", -1);
        UfwAction verdict = switch (parts[0]) {
            case "allow" -> UfwAction.ALLOW;
            case "reject" -> UfwAction.REJECT;
            case "limit" -> UfwAction.LIMIT;
            default -> UfwAction.DENY;
        };
        String logType = parts.length > 1 ? parts[1] : "";
        if (!logType.isEmpty() && !logType.equals("log") && !logType.equals("log-all")) {
            throw new IllegalArgumentException("log type '" + logType + "' is invalid; ufw knows log and log-all");
        }
        return UfwRule.builder(verdict).routed(routed).logType(logType);
    }

    private static void parseDirection(String field, UfwRule.Builder rule) {
        String direction = field.split("_", -1)[0];
        switch (direction) {
            case "in" -> rule.direction(UfwRule.Direction.IN);
            case "out" -> rule.direction(UfwRule.Direction.OUT);
            default -> throw new IllegalArgumentException("direction '" + field + "' is invalid; ufw writes in or out");
        }
        if (!field.contains("_")) {
            return;
        }
        int bang = field.indexOf('!');
        if (bang >= 0 && field.startsWith("in_") && field.startsWith("out_", bang + 1)) {
            rule.interfaceIn(field.substring("in_".length(), bang));
            rule.interfaceOut(field.substring(bang + 1 + "out_".length()));
        } else if (field.startsWith("in_")) {
            rule.interfaceIn(field.substring("in_".length()));
        } else if (field.startsWith("out_")) {
            rule.interfaceOut(field.substring("out_".length()));
        } else {
            throw new IllegalArgumentException("interface field '" + field + "' is invalid; ufw writes in_IFACE, out_IFACE or in_IFACE!out_IFACE");
        }
    }

    private static String requirePorts(String ports) {
        if (!ports.equals(UfwRule.ANY)) {
            PortRange.parseList(ports);
        }
        return ports;
    }

    private static String appName(String field) {
        return field.equals("-") ? "" : field.replace("%20", " ");
    }

    /**
     * Decodes ufw's hexadecimal comment; like ufw, drops a last odd digit. Text that is not
     * hexadecimal is kept as written, and bytes that are not UTF-8 become U+FFFD.
     */
    static String decodeComment(String hex) {
        String even = hex.length() % 2 == 0 ? hex : hex.substring(0, hex.length() - 1);
        try {
            return new String(HexFormat.of().parseHex(even), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return hex;
        }
    }
}
