package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Settings sshd derives from a parsed config: the value of each keyword for a connection that no
 * conditional Match block matches, the values conditional blocks set instead, and where sshd
 * listens.
 *
 * <p>sshd keeps the first value it reads for a keyword. When a connection arrives it reads the
 * Match blocks again, and the first value from a block that matches replaces the global one. A
 * {@code Match all} block matches every connection, so its values beat earlier global lines;
 * {@code sshd -T} without {@code -C} prints exactly this. Keywords that Match blocks may not set,
 * such as {@code Port} and {@code UsePAM}, keep the first value read at start-up, and {@code Port}
 * and {@code ListenAddress} collect every line from every file.
 */
final class EffectiveSettings {

    private final SshdConfig config;

    EffectiveSettings(SshdConfig config) {
        this.config = config;
    }

    /**
     * Returns the value for a connection that no conditional Match block matches.
     *
     * @throws IllegalArgumentException if no line sets {@code keyword} and no OpenSSH default is known for it
     */
    ConfigValue value(String keyword) {
        return find(keyword).orElseGet(() -> ConfigValue.openSshDefault(keyword, SshdKeywords.openSshDefault(keyword)
                .orElseThrow(() -> new IllegalArgumentException("no OpenSSH default is known for " + keyword))));
    }

    /** Returns the value set by a line, without falling back to the OpenSSH default. */
    Optional<ConfigValue> find(String keyword) {
        if (SshdKeywords.allowedInMatch(keyword)) {
            Optional<Directive> fromAllBlock = firstLine(keyword, Directive::inUnconditionalBlock);
            if (fromAllBlock.isPresent()) {
                return fromAllBlock.map(Directive::toValue);
            }
        }
        return firstLine(keyword, Directive::appliesAtStartup).map(Directive::toValue);
    }

    /** Returns every start-up value of a keyword that accumulates, such as {@code Port}, in reading order. */
    List<ConfigValue> values(String keyword) {
        List<ConfigValue> values = new ArrayList<>();
        for (Directive directive : config.directives()) {
            if (directive.keyword().equals(keyword) && directive.appliesAtStartup()) {
                values.add(directive.toValue());
            }
        }
        return values;
    }

    /** Returns the Match blocks that apply to some connections only, in reading order. */
    List<MatchBlock> conditionalBlocks() {
        return config.blocks().stream().filter(block -> !block.unconditional()).toList();
    }

    /**
     * Returns the first value a conditional block sets for {@code keyword}, unless an earlier
     * {@code Match all} line for the keyword wins for every connection.
     */
    Optional<ConfigValue> blockValue(MatchBlock block, String keyword) {
        int shadowedFrom = firstIndex(keyword, Directive::inUnconditionalBlock);
        List<Directive> directives = config.directives();
        for (int i = 0; i < directives.size(); i++) {
            Directive directive = directives.get(i);
            if (directive.block() == block && directive.keyword().equals(keyword)) {
                return shadowedFrom >= 0 && shadowedFrom < i ? Optional.empty() : Optional.of(directive.toValue());
            }
        }
        return Optional.empty();
    }

    /** Returns the values conditional blocks set for {@code keyword}, in reading order. */
    List<MatchOverride> overrides(String keyword) {
        List<MatchOverride> overrides = new ArrayList<>();
        for (MatchBlock block : conditionalBlocks()) {
            blockValue(block, keyword).ifPresent(value -> overrides.add(new MatchOverride(block, value)));
        }
        return overrides;
    }

    /** Returns the addresses and ports sshd listens on. */
    List<ListenEndpoint> endpoints() {
        return ListenEndpoints.fromConfig(values(SshdKeywords.PORT), values(SshdKeywords.LISTEN_ADDRESS),
                value(SshdKeywords.ADDRESS_FAMILY));
    }

    private Optional<Directive> firstLine(String keyword, Predicate<Directive> filter) {
        int index = firstIndex(keyword, filter);
        return index < 0 ? Optional.empty() : Optional.of(config.directives().get(index));
    }

    private int firstIndex(String keyword, Predicate<Directive> filter) {
        List<Directive> directives = config.directives();
        for (int i = 0; i < directives.size(); i++) {
            Directive directive = directives.get(i);
            if (directive.keyword().equals(keyword) && filter.test(directive)) {
                return i;
            }
        }
        return -1;
    }
}
