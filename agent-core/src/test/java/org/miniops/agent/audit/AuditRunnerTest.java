package org.miniops.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.plugins.RegisteredCheck;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;

class AuditRunnerTest {

    @TempDir
    Path root;

    @Test
    void throwingCheckBecomesErrorWithReason() {
        AuditReport report = run(new FixedCheck("acme.broken", Duration.ofSeconds(5), context -> {
            throw new IllegalStateException("cannot parse /etc/acme.conf line 3");
        }));

        CheckOutcome outcome = report.checks().getFirst();
        assertThat(outcome.result().status()).isEqualTo(CheckStatus.ERROR);
        assertThat(outcome.result().summary()).contains("IllegalStateException").contains("cannot parse /etc/acme.conf line 3");
    }

    @Test
    void checksBesideThrowingOneStillRun() {
        AuditReport report = run(
                new FixedCheck("acme.broken", Duration.ofSeconds(5), context -> {
                    throw new IllegalStateException("boom");
                }),
                new FixedCheck("acme.healthy", Duration.ofSeconds(5), context -> CheckResult.pass("all good")));

        assertThat(report.checks()).extracting(CheckOutcome::id).containsExactly("acme.broken", "acme.healthy");
        assertThat(report.checks().get(1).result().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void checkPastItsTimeoutBecomesError() {
        AuditReport report = run(new FixedCheck("acme.slow", Duration.ofSeconds(1), context -> {
            Thread.sleep(30_000);
            return CheckResult.pass("too late");
        }));

        CheckResult result = report.checks().getFirst().result();
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.summary()).contains("did not finish within 1 s");
    }

    @Test
    void hangingCheckDoesNotDelayTheAudit() {
        long started = System.nanoTime();
        AuditReport report = run(
                new FixedCheck("acme.slow", Duration.ofSeconds(1), context -> {
                    Thread.sleep(30_000);
                    return CheckResult.pass("too late");
                }),
                new FixedCheck("acme.quick", Duration.ofSeconds(5), context -> CheckResult.pass("done")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(millis).isLessThan(3_000);
        assertThat(report.checks().get(1).result().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void checkIgnoringInterruptsDoesNotDelayTheAudit() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try {
            long started = System.nanoTime();
            AuditReport report = run(new FixedCheck("acme.stubborn", Duration.ofSeconds(1), context -> {
                // Like a blocking read from a FIFO: an interrupt does not end the wait. Bounded at 8 s
                // so that a runner which waits for it makes this test fail instead of hang.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                while (System.nanoTime() < deadline) {
                    try {
                        release.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (release.getCount() == 0) {
                            break;
                        }
                    } catch (InterruptedException ignored) {
                        // Keep waiting, as an uninterruptible call would.
                    }
                }
                return CheckResult.pass("released");
            }));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(millis).isLessThan(3_000);
            assertThat(report.checks().getFirst().result().status()).isEqualTo(CheckStatus.ERROR);
        } finally {
            release.countDown();
        }
    }

    @Test
    void checkReturningNullBecomesError() {
        AuditReport report = run(new FixedCheck("acme.silent", Duration.ofSeconds(5), context -> null));

        assertThat(report.checks().getFirst().result().status()).isEqualTo(CheckStatus.ERROR);
        assertThat(report.checks().getFirst().result().summary()).contains("no result");
    }

    @Test
    void failingCheckMakesReportFail() {
        AuditReport report = run(
                new FixedCheck("acme.root-login", Duration.ofSeconds(5), context -> CheckResult.fail("PermitRootLogin yes")),
                new FixedCheck("acme.healthy", Duration.ofSeconds(5), context -> CheckResult.pass("fine")));

        assertThat(report.hasFailures()).isTrue();
        assertThat(report.counts()).containsEntry(CheckStatus.FAIL, 1).containsEntry(CheckStatus.PASS, 1);
    }

    @Test
    void errorAloneDoesNotMakeReportFail() {
        AuditReport report = run(new FixedCheck("acme.broken", Duration.ofSeconds(5), context -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void checkSeesItsPluginSettings() {
        AuditCheck check = new FixedCheck("acme.settings", Duration.ofSeconds(5),
                context -> CheckResult.pass("level " + context.settings().get("ACME_LEVEL", "none")));
        RegisteredCheck registered = new RegisteredCheck("acme-checks", check, PluginSettings.of(Map.of("ACME_LEVEL", "strict")));

        AuditReport report = new AuditRunner(List.of(registered), Host.of(root, CommandRunner.disabled(), false)).run();

        assertThat(report.checks().getFirst().result().summary()).isEqualTo("level strict");
    }

    private AuditReport run(AuditCheck... checks) {
        List<RegisteredCheck> registered = java.util.Arrays.stream(checks)
                .map(check -> new RegisteredCheck("acme-checks", check, PluginSettings.empty()))
                .toList();
        return new AuditRunner(registered, Host.of(root, CommandRunner.disabled(), false)).run();
    }

    /** Body of a test check, allowed to throw like {@link AuditCheck#check}. */
    private interface CheckBody {
        CheckResult run(CheckContext context) throws Exception;
    }

    private record FixedCheck(String id, Duration timeout, CheckBody body) implements AuditCheck {

        @Override
        public String title() {
            return "Test check " + id;
        }

        @Override
        public String group() {
            return "acme";
        }

        @Override
        public CheckResult check(CheckContext context) throws Exception {
            return body.run(context);
        }
    }
}
