#!/usr/bin/env bash
# The topology of docker-compose.yml as plain processes on 127.0.0.1: PostgreSQL (throwaway data
# directory), the schema, 2 silos and 2 API nodes on free loopback ports. Silos bind 127.0.0.1 only,
# and every grain call carries proof of the cluster secret (Orleans:ClusterSecret; made and kept in
# CLUSTER_DIR unless set).
#
#   deploy/local-cluster.sh up            install PostgreSQL if missing, build once, start, wait until ready
#   deploy/local-cluster.sh down [--purge] stop what `up` started (by PID); --purge also deletes the data
#   deploy/local-cluster.sh pg-stop         stop only PostgreSQL (fast shutdown), for fault tests
#   deploy/local-cluster.sh pg-start        start PostgreSQL again on the port `up` chose
#   deploy/local-cluster.sh start-api N     start API node N (1 or 2) again on its port, after it died
#
# The caller's environment reaches every process (Admin__Username, Auth__RefreshReuseGrace, ...).
# CLUSTER_DIR (default /tmp/session-service-cluster) holds data, logs and PIDs; `up` after `down`
# without --purge starts over the same data. CONFIGURATION (default Release) picks the build;
# NO_BUILD=1 uses an existing build; NO_INSTALL=1 fails instead of installing PostgreSQL.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${CLUSTER_DIR:-/tmp/session-service-cluster}
CONFIGURATION=${CONFIGURATION:-Release}
SILO_DLL="$ROOT/silo/bin/$CONFIGURATION/net10.0/SessionService.Silo.dll"
API_DLL="$ROOT/api/bin/$CONFIGURATION/net10.0/SessionService.Api.dll"
USED_PORTS=" "

log() { echo "local-cluster: $*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_postgres() {
  [ -n "$(pg_bin)" ] && return
  if [ "${NO_INSTALL:-0}" = 1 ]; then
    log "PostgreSQL server binaries not found; install them with: sudo apt-get install -y postgresql"
    exit 1
  fi
  log "PostgreSQL not found; installing it with apt"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  [ -n "$(pg_bin)" ] || { log "PostgreSQL install failed"; exit 1; }
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Below Linux's ephemeral range (32768-60999): a port from that range can be handed to an outgoing
# connection between this check and the process binding it, and the process then fails to start.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    if [[ $USED_PORTS != *" $port "* ]] && ! port_in_use "$port"; then
      USED_PORTS="$USED_PORTS$port "
      echo "$port"
      return
    fi
  done
}

is_ready() {
  local status
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r -t 5 status <&3 || status=""
  exec 3>&- 3<&-
  [[ $status == *" 200 "* ]]
}

start_process() { # name dll [args...]: runs in the dll's folder (appsettings.json), logs to $DIR/logs
  local name=$1 dll=$2
  shift 2
  (cd "$(dirname "$dll")" && exec setsid dotnet "$dll" "$@" >"$DIR/logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$DIR/$name.pid"
}

up() {
  install_postgres
  mkdir -p "$DIR/logs"
  local pgdata="$DIR/pg"
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    mkdir -p "$pgdata"
    if [ "$(id -u)" = 0 ]; then
      chmod a+rx "$DIR" # PostgreSQL runs as its own user and must reach its data directory
      chown postgres "$pgdata"
    fi
    as_postgres "$(pg_bin)/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >"$DIR/logs/initdb.log"
  fi

  local pg_port
  pg_port=$(free_port)
  echo "$pg_port" >"$DIR/postgres.port"
  pg_start

  if [ "${NO_BUILD:-0}" != 1 ]; then
    log "building ($CONFIGURATION)"
    dotnet build "$ROOT/api/Api.csproj" -c "$CONFIGURATION" -v quiet -nologo >"$DIR/logs/build.log" \
      || { cat "$DIR/logs/build.log" >&2; exit 1; }
  fi

  cluster_environment
  dotnet "$SILO_DLL" --apply-schema >"$DIR/logs/schema.log" 2>&1 || { cat "$DIR/logs/schema.log" >&2; exit 1; }

  local i api_ports=() gateway_ports=()
  for i in 1 2; do
    gateway_ports[i]=$(free_port)
    Orleans__SiloPort=$(free_port) Orleans__GatewayPort=${gateway_ports[i]} start_process "silo$i" "$SILO_DLL"
  done
  for i in 1 2; do
    api_ports[i]=$(free_port)
    echo "${api_ports[i]}" >"$DIR/api$i.port"
    ASPNETCORE_URLS="http://127.0.0.1:${api_ports[i]}" start_process "api$i" "$API_DLL"
  done

  for i in 1 2; do wait_until_ready "$i"; done

  {
    echo "API1=http://127.0.0.1:${api_ports[1]}"
    echo "API2=http://127.0.0.1:${api_ports[2]}"
    echo "SILO1_PID=$(cat "$DIR/silo1.pid")"
    echo "SILO2_PID=$(cat "$DIR/silo2.pid")"
    echo "SILO1_GATEWAY=127.0.0.1:${gateway_ports[1]}"
    echo "SILO2_GATEWAY=127.0.0.1:${gateway_ports[2]}"
    echo "API1_PID=$(cat "$DIR/api1.pid")"
    echo "API2_PID=$(cat "$DIR/api2.pid")"
    echo "POSTGRES_PORT=$pg_port"
  } | tee "$DIR/cluster.env"
}

pg_start() { # on the port in $DIR/postgres.port
  as_postgres "$(pg_bin)/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w -t 60 \
    -o "-p $(cat "$DIR/postgres.port") -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
}

pg_stop() { as_postgres "$(pg_bin)/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null; }

cluster_environment() { # what every silo and API node of this cluster shares
  if [ -z "${Auth__KeyEncryptionSecret:-}" ]; then
    # Encrypts the signing keys at rest; every silo and API node needs the same one.
    [ -f "$DIR/key-encryption.secret" ] || (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$DIR/key-encryption.secret")
    Auth__KeyEncryptionSecret=$(cat "$DIR/key-encryption.secret")
    export Auth__KeyEncryptionSecret
  fi
  if [ -z "${Orleans__ClusterSecret:-}" ]; then
    # Every grain call between these processes proves knowledge of it; the same on every silo and API node.
    [ -f "$DIR/cluster.secret" ] || (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$DIR/cluster.secret")
    Orleans__ClusterSecret=$(cat "$DIR/cluster.secret")
    export Orleans__ClusterSecret
  fi
  export Orleans__Mode=postgres
  export ConnectionStrings__Orleans="Host=127.0.0.1;Port=$(cat "$DIR/postgres.port");Database=postgres;Username=postgres"
}

wait_until_ready() { # API node number
  local deadline=$((SECONDS + 180))
  until is_ready "$(cat "$DIR/api$1.port")"; do
    if ((SECONDS > deadline)); then
      log "api$1 not ready in time; last log lines:"
      tail -n 40 "$DIR/logs/api$1.log" "$DIR/logs/silo1.log" "$DIR/logs/silo2.log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

start_api() { # API node number: again on its port, logging after its earlier log
  local i=$1
  [[ $i == 1 || $i == 2 ]] || { log "start-api takes 1 or 2"; exit 2; }
  cluster_environment
  ASPNETCORE_URLS="http://127.0.0.1:$(cat "$DIR/api$i.port")" start_process "api$i-again" "$API_DLL"
  mv "$DIR/api$i-again.pid" "$DIR/api$i.pid"
  wait_until_ready "$i"
  echo "API${i}_PID=$(cat "$DIR/api$i.pid")"
}

stop_pid_file() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

down() {
  local name
  for name in api1 api2 silo1 silo2; do stop_pid_file "$DIR/$name.pid"; done
  if [ -f "$DIR/pg/postmaster.pid" ] && [ -n "$(pg_bin)" ]; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null || true
  fi
  if [ "${1:-}" = "--purge" ]; then rm -rf "$DIR"; fi
}

case "${1:-}" in
  up) up ;;
  down) down "${2:-}" ;;
  pg-stop) pg_stop ;;
  pg-start) pg_start ;;
  start-api) start_api "${2:-}" ;;
  *) echo "usage: $0 up | down [--purge] | pg-stop | pg-start | start-api N" >&2; exit 2 ;;
esac
