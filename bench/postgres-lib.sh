# Shared by the PostgreSQL side-by-side benchmarks (source it): a throwaway PostgreSQL cluster of
# Debian's package on 127.0.0.1, run as the postgres user when we are root, a free-port helper, and
# the scratch directory with its cleanup (`bench_workdir PREFIX`: sets WORK, and on exit stops the
# Marquee server whose pid is in SERVER_PID, stops PostgreSQL and removes WORK).
# Sets PGBIN, PGDATA, PG_PORT and the psql command line PSQL (an array).

say() { echo "${SAY_PREFIX:-bench} [${SECONDS}s]: $*" >&2; }

pg_install() {
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    say "installing PostgreSQL from Debian packages"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  PGBIN="$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
}

# Runs a PostgreSQL server binary as the postgres user when we are root (it refuses to run as root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$WORK/pg" && runuser -u postgres -- "$@")
  else
    (cd "$WORK/pg" && "$@")
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing is listening on.
free_port() {
  local port _
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  say "no free port found"
  return 1
}

# Starts a new cluster under $WORK/pg with the extra server options given (e.g. -c shared_buffers=1GB).
pg_start() {
  PGDATA="$WORK/pg/data"
  mkdir -p "$WORK/pg"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 711 "$WORK" # postgres may pass through to its own directory, and read nothing else
    chown postgres: "$WORK/pg"
  fi
  PG_PORT="$(free_port)"
  say "throwaway PostgreSQL cluster ($("$PGBIN/postgres" --version)) on 127.0.0.1:$PG_PORT"
  as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; return 1; }
  local opts="-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='$WORK/pg' $*"
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/server.log" -w -t 120 -o "$opts" start \
    >/dev/null || { cat "$WORK/pg/server.log" >&2; return 1; }
  PG_STARTED=1
  PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
}

pg_stop() {
  if [ -n "${PG_STARTED:-}" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
    PG_STARTED=""
  fi
}

# Makes the scratch directory WORK (named after PREFIX) and arranges for everything started in it to
# be stopped and removed on exit, interrupt or termination.
bench_workdir() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  PG_STARTED=""
  SERVER_PID=""
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  pg_stop
  rm -rf "$WORK"
  exit "$rc"
}
