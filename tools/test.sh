#!/bin/sh
# Runs every Mini-Ops test. The end-to-end tests use real system tools (sshd, ufw, fail2ban,
# network namespaces); when run as root on Debian, missing packages are installed first.
set -eu
cd "$(dirname "$0")/.."

packages="openssh-server ufw fail2ban iproute2 openssl curl strace chromium chromium-driver"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    missing=""
    for package in $packages; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
    done
    if [ -n "$missing" ]; then
        echo "Installing test dependencies:$missing"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
    fi
else
    echo "Not root or not Debian: tests that need sshd, ufw or fail2ban skip themselves where the tools are missing." >&2
fi

. tools/java-env.sh
exec mvn -B verify "$@"
