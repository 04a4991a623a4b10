#!/bin/sh
# Builds Mini-Ops without running tests and leaves the ready-to-run distribution in
# dist/target/mini-ops/ (bin/mini-ops, lib/, plugins/, scripts/, .env.example).
set -eu
cd "$(dirname "$0")/.."
. tools/java-env.sh
mvn -q -B -DskipTests package "$@"
echo "Built dist/target/mini-ops/ (run dist/target/mini-ops/bin/mini-ops --help)"
