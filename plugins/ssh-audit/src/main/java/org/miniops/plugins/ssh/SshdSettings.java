package org.miniops.plugins.ssh;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settings the checks judge: values from {@code sshd -T} when it ran, otherwise from the parsed
 * files, with file and line from the parsed files either way.
 *
 * <p>{@code sshd -T} evaluates Match blocks only for the connection given with {@code -C}, so
 * Match blocks always come from the parsed files. Instances are immutable.
 */
final class SshdSettings {

    private final SshdConfig config;
    private final EffectiveSettings parsed;
    private final SshdTestOutput sshd;
    private final String sourceNote;

    private SshdSettings(SshdConfig config, SshdTestOutput sshd, String sourceNote) {
        this.config = config;
        this.parsed = new EffectiveSettings(config);
        this.sshd = sshd;
        this.sourceNote = sourceNote;
    }

    /** Creates settings from the parsed files alone; {@code whyNotSshd} is the reason {@code sshd -T} was not used. */
    static SshdSettings fromFiles(SshdConfig config, String whyNotSshd) {
        int included = Math.max(0, config.files().size() - 1);
        String files = included == 0 ? config.path() : config.path() + " and " + included + " included file" + (included == 1 ? "" : "s");
        return new SshdSettings(config, null, "Values worked out from " + files + "; sshd -T not used: " + whyNotSshd);
    }

    /** Creates settings from what {@code command} ({@code sshd -T ...}) printed. */
    static SshdSettings fromSshd(SshdConfig config, SshdTestOutput output, String command) {
        return new SshdSettings(config, output, "Values from " + command + "; file and line from reading the config files");
    }

    /** Host path of the main config file. */
    String configPath() {
        return config.path();
    }

    /** Returns whether the values come from {@code sshd -T}, which read every file as root and accepted them. */
    boolean confirmedBySshd() {
        return sshd != null;
    }

    /** Evidence line that names the source of the values. */
    String sourceNote() {
        return sourceNote;
    }

    /**
     * Returns the value for a connection that no conditional Match block matches. With
     * {@code sshd -T} output, the parsed line is kept as the location when it agrees with what sshd
     * printed; otherwise the value is attributed to {@code sshd -T} alone.
     */
    ConfigValue value(String keyword) {
        ConfigValue fromFiles = parsed.value(keyword);
        if (sshd == null) {
            return fromFiles;
        }
        Optional<String> printed = sshd.first(keyword);
        if (printed.isEmpty()) {
            return fromFiles;
        }
        // With a file left unread, "no line sets it" may be wrong: the line may sit in that file.
        boolean attributable = fromFiles.origin() == ConfigValue.Origin.FILE || config.unreadable().isEmpty();
        if (attributable && SshdKeywords.sameValue(keyword, fromFiles.value(), printed.get())) {
            return fromFiles;
        }
        return ConfigValue.reportedBySshd(keyword, printed.get());
    }

    /** Returns the Match blocks that apply to some connections only. */
    List<MatchBlock> conditionalBlocks() {
        return parsed.conditionalBlocks();
    }

    /** Returns the first value {@code block} sets for {@code keyword}, unless a {@code Match all} line wins first. */
    Optional<ConfigValue> blockValue(MatchBlock block, String keyword) {
        return parsed.blockValue(block, keyword);
    }

    /** Returns the values conditional Match blocks set for {@code keyword}. */
    List<MatchOverride> overrides(String keyword) {
        return parsed.overrides(keyword);
    }

    /** Returns the addresses and ports sshd listens on. */
    List<ListenEndpoint> endpoints() {
        List<ListenEndpoint> fromFiles = parsed.endpoints();
        if (sshd == null || sshd.all(SshdKeywords.LISTEN_ADDRESS).isEmpty()) {
            return fromFiles;
        }
        return ListenEndpoints.fromSshd(sshd.all(SshdKeywords.LISTEN_ADDRESS), fromFiles);
    }

    /** Files and Include directories the agent could not read. */
    List<UnreadableFile> unreadable() {
        return config.unreadable();
    }

    /**
     * Returns the lines sshd would reject that bear on {@code keywords}: lines of those keywords and
     * every bad {@code Include} or {@code Match} line. Empty when {@code sshd -T} accepted the files.
     */
    List<ConfigProblem> problems(Set<String> keywords) {
        if (sshd != null) {
            return List.of();
        }
        return config.problems().stream()
                .filter(problem -> keywords.contains(problem.keyword())
                        || problem.keyword().equals(SshdKeywords.INCLUDE)
                        || problem.keyword().equals(SshdKeywords.MATCH))
                .toList();
    }
}
