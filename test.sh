#!/usr/bin/env bash
# Runs every test. The cluster tests start their own PostgreSQL from the apt packages, and the storage
# fault tests make a small ext4 file system (mkfs.ext4, chattr: e2fsprogs), so install what is missing
# first; then the one test command of the solution.
set -euo pipefail
cd "$(dirname "$0")"
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v mkfs.ext4 >/dev/null && command -v chattr >/dev/null || missing+=(e2fsprogs)
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]} (apt) for the cluster and fault tests" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The apt package may start a default server on port 5432; the tests use their own on free ports.
dotnet test Cluster.sln "$@"
