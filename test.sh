#!/usr/bin/env bash
# Runs every test. The cluster tests start their own PostgreSQL from the apt packages, so install
# them first when they are missing; then the one test command of the solution.
set -euo pipefail
cd "$(dirname "$0")"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "test.sh: installing PostgreSQL (apt) for the cluster tests" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi
# The apt package may start a default server on port 5432; the tests use their own on free ports.
dotnet test Cluster.sln "$@"
