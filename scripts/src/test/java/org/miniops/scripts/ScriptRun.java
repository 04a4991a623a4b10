package org.miniops.scripts;

import java.time.Duration;

/** The outcome of one run of a shell script: exit code, wall-clock time until exit, and its output. */
record ScriptRun(int exitCode, Duration elapsed, String stdout, String stderr) {

    long elapsedMillis() {
        return elapsed.toMillis();
    }
}
