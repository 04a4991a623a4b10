package org.miniops.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as operators write them in {@code .env}: {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}. */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code value} of setting {@code key}.
     *
     * @throws ConfigException naming the key, the value and the accepted forms
     */
    public static Duration parse(String key, String value) {
        Matcher matcher = FORMAT.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            throw new ConfigException(key + " '" + value.strip() + "' is not a duration; write a number and a unit, such as 30s, 5m, 1h or 1d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** Formats {@code duration} in the largest unit that divides it, such as {@code 5m}. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return duration.toMillis() % 1000 == 0 ? seconds + "s" : duration.toMillis() + "ms";
    }
}
