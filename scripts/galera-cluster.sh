#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on 127.0.0.1 for the multi-writer tests: own ports, own data
# directories under GALERA_DIR, the same test user and database as the standalone server.
#   bash scripts/galera-cluster.sh start    start (or keep) the cluster; idempotent
#   bash scripts/galera-cluster.sh stop     stop the nodes (data stays for the next start)
#   bash scripts/galera-cluster.sh status   show each node's cluster size and state
# Installs galera-4 and rsync with apt-get when missing (needs root then), as ensure-services.sh does.
set -euo pipefail

GALERA_DIR="${GALERA_DIR:-${TMPDIR:-/tmp}/ft-galera}"
SQL_PORTS=(3311 3312 3313)
# Galera's group port, its incremental state transfer port and its snapshot transfer port, per node.
BASE_PORTS=(4567 4577 4587)
IST_PORTS=(4568 4578 4588)
SST_PORTS=(4444 4454 4464)

# rsync's daemon on a joining node drops root for "nobody", which cannot write a root-owned data directory:
# as root the nodes run as mysql, as anyone else as themselves.
if [ "$(id -u)" = 0 ]; then RUN_AS=mysql; else RUN_AS=$(id -un); fi

log() { echo "[galera] $*"; }
die() {
  echo "[galera] $*" >&2
  exit 1
}

provider() {
  for candidate in /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so; do
    [ -f "$candidate" ] && echo "$candidate" && return
  done
}

install_missing() {
  local missing=()
  [ -n "$(provider)" ] || missing+=(galera-4)
  command -v rsync >/dev/null || missing+=(rsync)
  [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
  [ ${#missing[@]} = 0 ] && return
  [ "$(id -u)" = 0 ] || die "${missing[*]} missing; installing needs root: sudo apt-get install -y ${missing[*]}"
  log "installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

node_dir() { echo "$GALERA_DIR/node$1"; }
sock() { echo "$(node_dir "$1")/mysqld.sock"; }
# mariadb-install-db gives the user it ran as (root, or you) a socket account.
ADMIN_USER=$(id -un)
ping_node() { mysqladmin --no-defaults -u"$ADMIN_USER" -S "$(sock "$1")" ping --silent >/dev/null 2>&1; }
query() { mysql --no-defaults -u"$ADMIN_USER" -S "$(sock "$1")" -N -B -e "$2"; }

write_config() {
  local i=$1 dir
  dir=$(node_dir "$i")
  local members="gcomm://127.0.0.1:${BASE_PORTS[0]},127.0.0.1:${BASE_PORTS[1]},127.0.0.1:${BASE_PORTS[2]}"
  cat >"$dir/my.cnf" <<EOF
[mariadbd]
datadir=$dir/data
socket=$(sock "$i")
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=${SQL_PORTS[$i]}
bind-address=127.0.0.1
user=$RUN_AS
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=2
max_connections=300
max_allowed_packet=64M
local_infile=1
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$(provider)
wsrep_cluster_name=ft_test_cluster
wsrep_cluster_address=$members
wsrep_node_name=node$i
wsrep_node_address=127.0.0.1:${BASE_PORTS[$i]}
wsrep_provider_options="base_port=${BASE_PORTS[$i]};ist.recv_addr=127.0.0.1:${IST_PORTS[$i]};gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${SST_PORTS[$i]}
wsrep_slave_threads=2
EOF
}

start_node() {
  local i=$1 dir
  dir=$(node_dir "$i")
  shift
  ping_node "$i" && return
  mkdir -p "$dir"
  [ "$RUN_AS" = "$(id -un)" ] || chown "$RUN_AS" "$GALERA_DIR" "$dir"
  write_config "$i"
  if [ ! -d "$dir/data/mysql" ]; then
    mariadb-install-db --defaults-file="$dir/my.cnf" --user="$RUN_AS" --auth-root-authentication-method=socket >"$dir/install.log" 2>&1 ||
      die "mariadb-install-db failed for node$i; see $dir/install.log"
  fi
  /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" "$@" >>"$dir/stdout.log" 2>&1 &
  for _ in $(seq 1 120); do
    ping_node "$i" && [ "$(query "$i" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='wsrep_ready'" 2>/dev/null)" = ON ] && return
    sleep 0.5
  done
  tail -n 30 "$dir/error.log" >&2 || true
  die "node$i did not join the cluster; see $dir/error.log"
}

cluster_size() { query "$1" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='wsrep_cluster_size'" 2>/dev/null || echo 0; }

start() {
  install_missing
  mkdir -p "$GALERA_DIR"
  local running=0
  for i in 0 1 2; do ping_node "$i" && running=$((running + 1)); done
  if [ "$running" = 0 ]; then
    # No node is up (stopped, or killed with the machine): node0 bootstraps the cluster from its own data, and
    # the others rejoin from it, by a full copy if they were ahead. A test cluster: node0's data is good enough.
    local state="$(node_dir 0)/data/grastate.dat"
    [ -f "$state" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$state"
    log "bootstrapping node0 on 127.0.0.1:${SQL_PORTS[0]}"
    start_node 0 --wsrep-new-cluster
  fi
  for i in 0 1 2; do
    ping_node "$i" || {
      log "starting node$i on 127.0.0.1:${SQL_PORTS[$i]}"
      start_node "$i"
    }
  done
  [ "$(cluster_size 0)" = 3 ] || die "cluster size is $(cluster_size 0), not 3"
  query 0 "CREATE USER IF NOT EXISTS 'ft_test'@'127.0.0.1' IDENTIFIED BY 'ft_test';
           GRANT ALL PRIVILEGES ON *.* TO 'ft_test'@'127.0.0.1';
           CREATE DATABASE IF NOT EXISTS fulfillment_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  log "3 nodes up: 127.0.0.1:${SQL_PORTS[0]},127.0.0.1:${SQL_PORTS[1]},127.0.0.1:${SQL_PORTS[2]} (user ft_test, data in $GALERA_DIR)"
}

stop() {
  for i in 2 1 0; do
    ping_node "$i" || continue
    log "stopping node$i"
    mysqladmin --no-defaults -u"$ADMIN_USER" -S "$(sock "$i")" shutdown || true
  done
}

status() {
  for i in 0 1 2; do
    if ping_node "$i"; then
      echo "node$i 127.0.0.1:${SQL_PORTS[$i]} size=$(cluster_size "$i") state=$(query "$i" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='wsrep_local_state_comment'")"
    else
      echo "node$i 127.0.0.1:${SQL_PORTS[$i]} down"
    fi
  done
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
