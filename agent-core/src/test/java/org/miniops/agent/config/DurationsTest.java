package org.miniops.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parseReadsEveryUnit() {
        assertThat(Durations.parse("KEY", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("KEY", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("KEY", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("KEY", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("KEY", "2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void parseIgnoresCaseAndSurroundingSpace() {
        assertThat(Durations.parse("KEY", " 5M ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("KEY", "10 s")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void parseRejectsMalformedValues() {
        for (String value : List.of("", "5", "m", "1.5h", "-5m", "5 minutes", "5w", "1h30m", "9999999999s")) {
            assertThatThrownBy(() -> Durations.parse("AUDIT_INTERVAL", value))
                    .as("value '%s'", value)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("AUDIT_INTERVAL '" + value.strip() + "' is not a duration")
                    .hasMessageContaining("such as 30s, 5m, 1h or 1d");
        }
    }

    @Test
    void formatUsesLargestWholeUnit() {
        assertThat(Durations.format(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(Durations.format(Duration.ofHours(24 * 3))).isEqualTo("3d");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
    }

    @Test
    void formatKeepsMilliseconds() {
        assertThat(Durations.format(Duration.ofMillis(50))).isEqualTo("50ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void formatOfZeroIsZeroSeconds() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void formatOutputParsesBack() {
        for (Duration duration : List.of(Duration.ofMillis(50), Duration.ofSeconds(45), Duration.ofMinutes(5),
                Duration.ofMinutes(90), Duration.ofHours(36), Duration.ofDays(7))) {
            assertThat(Durations.parse("KEY", Durations.format(duration))).as("duration %s", duration).isEqualTo(duration);
        }
    }
}
