#!/bin/sh
# Builds Mini-Ops and runs the agent on this machine with a fresh demo token.
# The token is printed once; the agent keeps running until Ctrl-C.
# Options: APP_PORT=3001 tools/demo.sh to use another port.
set -eu
cd "$(dirname "$0")/.."
. tools/java-env.sh

echo "Building Mini-Ops with $JAVA_HOME ..."
tools/build.sh

demo_dir=$(pwd)/.demo
mkdir -p "$demo_dir"
chmod 700 "$demo_dir"
if command -v openssl >/dev/null 2>&1; then
    token=$(openssl rand -hex 32)
else
    token=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
fi

# The token goes into a file only the current user can read, never into a command line.
umask 077
cat > "$demo_dir/.env" <<ENV
AUTH_TOKEN=$token
APP_HOST=127.0.0.1
APP_PORT=${APP_PORT:-3000}
DATA_DIR=$demo_dir/data
ENV

echo
echo "Demo token (shown once; also in $demo_dir/.env):"
echo "  $token"
echo "Dashboard: http://127.0.0.1:${APP_PORT:-3000}/"
echo "Try:       curl -H \"Authorization: Bearer \$(sed -n 's/^AUTH_TOKEN=//p' $demo_dir/.env)\" http://127.0.0.1:${APP_PORT:-3000}/api/audit"
echo
exec dist/target/mini-ops/bin/mini-ops serve --env-file "$demo_dir/.env"
