package org.miniops.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.store.Database;
import org.miniops.agent.store.StoreException;
import org.miniops.api.Alert;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.Severity;

/** Audit state, history and the alerts it raises, on a real SQLite file. */
class AuditRecorderTest {

    private static final String ROOT_LOGIN = "ssh.root-login";
    private static final String ROOT_LOGIN_TITLE = "Root login over SSH";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Set<CheckStatus> FAIL_ONLY = Set.of(CheckStatus.FAIL);

    @TempDir
    Path dir;

    private Database database;
    private Instant now = T0;

    @BeforeEach
    void openDatabase() {
        database = Database.open(dir);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void firstFailRaisesOneCriticalAlert() {
        List<Alert> alerts = record(recorder(FAIL_ONLY), rootLogin(failing()));

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.getFirst();
        assertThat(alert.title()).isEqualTo("FAIL: " + ROOT_LOGIN_TITLE);
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.kind()).isEqualTo("audit.changed");
        assertThat(alert.hostName()).isEqualTo("web1");
        assertThat(alert.time()).isEqualTo(T0);
    }

    @Test
    void failAlertCarriesEvidenceAndRemediation() {
        Alert alert = record(recorder(FAIL_ONLY), rootLogin(failing())).getFirst();

        assertThat(alert.fields())
                .containsEntry("Check", ROOT_LOGIN)
                .containsEntry("Status", "FAIL")
                .containsEntry("Previous status", "none (first audit)")
                .containsEntry("Summary", "root can log in with a password")
                .containsEntry("Evidence", "PermitRootLogin yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:3)")
                .containsEntry("Remediation", "Set PermitRootLogin no and reload sshd");
    }

    @Test
    void failAlertIsQueuedForEveryNotifier() {
        AuditRecorder recorder = new AuditRecorder(database, FAIL_ONLY, "web1", () -> List.of("telegram", "email"));

        Alert alert = record(recorder, rootLogin(failing())).getFirst();

        assertThat(queryLongs("SELECT count(*) FROM alerts")).containsExactly(1L);
        String deliveries = "SELECT notifier_id || ' ' || state FROM alert_deliveries WHERE alert_id = '" + alert.id() + "' ORDER BY notifier_id";
        assertThat(queryTexts(deliveries)).containsExactly("email pending", "telegram pending");
    }

    @Test
    void failAgainRaisesNothing() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        record(recorder, rootLogin(failing()));

        assertThat(record(recorder, rootLogin(failing()))).isEmpty();
        assertThat(queryLongs("SELECT count(*) FROM alerts")).containsExactly(1L);
    }

    @Test
    void recoveryRaisesOneResolvedAlert() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        record(recorder, rootLogin(failing()));

        List<Alert> alerts = record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        assertThat(alerts).hasSize(1);
        Alert resolved = alerts.getFirst();
        assertThat(resolved.title()).isEqualTo("Resolved: " + ROOT_LOGIN_TITLE);
        assertThat(resolved.severity()).isEqualTo(Severity.INFO);
        assertThat(resolved.kind()).isEqualTo("audit.resolved");
        assertThat(resolved.fields()).containsEntry("Previous status", "FAIL").doesNotContainKey("Remediation");
        assertThat(record(recorder, rootLogin(CheckResult.pass("root login is disabled")))).isEmpty();
    }

    @Test
    void unknownBetweenTwoFailsRaisesNothingNew() {
        AuditRecorder recorder = recorder(FAIL_ONLY);

        List<String> titles = new ArrayList<>();
        titles.addAll(titles(record(recorder, rootLogin(failing()))));
        titles.addAll(titles(record(recorder, rootLogin(CheckResult.unknown("sshd -T failed: permission denied")))));
        titles.addAll(titles(record(recorder, rootLogin(failing()))));

        assertThat(titles).containsExactly("FAIL: " + ROOT_LOGIN_TITLE);
    }

    @Test
    void passAfterUnknownResolvesFailure() {
        AuditRecorder recorder = recorder(FAIL_ONLY);

        List<String> titles = new ArrayList<>();
        titles.addAll(titles(record(recorder, rootLogin(failing()))));
        titles.addAll(titles(record(recorder, rootLogin(CheckResult.unknown("sshd -T failed: permission denied")))));
        titles.addAll(titles(record(recorder, rootLogin(CheckResult.pass("root login is disabled")))));

        assertThat(titles).containsExactly("FAIL: " + ROOT_LOGIN_TITLE, "Resolved: " + ROOT_LOGIN_TITLE);
    }

    @Test
    void failAfterResolvedAlertsAgain() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        record(recorder, rootLogin(failing()));
        record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        assertThat(titles(record(recorder, rootLogin(failing())))).containsExactly("FAIL: " + ROOT_LOGIN_TITLE);
    }

    @Test
    void firstPassRaisesNothing() {
        assertThat(record(recorder(FAIL_ONLY), rootLogin(CheckResult.pass("root login is disabled")))).isEmpty();
    }

    @Test
    void warnChangeIsRecordedWithoutAlertByDefault() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        List<Alert> alerts = record(recorder, rootLogin(CheckResult.warn("root may log in with a key")));

        assertThat(alerts).isEmpty();
        assertThat(queryTexts("SELECT coalesce(from_status, '-') || ' ' || to_status FROM status_changes ORDER BY id"))
                .containsExactly("- PASS", "PASS WARN");
    }

    @Test
    void unknownAndErrorChangesAreSilentByDefault() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        assertThat(record(recorder, rootLogin(CheckResult.unknown("permission denied")))).isEmpty();
        assertThat(record(recorder, rootLogin(CheckResult.error("check failed: NullPointerException")))).isEmpty();
    }

    @Test
    void warnChangeAlertsWhenListed() {
        AuditRecorder recorder = recorder(EnumSet.of(CheckStatus.FAIL, CheckStatus.WARN));
        record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        List<Alert> alerts = record(recorder, rootLogin(CheckResult.warn("root may log in with a key")));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().title()).isEqualTo("WARN: " + ROOT_LOGIN_TITLE);
        assertThat(alerts.getFirst().severity()).isEqualTo(Severity.WARNING);
        assertThat(alerts.getFirst().fields()).containsEntry("Previous status", "PASS");
    }

    @Test
    void unknownAndErrorChangesAlertWhenListed() {
        AuditRecorder recorder = recorder(EnumSet.of(CheckStatus.FAIL, CheckStatus.UNKNOWN, CheckStatus.ERROR));
        record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        assertThat(titles(record(recorder, rootLogin(CheckResult.unknown("permission denied")))))
                .containsExactly("UNKNOWN: " + ROOT_LOGIN_TITLE);
        assertThat(titles(record(recorder, rootLogin(CheckResult.error("check failed: NullPointerException")))))
                .containsExactly("ERROR: " + ROOT_LOGIN_TITLE);
        assertThat(record(recorder, rootLogin(CheckResult.error("check failed: NullPointerException")))).isEmpty();
    }

    @Test
    void listedWarnIsOnlyAlertedOnChange() {
        AuditRecorder recorder = recorder(EnumSet.of(CheckStatus.FAIL, CheckStatus.WARN));
        record(recorder, rootLogin(CheckResult.warn("root may log in with a key")));

        assertThat(record(recorder, rootLogin(CheckResult.warn("root may log in with a key")))).isEmpty();
    }

    @Test
    void restartDoesNotRealertUnchangedFailure() {
        record(recorder(FAIL_ONLY), rootLogin(failing()));
        database.close();

        database = Database.open(dir);
        AuditRecorder restarted = recorder(FAIL_ONLY);

        assertThat(record(restarted, rootLogin(failing()))).isEmpty();
        assertThat(titles(record(restarted, rootLogin(CheckResult.pass("root login is disabled")))))
                .containsExactly("Resolved: " + ROOT_LOGIN_TITLE);
    }

    @Test
    void restartDoesNotRealertListedWarn() {
        record(recorder(EnumSet.of(CheckStatus.FAIL, CheckStatus.WARN)), rootLogin(CheckResult.warn("root may log in with a key")));
        database.close();

        database = Database.open(dir);

        assertThat(record(recorder(EnumSet.of(CheckStatus.FAIL, CheckStatus.WARN)),
                rootLogin(CheckResult.warn("root may log in with a key")))).isEmpty();
    }

    @Test
    void runIsStoredWithCounts() {
        AuditReport report = report(
                rootLogin(failing()),
                outcome("ssh.password-auth", "Password authentication", CheckResult.pass("passwords are off")),
                outcome("ufw.enabled", "Firewall enabled", CheckResult.warn("ufw is inactive")),
                outcome("fail2ban.sshd", "Fail2Ban guards SSH", CheckResult.skipped("fail2ban is not installed")),
                outcome("ssh.ports", "SSH ports", CheckResult.unknown("sshd -T failed")),
                outcome("acme.broken", "Broken check", CheckResult.error("check failed: IllegalStateException")));

        recorder(FAIL_ONLY).record(report, "scheduled");

        assertThat(queryTexts("SELECT started_at || ' ' || duration_ms || ' ' || trigger FROM audit_runs"))
                .containsExactly(T0.toEpochMilli() + " 42 scheduled");
        assertThat(queryTexts("SELECT pass || warn || fail || unknown || skipped || error FROM audit_runs"))
                .containsExactly("111111");
    }

    @Test
    void eachRunGetsItsOwnRow() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        record(recorder, rootLogin(failing()));
        recorder.record(report(rootLogin(failing())), "on-demand");

        assertThat(queryTexts("SELECT trigger FROM audit_runs ORDER BY id")).containsExactly("scheduled", "on-demand");
    }

    @Test
    void statusChangesAreStoredOnlyOnChange() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        record(recorder, rootLogin(failing()));
        record(recorder, rootLogin(failing()));
        record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        assertThat(queryTexts("SELECT run_id || ' ' || check_id || ' ' || coalesce(from_status, '-') || ' ' || to_status || ' ' || summary"
                + " FROM status_changes ORDER BY id"))
                .containsExactly(
                        "1 ssh.root-login - FAIL root can log in with a password",
                        "3 ssh.root-login FAIL PASS root login is disabled");
    }

    @Test
    void stateKeepsTimeOfLastChange() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        Instant firstSeen = now;
        record(recorder, rootLogin(failing()));
        Instant lastChecked = now;
        record(recorder, rootLogin(failing()));

        assertThat(queryTexts("SELECT status || ' ' || changed_at || ' ' || checked_at FROM check_state"))
                .containsExactly("FAIL " + firstSeen.toEpochMilli() + " " + lastChecked.toEpochMilli());
    }

    @Test
    void alertsExistExactlyWhenStateSaysAlerted() {
        AuditRecorder recorder = recorder(FAIL_ONLY);

        record(recorder, rootLogin(failing()));

        assertThat(queryLongs("SELECT failing_alerted FROM check_state WHERE check_id = 'ssh.root-login'")).containsExactly(1L);
        assertThat(queryTexts("SELECT title FROM alerts")).containsExactly("FAIL: " + ROOT_LOGIN_TITLE);
    }

    @Test
    void failedAlertWriteRollsBackState() {
        // The same notifier twice breaks the outbox's primary key while the alert is written.
        AuditRecorder broken = new AuditRecorder(database, FAIL_ONLY, "web1", () -> List.of("telegram", "telegram"));

        assertThatThrownBy(() -> record(broken, rootLogin(failing()))).isInstanceOf(StoreException.class);

        assertThat(queryLongs("SELECT count(*) FROM check_state")).containsExactly(0L);
        assertThat(queryLongs("SELECT count(*) FROM alerts")).containsExactly(0L);
        assertThat(queryLongs("SELECT count(*) FROM audit_runs")).containsExactly(0L);
        assertThat(queryLongs("SELECT count(*) FROM status_changes")).containsExactly(0L);
    }

    @Test
    void rolledBackFailureAlertsOnNextRun() {
        AuditRecorder broken = new AuditRecorder(database, FAIL_ONLY, "web1", () -> List.of("telegram", "telegram"));
        assertThatThrownBy(() -> record(broken, rootLogin(failing()))).isInstanceOf(StoreException.class);

        assertThat(titles(record(recorder(FAIL_ONLY), rootLogin(failing())))).containsExactly("FAIL: " + ROOT_LOGIN_TITLE);
        assertThat(queryLongs("SELECT failing_alerted FROM check_state")).containsExactly(1L);
    }

    @Test
    void alertWithoutNotifiersIsStillStored() {
        AuditRecorder recorder = new AuditRecorder(database, FAIL_ONLY, "web1", List::of);

        record(recorder, rootLogin(failing()));

        assertThat(queryLongs("SELECT count(*) FROM alerts")).containsExactly(1L);
        assertThat(queryLongs("SELECT count(*) FROM alert_deliveries")).containsExactly(0L);
    }

    @Test
    void notifierListIsReadAtEachRun() {
        List<String> notifiers = new ArrayList<>();
        Supplier<List<String>> current = () -> List.copyOf(notifiers);
        AuditRecorder recorder = new AuditRecorder(database, FAIL_ONLY, "web1", current);
        record(recorder, rootLogin(failing()));

        notifiers.add("telegram");
        record(recorder, rootLogin(CheckResult.pass("root login is disabled")));

        assertThat(queryTexts("SELECT a.title FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"))
                .containsExactly("Resolved: " + ROOT_LOGIN_TITLE);
    }

    @Test
    void checksAreTrackedSeparately() {
        AuditRecorder recorder = recorder(FAIL_ONLY);
        CheckOutcome passwords = outcome("ssh.password-auth", "Password authentication",
                CheckResult.fail("PasswordAuthentication yes"));
        record(recorder, rootLogin(failing()), passwords);

        List<Alert> alerts = record(recorder, rootLogin(CheckResult.pass("root login is disabled")), passwords);

        assertThat(titles(alerts)).containsExactly("Resolved: " + ROOT_LOGIN_TITLE);
    }

    private AuditRecorder recorder(Set<CheckStatus> alertOn) {
        return new AuditRecorder(database, alertOn, "web1", () -> List.of("telegram"));
    }

    /** Records one scheduled run of {@code outcomes}, one minute after the previous run. */
    private List<Alert> record(AuditRecorder recorder, CheckOutcome... outcomes) {
        List<Alert> alerts = recorder.record(report(outcomes), "scheduled");
        now = now.plus(Duration.ofMinutes(1));
        return alerts;
    }

    private AuditReport report(CheckOutcome... outcomes) {
        return new AuditReport(now, 42, "/", List.of(outcomes));
    }

    private static CheckResult failing() {
        return CheckResult.fail("root can log in with a password")
                .withEvidence("PermitRootLogin yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:3)")
                .withRemediation("Set PermitRootLogin no and reload sshd");
    }

    private static CheckOutcome rootLogin(CheckResult result) {
        return outcome(ROOT_LOGIN, ROOT_LOGIN_TITLE, result);
    }

    private static CheckOutcome outcome(String id, String title, CheckResult result) {
        return new CheckOutcome(id, title, id.substring(0, id.indexOf('.')), "acme-plugin", result, 3);
    }

    private static List<String> titles(List<Alert> alerts) {
        return alerts.stream().map(Alert::title).toList();
    }

    private List<String> queryTexts(String sql) {
        return database.transaction(connection -> readColumn(connection, sql));
    }

    private List<Long> queryLongs(String sql) {
        return queryTexts(sql).stream().map(Long::valueOf).toList();
    }

    private static List<String> readColumn(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
