package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class UfwStatusParserTest {

    private final UfwStatusParser parser = new UfwStatusParser(ApplicationProfiles.of(Fixtures.PROFILES));

    private static UfwRule.Builder allow() {
        return UfwRule.builder(UfwAction.ALLOW);
    }

    private static UfwRule only(String output) {
        List<UfwRule> rules = new UfwStatusParser().parse(output).rules();
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    private static String verboseWith(String... rows) {
        return "Status: active\nLogging: on (low)\nDefault: deny (incoming), allow (outgoing), disabled (routed)\n"
                + "New profiles: skip\n\nTo                         Action      From\n"
                + "--                         ------      ----\n" + String.join("\n", rows) + "\n\n";
    }

    @Test
    void verboseExampleYieldsEveryRule() {
        UfwStatus status = parser.parse(Fixtures.resource("status-verbose-example.txt"));

        assertThat(status.rules()).containsExactly(
                UfwRule.builder(UfwAction.LIMIT).protocol("tcp").destinationPorts("2222").comment("ssh").build(),
                allow().protocol("tcp").destinationPorts("22").destinationApp("OpenSSH").source("203.0.113.0/24").build(),
                allow().protocol("tcp").destinationPorts("80,443").build(),
                allow().protocol("udp").destinationPorts("60000:61000").comment("mosh").build(),
                allow().protocol("tcp").destinationPorts("5432").source("10.0.0.0/8").interfaceIn("eth1").build(),
                UfwRule.builder(UfwAction.LIMIT).protocol("tcp").destinationPorts("2222").comment("ssh").v6(true).build(),
                allow().protocol("tcp").destinationPorts("80,443").v6(true).build(),
                allow().protocol("udp").destinationPorts("60000:61000").comment("mosh").v6(true).build(),
                UfwRule.builder(UfwAction.DENY).direction(UfwRule.Direction.OUT).protocol("tcp").destinationPorts("25").build());
    }

    @Test
    void verboseExampleYieldsDefaults() {
        UfwStatus status = parser.parse(Fixtures.resource("status-verbose-example.txt"));

        assertThat(status.active()).isTrue();
        assertThat(status.defaultIncoming()).contains(UfwPolicy.DENY);
        assertThat(status.defaultOutgoing()).contains(UfwPolicy.ALLOW);
        assertThat(status.defaultRouted()).contains(UfwPolicy.DISABLED);
        assertThat(status.logging()).isEqualTo("on (low)");
    }

    @Test
    void rowsWithoutTrailingPaddingParseAlike() {
        String padded = Fixtures.resource("status-verbose-example.txt");
        String trimmed = padded.lines().map(String::stripTrailing).reduce("", (text, line) -> text + line + "\n");

        assertThat(parser.parse(trimmed)).isEqualTo(parser.parse(padded));
    }

    @Test
    void plainLayoutOfExampleYieldsSameRules() {
        UfwStatus verbose = parser.parse(Fixtures.resource("status-verbose-example.txt"));
        UfwStatus plain = parser.parse(Fixtures.resource("status-plain-example.txt"));

        assertThat(plain.rules()).isEqualTo(verbose.rules());
        assertThat(plain.defaultIncoming()).isEmpty();
        assertThat(plain.logging()).isEmpty();
    }

    @Test
    void recordedPlainLayoutYieldsSameRulesAsVerbose() {
        UfwStatus verbose = parser.parse(Fixtures.resource("recorded-status-verbose.txt"));
        UfwStatus plain = parser.parse(Fixtures.resource("recorded-status-plain.txt"));

        assertThat(plain.rules()).isEqualTo(verbose.rules());
    }

    @Test
    void recordedNumberedLayoutYieldsSameRulesAsVerbose() {
        UfwStatus verbose = parser.parse(Fixtures.resource("recorded-status-verbose.txt"));
        UfwStatus numbered = parser.parse(Fixtures.resource("recorded-status-numbered.txt"));

        // Numbered lists rules in file order; verbose groups incoming, outgoing and routed.
        assertThat(numbered.rules()).containsExactlyInAnyOrderElementsOf(verbose.rules());
        assertThat(numbered.rules()).hasSize(53);
    }

    @Test
    void recordedVerboseMatchesRecordedRuleFiles() {
        UfwStatus verbose = parser.parse(Fixtures.resource("recorded-status-verbose.txt"));
        UfwRulesFileParser files = new UfwRulesFileParser();
        UfwRulesFile ipv4 = files.parse(Fixtures.resource("recorded-user.rules").lines().toList(), false);
        UfwRulesFile ipv6 = files.parse(Fixtures.resource("recorded-user6.rules").lines().toList(), true);

        assertThat(verbose.rules()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(ipv4.rules().stream(), ipv6.rules().stream()).toList());
    }

    @Test
    void inactiveStatusIsNotActive() {
        UfwStatus status = parser.parse("Status: inactive\n");

        assertThat(status.active()).isFalse();
        assertThat(status.rules()).isEmpty();
        assertThat(status.defaultIncoming()).isEmpty();
    }

    @Test
    void unknownStatusWordIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("Status: activating\n"))
                .withMessageContaining("'activating' is unknown");
    }

    @Test
    void outputWithoutStatusLineIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("ERROR: You need to be root to run this script\n"))
                .withMessageContaining("expected 'Status: active' or 'Status: inactive'");
    }

    @Test
    void emptyOutputIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("\n"))
                .withMessageContaining("output is empty");
    }

    @Test
    void rowWithoutActionIsRejectedWithLineNumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> parser.parse(verboseWith("22/tcp   PERMIT   Anywhere")))
                .withMessageContaining("line 8 '22/tcp   PERMIT   Anywhere'");
    }

    @Test
    void rejectAndAllowDefaultsParse() {
        UfwStatus status = parser.parse("Status: active\nLogging: off\n"
                + "Default: reject (incoming), deny (outgoing), allow (routed)\nNew profiles: skip\n");

        assertThat(status.defaultIncoming()).contains(UfwPolicy.REJECT);
        assertThat(status.defaultOutgoing()).contains(UfwPolicy.DENY);
        assertThat(status.defaultRouted()).contains(UfwPolicy.ALLOW);
        assertThat(status.logging()).isEqualTo("off");
    }

    @Test
    void denyInRowParses() {
        UfwRule rule = only(verboseWith("23/tcp                     DENY IN     Anywhere                  "));

        assertThat(rule).isEqualTo(UfwRule.builder(UfwAction.DENY).protocol("tcp").destinationPorts("23").build());
    }

    @Test
    void rejectInWithoutProtocolCoversTcpAndUdp() {
        UfwRule rule = only(verboseWith("111                        REJECT IN   Anywhere                  "));

        assertThat(rule.action()).isEqualTo(UfwAction.REJECT);
        assertThat(rule.protocol()).isEqualTo("any");
        assertThat(rule.covers(111, "tcp")).isTrue();
        assertThat(rule.covers(111, "udp")).isTrue();
    }

    @Test
    void allowOutRowIsOutgoing() {
        UfwRule rule = only(verboseWith("587/tcp                    ALLOW OUT   Anywhere                  "));

        assertThat(rule.direction()).isEqualTo(UfwRule.Direction.OUT);
        assertThat(rule.isIncoming()).isFalse();
    }

    @Test
    void outgoingInterfaceShowsUnderFrom() {
        UfwRule rule = only(verboseWith("53 (v6)                    ALLOW OUT   Anywhere (v6) on eth0     "));

        assertThat(rule).isEqualTo(allow().direction(UfwRule.Direction.OUT).destinationPorts("53")
                .interfaceOut("eth0").v6(true).build());
    }

    @Test
    void logSuffixSetsLogType() {
        UfwRule rule = only(verboseWith("8080/tcp                   ALLOW IN    Anywhere                   (log)"));

        assertThat(rule.logType()).isEqualTo("log");
        assertThat(rule.source()).isEqualTo("0.0.0.0/0");
    }

    @Test
    void logAllSuffixBeforeCommentSetsBoth() {
        UfwRule rule = only(verboseWith(
                "8443/tcp (v6)              ALLOW IN    Anywhere (v6)              (log-all) # tls alt"));

        assertThat(rule.logType()).isEqualTo("log-all");
        assertThat(rule.comment()).isEqualTo("tls alt");
        assertThat(rule.v6()).isTrue();
        assertThat(rule.source()).isEqualTo("::/0");
    }

    @Test
    void commentMayContainHashSign() {
        UfwRule rule = only(verboseWith("10.0.0.1 22/tcp            ALLOW IN    10.0.0.0/8                 # admin # net é"));

        assertThat(rule.comment()).isEqualTo("admin # net é");
        assertThat(rule.destination()).isEqualTo("10.0.0.1");
        assertThat(rule.source()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void addressInToColumnIsDestination() {
        UfwRule rule = only(verboseWith("192.168.1.10 22/tcp        ALLOW IN    Anywhere                  "));

        assertThat(rule).isEqualTo(allow().protocol("tcp").destination("192.168.1.10").destinationPorts("22").build());
    }

    @Test
    void ipv6AddressesMarkRuleAsIpv6() {
        UfwRule rule = only(verboseWith("2001:db8::1 443/tcp        ALLOW IN    2001:db8::5               "));

        assertThat(rule).isEqualTo(allow().protocol("tcp").destination("2001:db8::1").destinationPorts("443")
                .source("2001:db8::5").v6(true).build());
    }

    @Test
    void ipv6SourceWithoutMarkIsIpv6() {
        UfwRule rule = only(verboseWith("22/tcp                     ALLOW IN    2001:db8::/32             "));

        assertThat(rule.v6()).isTrue();
        assertThat(rule.destination()).isEqualTo("::/0");
        assertThat(rule.source()).isEqualTo("2001:db8::/32");
    }

    @Test
    void portListWithRangesParses() {
        UfwRule rule = only(verboseWith("80,443,8000:8100/tcp       ALLOW IN    Anywhere                  "));

        assertThat(rule.destinationPorts()).isEqualTo("80,443,8000:8100");
        assertThat(rule.destinationPortRanges()).containsExactly(
                new PortRange(80, 80), new PortRange(443, 443), new PortRange(8000, 8100));
    }

    @Test
    void interfaceOnlyRuleOpensAllPortsOnIt() {
        UfwRule rule = only(verboseWith("Anywhere on eth0           ALLOW IN    Anywhere                  "));

        assertThat(rule).isEqualTo(allow().interfaceIn("eth0").build());
        assertThat(rule.destinationPortRanges()).containsExactly(PortRange.ALL);
    }

    @Test
    void ipv6InterfaceRuleParses() {
        UfwRule rule = only(verboseWith("Anywhere (v6) on eth0      ALLOW IN    Anywhere (v6)             "));

        assertThat(rule).isEqualTo(allow().interfaceIn("eth0").v6(true).build());
    }

    @Test
    void routeRuleReadsInterfacesByFlow() {
        UfwRule rule = only(verboseWith("10.0.0.5 80/tcp on eth1    ALLOW FWD   Anywhere on eth0          "));

        assertThat(rule).isEqualTo(allow().routed(true).protocol("tcp").destination("10.0.0.5")
                .destinationPorts("80").interfaceIn("eth0").interfaceOut("eth1").build());
        assertThat(rule.isIncoming()).isFalse();
    }

    @Test
    void routeRuleWithOutgoingInterfaceOnlyIsOutgoing() {
        UfwRule rule = only(verboseWith("Anywhere on eth1           ALLOW FWD   Anywhere                  "));

        assertThat(rule.direction()).isEqualTo(UfwRule.Direction.OUT);
        assertThat(rule.interfaceOut()).isEqualTo("eth1");
    }

    @Test
    void protocolOnAnywhereApplies() {
        UfwRule rule = only(verboseWith("Anywhere/tcp (v6)          ALLOW IN    Anywhere/tcp (v6)         "));

        assertThat(rule).isEqualTo(allow().protocol("tcp").v6(true).build());
        assertThat(rule.covers(5432, "tcp")).isTrue();
        assertThat(rule.covers(53, "udp")).isFalse();
    }

    @Test
    void protocolOnAddressWithoutPortParses() {
        UfwRule rule = only(verboseWith("10.0.0.1/tcp               ALLOW IN    Anywhere                  "));

        assertThat(rule).isEqualTo(allow().protocol("tcp").destination("10.0.0.1").build());
    }

    @Test
    void portlessProtocolFromSourceParses() {
        UfwRule rule = only(verboseWith("Anywhere                   ALLOW IN    198.51.100.7/esp          "));

        assertThat(rule).isEqualTo(allow().protocol("esp").source("198.51.100.7").build());
        assertThat(rule.covers(22, "tcp")).isFalse();
    }

    @Test
    void sourcePortParses() {
        UfwRule rule = only(verboseWith("Anywhere                   ALLOW IN    198.51.100.0/24 53/udp    "));

        assertThat(rule).isEqualTo(allow().protocol("udp").source("198.51.100.0/24").sourcePorts("53").build());
    }

    @Test
    void verboseAppWithIpv6MarkInsideBracketsParses() {
        UfwRule rule = only(verboseWith("22/tcp (OpenSSH (v6)) on eth0 ALLOW IN    Anywhere (v6)             "));

        assertThat(rule).isEqualTo(allow().protocol("tcp").destinationPorts("22").destinationApp("OpenSSH")
                .interfaceIn("eth0").v6(true).build());
    }

    @Test
    void plainAppRowWithSpaceTakesProfilePorts() {
        List<UfwRule> rules = parser.parse("Status: active\n\nTo                         Action      From\n"
                + "--                         ------      ----\n"
                + "WWW Full (v6)              ALLOW       Anywhere (v6)             \n").rules();

        assertThat(rules).containsExactly(allow().protocol("tcp").destinationPorts("80,443")
                .destinationApp("WWW Full").v6(true).build());
    }

    @Test
    void plainAppRowExpandsEveryProfileEntry() {
        List<UfwRule> rules = parser.parse("Status: active\n\nKTorrent                   ALLOW       Anywhere\n").rules();

        assertThat(rules).containsExactly(
                allow().protocol("tcp").destinationPorts("6881").destinationApp("KTorrent").build(),
                allow().protocol("udp").destinationPorts("4444").destinationApp("KTorrent").build());
    }

    @Test
    void unknownProfileLeavesPortsUnknown() {
        UfwRule rule = only("Status: active\n\nNginx Full                 ALLOW       Anywhere\n");

        assertThat(rule.destinationApp()).isEqualTo("Nginx Full");
        assertThat(rule.portsKnown()).isFalse();
        assertThat(rule.protocol()).isEmpty();
        assertThat(rule.covers(443, "tcp")).isFalse();
    }

    @Test
    void plainAppRowWithAddressAndInterfaceParses() {
        List<UfwRule> rules = parser.parse("Status: active\n\n10.0.0.1 OpenSSH on eth0   ALLOW       192.0.2.0/24\n").rules();

        assertThat(rules).containsExactly(allow().protocol("tcp").destination("10.0.0.1").destinationPorts("22")
                .destinationApp("OpenSSH").interfaceIn("eth0").source("192.0.2.0/24").build());
    }

    @Test
    void numberedRowWithOutAttributeParses() {
        UfwRule rule = only("Status: active\n\n     To                         Action      From\n"
                + "     --                         ------      ----\n"
                + "[10] 25/tcp (v6)                DENY OUT    Anywhere (v6)              (out)\n");

        assertThat(rule).isEqualTo(UfwRule.builder(UfwAction.DENY).direction(UfwRule.Direction.OUT)
                .protocol("tcp").destinationPorts("25").v6(true).build());
    }

    @Test
    void numberedRowWithLogAndOutAttributeParses() {
        UfwRule rule = only("Status: active\n\n[ 7] 6667                       REJECT OUT  Anywhere                   (log, out)\n");

        assertThat(rule.logType()).isEqualTo("log");
        assertThat(rule.direction()).isEqualTo(UfwRule.Direction.OUT);
    }

    @Test
    void numberedRowAboveNinetyNineParses() {
        UfwRule rule = only("Status: active\n\n[100] 22/tcp                     ALLOW IN    Anywhere\n");

        assertThat(rule.destinationPorts()).isEqualTo("22");
    }

    @Test
    void carriageReturnsAreIgnored() {
        UfwStatus status = parser.parse("Status: active\r\n\r\n22/tcp                     ALLOW       Anywhere\r\n");

        assertThat(status.rules()).containsExactly(allow().protocol("tcp").destinationPorts("22").build());
    }

    @Test
    void verboseLayoutNeedsNoProfiles() {
        String output = Fixtures.resource("recorded-status-verbose.txt");

        assertThat(new UfwStatusParser().parse(output)).isEqualTo(parser.parse(output));
    }
}
