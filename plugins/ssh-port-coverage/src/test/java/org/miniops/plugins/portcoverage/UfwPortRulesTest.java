package org.miniops.plugins.portcoverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.miniops.plugins.ufw.UfwAction;
import org.miniops.plugins.ufw.UfwRule;

class UfwPortRulesTest {

    private static UfwRule.Builder rule(UfwAction action, String ports) {
        return UfwRule.builder(action).protocol("tcp").destinationPorts(ports);
    }

    @Test
    void limitRuleAdmits() {
        UfwRule limit = rule(UfwAction.LIMIT, "2222").build();

        assertThat(UfwPortRules.admitting(List.of(limit), 2222)).contains(limit);
    }

    @Test
    void udpRuleDoesNotAdmitTcp() {
        UfwRule udp = rule(UfwAction.ALLOW, "2222").protocol("udp").build();

        assertThat(UfwPortRules.admitting(List.of(udp), 2222)).isEmpty();
    }

    @Test
    void anyProtocolRuleAdmitsTcp() {
        UfwRule any = rule(UfwAction.ALLOW, "2222").protocol("any").build();

        assertThat(UfwPortRules.admitting(List.of(any), 2222)).contains(any);
    }

    @Test
    void outgoingRuleDoesNotAdmit() {
        UfwRule out = rule(UfwAction.ALLOW, "22").direction(UfwRule.Direction.OUT).build();

        assertThat(UfwPortRules.admitting(List.of(out), 22)).isEmpty();
    }

    @Test
    void routeRuleDoesNotAdmit() {
        UfwRule route = rule(UfwAction.ALLOW, "22").routed(true).build();

        assertThat(UfwPortRules.admitting(List.of(route), 22)).isEmpty();
    }

    @Test
    void denyFromOneSourceLeavesLaterAllow() {
        UfwRule deny = rule(UfwAction.DENY, "22").source("198.51.100.7").build();
        UfwRule allow = rule(UfwAction.ALLOW, "22").build();

        assertThat(UfwPortRules.admitting(List.of(deny, allow), 22)).contains(allow);
    }

    @Test
    void ipv6AllowCountsWhenIpv4Denies() {
        UfwRule deny = rule(UfwAction.DENY, "22").build();
        UfwRule allow6 = rule(UfwAction.ALLOW, "22").v6(true).build();

        assertThat(UfwPortRules.admitting(List.of(deny, allow6), 22)).contains(allow6);
    }

    @Test
    void rangeRuleCoversPort() {
        assertThat(UfwPortRules.admitting(List.of(rule(UfwAction.ALLOW, "2000:3000").build()), 2222)).isPresent();
    }

    @Test
    void descriptionReadsLikeUfwStatus() {
        UfwRule rule = rule(UfwAction.ALLOW, "22").destinationApp("OpenSSH").source("10.0.0.0/8").interfaceIn("eth1")
                .comment("admins").build();

        assertThat(UfwPortRules.describe(rule)).isEqualTo("ALLOW IN 22/tcp (OpenSSH) from 10.0.0.0/8 on eth1 # admins");
    }
}
