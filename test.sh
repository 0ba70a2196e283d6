#!/usr/bin/env bash
# Runs every test. The cluster tests start their own PostgreSQL from the apt packages, and the storage
# fault tests make a small ext4 file system (mkfs.ext4, chattr: e2fsprogs), and the gateway test runs
# Debian's nginx in front of a node, and the legacy password hash tests make WordPress hashes with PHP
# (php-cli), and the dashboard test has Debian's Prometheus scrape a node (prometheus), and the account
# page tests drive Debian's Chromium through Playwright (chromium: Playwright's own browser download is
# not reachable), so install what is missing first; then the one test command of the solution.
set -euo pipefail
cd "$(dirname "$0")"
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v mkfs.ext4 >/dev/null && command -v chattr >/dev/null || missing+=(e2fsprogs)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
command -v php >/dev/null || missing+=(php-cli)
command -v prometheus >/dev/null || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]} (apt) for the cluster, fault, gateway, legacy password hash, dashboard and browser tests" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The apt packages may start default servers (PostgreSQL on 5432, nginx on 80, Prometheus on 9090); the tests
# use their own on free ports.
# With arguments (a filter, a logger): one test process, as asked.
if (($#)); then
  exec dotnet test Cluster.sln "$@"
fi
dotnet build Cluster.sln
# Two test processes side by side: the cluster and fault tests spend most of their time waiting for the
# processes they start and stop, which the in-process tests fill. Each process runs its tests one at a time.
clustered="FullyQualifiedName~SessionService.Tests.Cluster.|FullyQualifiedName~SessionService.Tests.Faults."
dotnet test Cluster.sln --no-build --filter "$clustered" 2>&1 | sed -u 's/^/[cluster, faults] /' &
others=$!
status=0
dotnet test Cluster.sln --no-build --filter "FullyQualifiedName!~SessionService.Tests.Cluster.&FullyQualifiedName!~SessionService.Tests.Faults." || status=$?
wait $others || status=$?
exit $status
