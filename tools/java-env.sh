# Sourced by the tools in this folder: points JAVA_HOME at a JDK 21 or newer, which Maven and
# Helidon 4 need. Debian's default java may be 17, so JAVA_HOME, PATH and /usr/lib/jvm are tried
# in that order.

jdk_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

is_jdk21() {
    [ -x "$1/bin/javac" ] || return 1
    major=$(jdk_major "$1")
    [ -n "$major" ] && [ "$major" -ge 21 ]
}

find_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then
        echo "$JAVA_HOME"; return 0
    fi
    if command -v javac >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        if is_jdk21 "$candidate"; then
            echo "$candidate"; return 0
        fi
    fi
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -r -V); do
        if is_jdk21 "$candidate"; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

if ! JAVA_HOME=$(find_jdk); then
    echo "No JDK 21 or newer found in JAVA_HOME, PATH or /usr/lib/jvm; install one (apt install openjdk-21-jdk-headless) or set JAVA_HOME" >&2
    exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

if ! command -v mvn >/dev/null 2>&1; then
    echo "Maven is not installed; install it (apt install maven) and run this again" >&2
    exit 2
fi
