#!/usr/bin/env bash
# Makes sure the real services the test suite talks to are there: a MariaDB
# server with a test user, a 3-node Galera cluster, and Debian's Chromium for the browser tests.
# Idempotent; installs with apt-get only what is missing (needs root).
set -euo pipefail

log() { echo "[services] $*"; }
apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "[services] $* is missing and installing it needs root: run 'sudo apt-get install -y $*' (or point TEST_MYSQL_URL at a MariaDB/MySQL you have)." >&2
    exit 1
  fi
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  log "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ping_db() { mysqladmin ping --silent >/dev/null 2>&1 || mysqladmin -h127.0.0.1 -uroot ping --silent >/dev/null 2>&1; }

if [ -n "${TEST_MYSQL_URL:-}" ]; then
  log "using TEST_MYSQL_URL as given"
else
  if ! ping_db; then
    [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server mariadb-client
    log "starting MariaDB"
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
    start-stop-daemon --start --oknodo --background --chuid mysql --exec /usr/sbin/mariadbd -- --user=mysql
    for _ in $(seq 1 60); do ping_db && break; sleep 0.5; done
    ping_db || { echo "[services] MariaDB did not start; see /var/log/mysql or run /usr/sbin/mariadbd by hand" >&2; exit 1; }
  fi
  # A password user for TCP: a fresh Debian root only accepts the unix socket.
  sql="CREATE USER IF NOT EXISTS 'ft_test'@'127.0.0.1' IDENTIFIED BY 'ft_test';
       CREATE USER IF NOT EXISTS 'ft_test'@'localhost' IDENTIFIED BY 'ft_test';
       GRANT ALL PRIVILEGES ON *.* TO 'ft_test'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO 'ft_test'@'localhost';
       CREATE DATABASE IF NOT EXISTS fulfillment_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  mysql -uroot -e "$sql" 2>/dev/null || mysql -h127.0.0.1 -uroot -e "$sql"
  log "MariaDB is up (test user ft_test on 127.0.0.1:3306, database fulfillment_test)"
fi

# Three Galera nodes on 127.0.0.1:3311-3313 for the multi-writer suite (test/*.galera.test.ts).
if [ -n "${TEST_GALERA_URLS:-}" ]; then
  log "using TEST_GALERA_URLS as given"
else
  bash "$(dirname "$0")/galera-cluster.sh" start
fi

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
log "Chromium: ${CHROMIUM_PATH:-/usr/bin/chromium}"
