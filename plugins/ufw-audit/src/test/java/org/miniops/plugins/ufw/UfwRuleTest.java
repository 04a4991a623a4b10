package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class UfwRuleTest {

    @Test
    void portRangeCoversBothEnds() {
        UfwRule rule = UfwRule.builder(UfwAction.ALLOW).protocol("udp").destinationPorts("60000:61000").build();

        assertThat(rule.covers(60000, "udp")).isTrue();
        assertThat(rule.covers(61000, "udp")).isTrue();
        assertThat(rule.covers(61001, "udp")).isFalse();
        assertThat(rule.covers(60000, "tcp")).isFalse();
    }

    @Test
    void anyPortCoversEveryPort() {
        UfwRule rule = UfwRule.builder(UfwAction.ALLOW).build();

        assertThat(rule.covers(1, "tcp")).isTrue();
        assertThat(rule.covers(65535, "udp")).isTrue();
    }

    @Test
    void builderWritesAnywhereForFamily() {
        UfwRule ipv4 = UfwRule.builder(UfwAction.ALLOW).source("::/0").build();
        UfwRule ipv6 = UfwRule.builder(UfwAction.ALLOW).source("0.0.0.0/0").v6(true).build();

        assertThat(ipv4.source()).isEqualTo("0.0.0.0/0");
        assertThat(ipv6.source()).isEqualTo("::/0");
    }

    @Test
    void portRangeRejectsReversedBounds() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.parseList("61000:60000"))
                .withMessageContaining("61000-60000 is invalid");
    }

    @Test
    void portListRejectsNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.parseList("22,ssh"))
                .withMessageContaining("port 'ssh' in '22,ssh' is invalid");
    }
}
