package org.miniops.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miniops.api.CheckStatus.ERROR;
import static org.miniops.api.CheckStatus.FAIL;
import static org.miniops.api.CheckStatus.PASS;
import static org.miniops.api.CheckStatus.SKIPPED;
import static org.miniops.api.CheckStatus.UNKNOWN;
import static org.miniops.api.CheckStatus.WARN;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.miniops.agent.audit.AlertPolicy.Decision;
import org.miniops.api.CheckStatus;

class AlertPolicyTest {

    private static final AlertPolicy FAIL_ONLY = new AlertPolicy(Set.of(FAIL));
    private static final AlertPolicy EVERYTHING = new AlertPolicy(EnumSet.of(FAIL, WARN, UNKNOWN, ERROR));

    @Test
    void firstFailAlerts() {
        assertThat(FAIL_ONLY.decide(Optional.empty(), false, FAIL)).contains(Decision.FAILING);
    }

    @Test
    void turnToFailAlerts() {
        assertThat(FAIL_ONLY.decide(Optional.of(PASS), false, FAIL)).contains(Decision.FAILING);
        assertThat(FAIL_ONLY.decide(Optional.of(WARN), false, FAIL)).contains(Decision.FAILING);
    }

    @Test
    void failAfterAlertedFailIsSilent() {
        assertThat(EVERYTHING.decide(Optional.of(FAIL), true, FAIL)).isEmpty();
    }

    @Test
    void failAfterUnknownInSameEpisodeIsSilent() {
        assertThat(EVERYTHING.decide(Optional.of(UNKNOWN), true, FAIL)).isEmpty();
        assertThat(EVERYTHING.decide(Optional.of(ERROR), true, FAIL)).isEmpty();
    }

    @Test
    void passAfterAlertedFailResolves() {
        assertThat(FAIL_ONLY.decide(Optional.of(FAIL), true, PASS)).contains(Decision.RESOLVED);
    }

    @Test
    void warnAfterAlertedFailResolves() {
        assertThat(EVERYTHING.decide(Optional.of(FAIL), true, WARN)).contains(Decision.RESOLVED);
    }

    @Test
    void passAfterUnknownInFailingEpisodeResolves() {
        assertThat(FAIL_ONLY.decide(Optional.of(UNKNOWN), true, PASS)).contains(Decision.RESOLVED);
    }

    @Test
    void unknownDuringFailureIsSilent() {
        assertThat(FAIL_ONLY.decide(Optional.of(FAIL), true, UNKNOWN)).isEmpty();
        assertThat(FAIL_ONLY.decide(Optional.of(FAIL), true, ERROR)).isEmpty();
    }

    @Test
    void passWithoutFailingEpisodeIsSilent() {
        assertThat(EVERYTHING.decide(Optional.empty(), false, PASS)).isEmpty();
        assertThat(EVERYTHING.decide(Optional.of(WARN), false, PASS)).isEmpty();
    }

    @Test
    void otherChangesAreSilentUnlessListed() {
        for (CheckStatus status : new CheckStatus[] {WARN, UNKNOWN, ERROR, SKIPPED}) {
            assertThat(FAIL_ONLY.decide(Optional.of(PASS), false, status)).as("PASS to %s", status).isEmpty();
        }
    }

    @Test
    void listedChangesAlert() {
        for (CheckStatus status : new CheckStatus[] {WARN, UNKNOWN, ERROR}) {
            assertThat(EVERYTHING.decide(Optional.of(PASS), false, status)).as("PASS to %s", status).contains(Decision.CHANGED);
        }
    }

    @Test
    void listedStatusAlertsOnFirstObservation() {
        assertThat(EVERYTHING.decide(Optional.empty(), false, WARN)).contains(Decision.CHANGED);
    }

    @Test
    void unchangedListedStatusIsSilent() {
        assertThat(EVERYTHING.decide(Optional.of(WARN), false, WARN)).isEmpty();
    }

    @Test
    void skippedNeverAlerts() {
        assertThat(EVERYTHING.decide(Optional.of(PASS), false, SKIPPED)).isEmpty();
    }

    @Test
    void failingEpisodeOpensWithFailAlert() {
        assertThat(AlertPolicy.failingAfter(false, Optional.of(Decision.FAILING))).isTrue();
    }

    @Test
    void failingEpisodeClosesWithResolvedAlert() {
        assertThat(AlertPolicy.failingAfter(true, Optional.of(Decision.RESOLVED))).isFalse();
    }

    @Test
    void failingEpisodeSurvivesOtherChanges() {
        assertThat(AlertPolicy.failingAfter(true, Optional.empty())).isTrue();
        assertThat(AlertPolicy.failingAfter(true, Optional.of(Decision.CHANGED))).isTrue();
        assertThat(AlertPolicy.failingAfter(false, Optional.of(Decision.CHANGED))).isFalse();
    }
}
