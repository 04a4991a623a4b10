package org.miniops.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.miniops.api.CheckStatus;

class AlertingConfigTest {

    @Test
    void auditIntervalDefaultsToFiveMinutes() {
        assertThat(AlertingConfig.load(Map.of()).auditInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void auditIntervalAcceptsSecondsMinutesAndHours() {
        assertThat(load("AUDIT_INTERVAL", "30s").auditInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load("AUDIT_INTERVAL", "5m").auditInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(load("AUDIT_INTERVAL", "1h").auditInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void auditIntervalOfTenSecondsIsAccepted() {
        assertThat(load("AUDIT_INTERVAL", "10s").auditInterval()).isEqualTo(AlertingConfig.MIN_AUDIT_INTERVAL);
    }

    @Test
    void auditIntervalBelowTenSecondsIsRejected() {
        assertThatThrownBy(() -> load("AUDIT_INTERVAL", "9s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUDIT_INTERVAL")
                .hasMessageContaining("9s")
                .hasMessageContaining("minimum of 10s");
    }

    @Test
    void auditIntervalInMillisecondsBelowMinimumIsRejected() {
        assertThatThrownBy(() -> load("AUDIT_INTERVAL", "9999ms"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUDIT_INTERVAL 9999ms");
    }

    @Test
    void auditIntervalWithoutUnitIsRejected() {
        assertThatThrownBy(() -> load("AUDIT_INTERVAL", "300"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUDIT_INTERVAL '300'")
                .hasMessageContaining("30s, 5m, 1h");
    }

    @Test
    void alertOnDefaultsToFail() {
        assertThat(AlertingConfig.load(Map.of()).alertOn()).containsExactly(CheckStatus.FAIL);
    }

    @Test
    void alertOnAlwaysIncludesFail() {
        assertThat(load("ALERT_ON", "WARN").alertOn()).containsExactlyInAnyOrder(CheckStatus.FAIL, CheckStatus.WARN);
    }

    @Test
    void alertOnAcceptsListInAnyCase() {
        assertThat(load("ALERT_ON", "warn, Unknown,ERROR").alertOn())
                .containsExactlyInAnyOrder(CheckStatus.FAIL, CheckStatus.WARN, CheckStatus.UNKNOWN, CheckStatus.ERROR);
    }

    @Test
    void alertOnIgnoresEmptyEntries() {
        assertThat(load("ALERT_ON", "FAIL,,WARN,").alertOn()).containsExactlyInAnyOrder(CheckStatus.FAIL, CheckStatus.WARN);
    }

    @Test
    void alertOnRejectsUnknownName() {
        assertThatThrownBy(() -> load("ALERT_ON", "FAIL,CRITICAL"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ALERT_ON")
                .hasMessageContaining("'CRITICAL'")
                .hasMessageContaining("FAIL, WARN, UNKNOWN, ERROR");
    }

    @Test
    void alertOnRejectsSpaceSeparatedList() {
        assertThatThrownBy(() -> load("ALERT_ON", "FAIL WARN"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'FAIL WARN'");
    }

    @Test
    void alertOnRejectsPass() {
        assertThatThrownBy(() -> load("ALERT_ON", "PASS"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ALERT_ON contains PASS");
    }

    @Test
    void alertOnRejectsSkipped() {
        assertThatThrownBy(() -> load("ALERT_ON", "skipped"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ALERT_ON contains SKIPPED");
    }

    @Test
    void alertMaxAgeDefaultsToOneDay() {
        assertThat(AlertingConfig.load(Map.of()).alertMaxAge()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void alertMaxAgeAcceptsDays() {
        assertThat(load("ALERT_MAX_AGE", "2d").alertMaxAge()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void alertMaxAgeBelowOneMinuteIsRejected() {
        assertThatThrownBy(() -> load("ALERT_MAX_AGE", "30s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ALERT_MAX_AGE 30s")
                .hasMessageContaining("1m or more");
    }

    @Test
    void retryMaxDefaultsToFiveMinutes() {
        assertThat(AlertingConfig.load(Map.of()).retryMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryMaxBelowFirstDelayIsRejected() {
        assertThatThrownBy(() -> load("ALERT_RETRY_MAX", "1s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ALERT_RETRY_MAX 1s")
                .hasMessageContaining("2s or more");
    }

    @Test
    void serverNameIsTakenFromSetting() {
        assertThat(load("SERVER_NAME", " prod_db ").serverName()).isEqualTo("prod_db");
    }

    @Test
    void blankServerNameFallsBackToHostName() {
        assertThat(load("SERVER_NAME", "").serverName()).isEqualTo(AlertingConfig.hostName()).isNotBlank();
    }

    private static AlertingConfig load(String key, String value) {
        return AlertingConfig.load(Map.of(key, value));
    }

    @Test
    void blankIntervalMeansDefault() {
        assertThat(load("AUDIT_INTERVAL", " ").auditInterval()).isEqualTo(java.time.Duration.ofMinutes(5));
    }
}
