package org.miniops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensitiveBudgetTest {

    @Test
    void eachActionHasItsOwnBudget() {
        RateLimits limits = new RateLimits();
        for (int i = 0; i < 3; i++) {
            assertThat(limits.trySensitive("audit-run", "203.0.113.7")).isEmpty();
        }

        assertThat(limits.trySensitive("audit-run", "203.0.113.7")).isPresent();
        assertThat(limits.trySensitive("test-alert", "203.0.113.7")).isEmpty();
        assertThat(limits.trySensitive("audit-run", "198.51.100.4")).isEmpty();
    }
}
