package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartProgressTest {

    private final PartProgress progress = new PartProgress();

    @Test
    void newAlertStartsAtFirstPart() {
        assertThat(progress.firstPending("a1", 3)).isZero();
    }

    @Test
    void acceptedPartsAreSkipped() {
        progress.accepted("a1", 3, 2);

        assertThat(progress.firstPending("a1", 3)).isEqualTo(2);
    }

    @Test
    void completedAlertIsForgotten() {
        progress.accepted("a1", 3, 2);
        progress.accepted("a1", 3, 3);

        assertThat(progress.firstPending("a1", 3)).isZero();
    }

    @Test
    void changedPartCountStartsOver() {
        progress.accepted("a1", 3, 2);

        assertThat(progress.firstPending("a1", 4)).isZero();
    }

    @Test
    void oldestAlertIsForgottenBeyondLimit() {
        progress.accepted("oldest", 3, 1);
        for (int i = 0; i < 1_000; i++) {
            progress.accepted("a" + i, 3, 1);
        }

        assertThat(progress.firstPending("oldest", 3)).isZero();
        assertThat(progress.firstPending("a999", 3)).isEqualTo(1);
    }
}
