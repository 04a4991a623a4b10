#!/bin/sh
# Measures the packaged agent on this machine: start-up time, memory (RSS) after start, after an
# audit and after a burst of requests for the dashboard page, and the request rate of that burst.
# The burst uses the static page because API requests are rate limited to 120 a minute per client.
# Usage: tools/bench.sh [REQUESTS]   (default 2000; build first with tools/build.sh)
set -eu
cd "$(dirname "$0")/.."
requests=${1:-2000}
agent=dist/target/mini-ops/bin/mini-ops
[ -x "$agent" ] || { echo "$agent is missing; run tools/build.sh first" >&2; exit 2; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(openssl rand -hex 32)
umask 077
printf 'AUTH_TOKEN=%s\nAPP_PORT=%s\nDATA_DIR=%s/data\nHOOK_KEY_FILE=%s/none\n' "$token" "$port" "$work" "$work" > "$work/.env"

rss_mib() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

now_ms() {
    date +%s%3N
}

started=$(now_ms)
"$agent" serve --env-file "$work/.env" > "$work/agent.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM

# The token travels in a curl config file, not on the command line.
printf 'header = "Authorization: Bearer %s"\n' "$token" > "$work/auth.curl"
until curl -s -o /dev/null -K "$work/auth.curl" "http://127.0.0.1:$port/api/health"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/agent.log" >&2; exit 1; }
    sleep 0.05
done
ready=$(now_ms)
sleep 1
rss_start=$(rss_mib "$pid")

audit_ms=$(curl -s -K "$work/auth.curl" -X POST "http://127.0.0.1:$port/api/audit/run" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["durationMs"])')
rss_audit=$(rss_mib "$pid")

# One curl process reuses its connection for every URL in the config file.
printf 'write-out = "%%{http_code}\\n"\n' > "$work/burst.curl"
i=0
while [ "$i" -lt "$requests" ]; do
    printf 'url = "http://127.0.0.1:%s/"\noutput = "/dev/null"\n' "$port" >> "$work/burst.curl"
    i=$((i + 1))
done
burst_start=$(now_ms)
curl -s -K "$work/burst.curl" > "$work/codes"
burst_ms=$(( $(now_ms) - burst_start ))
ok=$(grep -c '^200$' "$work/codes" || true)
rss_burst=$(rss_mib "$pid")

echo "machine:           $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r)"
echo "java:              $(grep -o 'Java [0-9.+A-Za-z-]*' "$work/agent.log" | head -n 1)"
echo "start-up:          $((ready - started)) ms until /api/health answers"
echo "RSS after start:   $rss_start MiB"
echo "audit:             $audit_ms ms for every installed check; RSS $rss_audit MiB"
echo "requests:          $requests GET / on one connection in $burst_ms ms ($(( requests * 1000 / (burst_ms > 0 ? burst_ms : 1) )) per second, $ok answered 200)"
echo "RSS after burst:   $rss_burst MiB"
