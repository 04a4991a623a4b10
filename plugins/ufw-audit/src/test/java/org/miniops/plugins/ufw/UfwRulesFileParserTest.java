package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UfwRulesFileParserTest {

    private final UfwRulesFileParser parser = new UfwRulesFileParser();

    private UfwRule only(String tuple, boolean v6) {
        UfwRulesFile file = parser.parse(Fixtures.rulesFile(tuple).lines().toList(), v6);
        assertThat(file.skipped()).isEmpty();
        assertThat(file.rules()).hasSize(1);
        return file.rules().get(0);
    }

    private List<String> skipped(String tuple) {
        UfwRulesFile file = parser.parse(Fixtures.rulesFile(tuple).lines().toList(), false);
        assertThat(file.rules()).isEmpty();
        return file.skipped();
    }

    @Test
    void limitTupleWithHexCommentParses() {
        UfwRule rule = only("### tuple ### limit tcp 2222 0.0.0.0/0 any 0.0.0.0/0 in comment=737368", false);

        assertThat(rule).isEqualTo(UfwRule.builder(UfwAction.LIMIT).protocol("tcp").destinationPorts("2222")
                .comment("ssh").build());
    }

    @Test
    void commentDecodesUtf8() {
        UfwRule rule = only("### tuple ### allow tcp 22 10.0.0.1 any 10.0.0.0/8 in comment=61646d696e2023206e657420c3a9", false);

        assertThat(rule.comment()).isEqualTo("admin # net é");
    }

    @Test
    void commentWithOddDigitDropsLastDigit() {
        UfwRule rule = only("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in comment=7373680", false);

        assertThat(rule.comment()).isEqualTo("ssh");
    }

    @Test
    void commentWithTrailingNewlineByteDecodes() {
        UfwRule rule = only("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in comment=7373680a", false);

        assertThat(rule.comment()).isEqualTo("ssh\n");
    }

    @Test
    void nonHexCommentIsKept() {
        UfwRule rule = only("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in comment=ssh", false);

        assertThat(rule.comment()).isEqualTo("ssh");
    }

    @Test
    void appTupleUnescapesSpaces() {
        UfwRule rule = only("### tuple ### allow tcp 80,443 0.0.0.0/0 any 192.0.2.1 WWW%20Full - in", false);

        assertThat(rule).isEqualTo(UfwRule.builder(UfwAction.ALLOW).protocol("tcp").destinationPorts("80,443")
                .destinationApp("WWW Full").source("192.0.2.1").build());
    }

    @Test
    void incomingInterfaceParses() {
        UfwRule rule = only("### tuple ### allow tcp 5432 0.0.0.0/0 any 10.0.0.0/8 in_eth1", false);

        assertThat(rule.interfaceIn()).isEqualTo("eth1");
        assertThat(rule.direction()).isEqualTo(UfwRule.Direction.IN);
    }

    @Test
    void outgoingInterfaceParses() {
        UfwRule rule = only("### tuple ### allow any 53 ::/0 any ::/0 out_eth0", true);

        assertThat(rule).isEqualTo(UfwRule.builder(UfwAction.ALLOW).direction(UfwRule.Direction.OUT)
                .destinationPorts("53").interfaceOut("eth0").v6(true).build());
    }

    @Test
    void routeTupleWithBothInterfacesParses() {
        UfwRule rule = only("### tuple ### route:allow tcp 80 10.0.0.5 any 0.0.0.0/0 in_eth0!out_eth1", false);

        assertThat(rule).isEqualTo(UfwRule.builder(UfwAction.ALLOW).routed(true).protocol("tcp")
                .destination("10.0.0.5").destinationPorts("80").interfaceIn("eth0").interfaceOut("eth1").build());
    }

    @Test
    void routeTupleWithLogTypeParses() {
        UfwRule rule = only("### tuple ### route:deny_log-all any any 0.0.0.0/0 any 0.0.0.0/0 in", false);

        assertThat(rule.routed()).isTrue();
        assertThat(rule.action()).isEqualTo(UfwAction.DENY);
        assertThat(rule.logType()).isEqualTo("log-all");
    }

    @Test
    void logSuffixParses() {
        UfwRule rule = only("### tuple ### reject_log any 6667 0.0.0.0/0 any 0.0.0.0/0 out", false);

        assertThat(rule.action()).isEqualTo(UfwAction.REJECT);
        assertThat(rule.logType()).isEqualTo("log");
        assertThat(rule.direction()).isEqualTo(UfwRule.Direction.OUT);
    }

    @Test
    void oldTupleWithoutDirectionIsIncoming() {
        UfwRule rule = only("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0", false);

        assertThat(rule).isEqualTo(UfwRule.builder(UfwAction.ALLOW).protocol("tcp").destinationPorts("22").build());
    }

    @Test
    void oldAppTupleWithoutDirectionIsIncoming() {
        UfwRule rule = only("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 OpenSSH -", false);

        assertThat(rule.destinationApp()).isEqualTo("OpenSSH");
        assertThat(rule.direction()).isEqualTo(UfwRule.Direction.IN);
    }

    @Test
    void anyAddressFollowsFamily() {
        UfwRule rule = only("### tuple ### allow tcp 22 any any any in", true);

        assertThat(rule.destination()).isEqualTo("::/0");
        assertThat(rule.source()).isEqualTo("::/0");
    }

    @Test
    void unknownVerdictCountsAsDenyLikeUfw() {
        UfwRule rule = only("### tuple ### drop tcp 23 0.0.0.0/0 any 0.0.0.0/0 in", false);

        assertThat(rule.action()).isEqualTo(UfwAction.DENY);
    }

    @Test
    void tupleWithTooFewFieldsIsSkipped() {
        assertThat(skipped("### tuple ### allow tcp 22 0.0.0.0/0 any"))
                .singleElement().asString().contains("line 5").contains("6 to 9 fields, this one 5");
    }

    @Test
    void tupleWithBadInterfaceIsSkipped() {
        assertThat(skipped("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 sideways_eth0"))
                .singleElement().asString().contains("direction 'sideways_eth0' is invalid");
    }

    @Test
    void tupleWithUnsupportedProtocolIsSkipped() {
        assertThat(skipped("### tuple ### allow sctp 22 0.0.0.0/0 any 0.0.0.0/0 in"))
                .singleElement().asString().contains("protocol 'sctp'");
    }

    @Test
    void tupleWithBadLogTypeIsSkipped() {
        assertThat(skipped("### tuple ### allow_loud tcp 22 0.0.0.0/0 any 0.0.0.0/0 in"))
                .singleElement().asString().contains("log type 'loud'");
    }

    @Test
    void tupleWithBadPortIsSkipped() {
        assertThat(skipped("### tuple ### allow tcp 70000 0.0.0.0/0 any 0.0.0.0/0 in"))
                .singleElement().asString().contains("70000");
    }

    @Test
    void iptablesLinesAreIgnored() {
        UfwRulesFile file = parser.parse(List.of(
                "### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in",
                "-A ufw-user-input -p tcp --dport 22 -j ACCEPT",
                "### END RULES ###"), false);

        assertThat(file.rules()).hasSize(1);
        assertThat(file.skipped()).isEmpty();
    }

    @Test
    void recordedFilesYieldEveryRule() {
        UfwRulesFile ipv4 = parser.parse(Fixtures.resource("recorded-user.rules").lines().toList(), false);
        UfwRulesFile ipv6 = parser.parse(Fixtures.resource("recorded-user6.rules").lines().toList(), true);

        assertThat(ipv4.rules()).hasSize(31);
        assertThat(ipv6.rules()).hasSize(22);
        assertThat(ipv4.skipped()).isEmpty();
        assertThat(ipv6.skipped()).isEmpty();
    }
}
