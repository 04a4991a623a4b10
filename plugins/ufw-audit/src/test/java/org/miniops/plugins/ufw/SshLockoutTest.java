package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshLockoutTest {

    private static UfwRule.Builder rule(UfwAction action, String ports) {
        return UfwRule.builder(action).protocol("tcp").destinationPorts(ports);
    }

    @Test
    void limitRuleKeepsPortReachable() {
        List<UfwRule> rules = List.of(rule(UfwAction.LIMIT, "2222").build());

        assertThat(SshLockout.reachablePorts(rules, List.of(2222))).containsExactly(2222);
    }

    @Test
    void ruleForOtherPortDoesNot() {
        List<UfwRule> rules = List.of(rule(UfwAction.ALLOW, "22").build());

        assertThat(SshLockout.reachablePorts(rules, List.of(2222))).isEmpty();
    }

    @Test
    void sourceRestrictedAllowCounts() {
        List<UfwRule> rules = List.of(rule(UfwAction.ALLOW, "22").source("203.0.113.0/24").build());

        assertThat(SshLockout.reachablePorts(rules, List.of(22))).containsExactly(22);
    }

    @Test
    void earlierDenyForEveryoneWins() {
        List<UfwRule> rules = List.of(rule(UfwAction.DENY, "22").build(), rule(UfwAction.ALLOW, "22").build());

        assertThat(SshLockout.reachablePorts(rules, List.of(22))).isEmpty();
    }

    @Test
    void earlierDenyForOneSourceLeavesOthers() {
        List<UfwRule> rules = List.of(rule(UfwAction.DENY, "22").source("192.0.2.66").build(),
                rule(UfwAction.ALLOW, "22").build());

        assertThat(SshLockout.reachablePorts(rules, List.of(22))).containsExactly(22);
    }

    @Test
    void ipv6RuleAloneKeepsPortReachable() {
        List<UfwRule> rules = List.of(rule(UfwAction.DENY, "22").build(), rule(UfwAction.ALLOW, "22").v6(true).build());

        assertThat(SshLockout.reachablePorts(rules, List.of(22))).containsExactly(22);
    }

    @Test
    void outgoingAndRouteRulesDoNotCount() {
        List<UfwRule> rules = List.of(rule(UfwAction.ALLOW, "22").direction(UfwRule.Direction.OUT).build(),
                rule(UfwAction.ALLOW, "22").routed(true).build());

        assertThat(SshLockout.reachablePorts(rules, List.of(22))).isEmpty();
    }

    @Test
    void udpOnlyRuleDoesNotCount() {
        List<UfwRule> rules = List.of(UfwRule.builder(UfwAction.ALLOW).protocol("udp").destinationPorts("22").build());

        assertThat(SshLockout.reachablePorts(rules, List.of(22))).isEmpty();
    }
}
