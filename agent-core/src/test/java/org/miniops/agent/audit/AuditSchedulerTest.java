package org.miniops.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miniops.agent.alerts.Eventually;

/** The background audit loop, with intervals far below the 10 s that AUDIT_INTERVAL allows. */
class AuditSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    private AuditScheduler scheduler;

    @AfterEach
    void stopScheduler() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Test
    void firstRunStartsRightAway() {
        CountingAudit audit = new CountingAudit(trigger -> { });

        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofHours(1)).start();

        Eventually.until(() -> audit.runs() == 1, WAIT);
        assertThat(audit.triggers()).containsExactly("scheduled");
    }

    @Test
    void runsRepeatAtInterval() {
        CountingAudit audit = new CountingAudit(trigger -> { });

        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofMillis(20)).start();

        Eventually.until(() -> audit.runs() >= 5, WAIT);
    }

    @Test
    void scheduledRunsNeverOverlap() {
        CountingAudit audit = new CountingAudit(trigger -> pause(Duration.ofMillis(30)));

        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofMillis(1)).start();

        Eventually.until(() -> audit.runs() >= 8, WAIT);
        assertThat(audit.maxConcurrent()).isEqualTo(1);
    }

    @Test
    void onDemandRunsNeverOverlapScheduledOnes() throws InterruptedException {
        CountingAudit audit = new CountingAudit(trigger -> pause(Duration.ofMillis(30)));
        AuditService audits = new AuditService(audit);
        scheduler = new AuditScheduler(audits, Duration.ofMillis(1)).start();

        // Operators pressing "run audit" from several browser tabs at once.
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                for (int run = 0; run < 5; run++) {
                    audits.runNow();
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join(WAIT);
        }
        // A scheduled run that finds an on-demand one in progress joins it, so wait for one of its own.
        Eventually.until(() -> audit.triggers().contains("scheduled"), WAIT);

        assertThat(audit.triggers()).contains("on-demand");
        assertThat(audit.maxConcurrent()).isEqualTo(1);
    }

    @Test
    void nextRunWaitsFullIntervalAfterSlowRun() {
        CountingAudit audit = new CountingAudit(trigger -> pause(Duration.ofMillis(100)));

        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofMillis(150)).start();

        Eventually.until(() -> audit.runs() >= 3, WAIT);
        List<Instant[]> spans = audit.spans();
        for (int i = 1; i < spans.size(); i++) {
            Duration gap = Duration.between(spans.get(i - 1)[1], spans.get(i)[0]);
            assertThat(gap.toMillis()).as("gap before run %d", i + 1).isGreaterThanOrEqualTo(140);
        }
    }

    @Test
    void failedRunDoesNotStopLaterRuns() {
        CountingAudit audit = new CountingAudit(trigger -> {
            throw new IllegalStateException("database or disk is full");
        });

        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofMillis(20)).start();

        Eventually.until(() -> audit.runs() >= 3, WAIT);
    }

    @Test
    void runThrowingErrorKeepsSchedule() {
        AtomicInteger calls = new AtomicInteger();
        CountingAudit audit = new CountingAudit(trigger -> {
            if (calls.incrementAndGet() == 1) {
                // A plugin jar replaced while the agent runs fails like this.
                throw new NoClassDefFoundError("com/acme/checks/MotdCheck");
            }
        });

        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofMillis(20)).start();

        Eventually.until(() -> audit.runs() >= 3, WAIT);
    }

    @Test
    void closeStopsRuns() {
        CountingAudit audit = new CountingAudit(trigger -> { });
        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofMillis(20)).start();
        Eventually.until(() -> audit.runs() >= 2, WAIT);

        scheduler.close();
        int runs = audit.runs();
        pause(Duration.ofMillis(200));

        assertThat(audit.runs()).isEqualTo(runs);
    }

    @Test
    void closeLetsRunningAuditFinish() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountingAudit audit = new CountingAudit(trigger -> {
            started.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                // The audit runner turns an interrupt into ERROR for every check still running.
                interrupted.set(true);
            }
        });
        scheduler = new AuditScheduler(new AuditService(audit), Duration.ofHours(1)).start();
        await(started);

        scheduler.close();

        assertThat(audit.runs()).isEqualTo(1);
        assertThat(interrupted).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("audit started").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fake audit that counts its runs and how many of them ran at the same time. */
    private static final class CountingAudit implements Function<String, AuditReport> {

        private final Consumer<String> body;
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger maxConcurrent = new AtomicInteger();
        private final List<String> triggers = new CopyOnWriteArrayList<>();
        private final List<Instant[]> spans = new CopyOnWriteArrayList<>();

        CountingAudit(Consumer<String> body) {
            this.body = body;
        }

        @Override
        public AuditReport apply(String trigger) {
            int concurrent = running.incrementAndGet();
            maxConcurrent.accumulateAndGet(concurrent, Math::max);
            Instant started = Instant.now();
            try {
                body.accept(trigger);
                return new AuditReport(started, 0, "/", List.of());
            } finally {
                running.decrementAndGet();
                triggers.add(trigger);
                spans.add(new Instant[] {started, Instant.now()});
            }
        }

        int runs() {
            return triggers.size();
        }

        List<String> triggers() {
            return List.copyOf(triggers);
        }

        List<Instant[]> spans() {
            return List.copyOf(spans);
        }

        int maxConcurrent() {
            return maxConcurrent.get();
        }
    }
}
