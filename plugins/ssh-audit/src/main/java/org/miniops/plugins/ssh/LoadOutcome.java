package org.miniops.plugins.ssh;

import org.miniops.api.CheckResult;

/** Result of loading the sshd settings for one check run: the settings, or a ready verdict why there are none. */
sealed interface LoadOutcome {

    /** The settings were read. */
    record Loaded(SshdSettings settings) implements LoadOutcome {
    }

    /** There is nothing to audit, for example because sshd is not installed; {@code result} gives the reason. */
    record NotAudited(CheckResult result) implements LoadOutcome {
    }
}
