#!/usr/bin/env bash
# Compares Marquee's durable ingest rate with PostgreSQL bulk-loading the same events, on this
# machine and disk:
#   1. a throwaway PostgreSQL cluster (127.0.0.1 only, fsync and synchronous_commit on) times
#      \copy of a CSV written by `marquee bench events` into a typed table keyed by message_id;
#   2. a throwaway `marquee serve` takes the same number of events from `marquee bench ingest`
#      (Segment batches over HTTP, each acked only once durable).
# Prints `postgres COPY: X rows/s`, `marquee ingest: Y events/s` and `ratio marquee/postgres: R`.
# PostgreSQL is stopped before Marquee starts, so the two never share the machine.
#
# Usage: bench/compare-postgres.sh [EVENTS]        (default 1000000)
# Env:   MARQUEE=path/to/launcher (default ./marquee), TMPDIR for the throwaway directories.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${1:-1000000}"
MARQUEE="${MARQUEE:-./marquee}"
if ! [[ "$EVENTS" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [EVENTS]   (EVENTS a positive integer, default 1000000)" >&2
  exit 2
fi

SAY_PREFIX=compare-postgres
# shellcheck source=bench/postgres-lib.sh
source "bench/postgres-lib.sh"
pg_install

bench_workdir marquee-compare

# --- PostgreSQL -------------------------------------------------------------------------------
pg_start -c fsync=on -c synchronous_commit=on

"${PSQL[@]}" <<'SQL'
CREATE TABLE events (
  message_id   text        PRIMARY KEY,
  type         text        NOT NULL,
  event        text        NOT NULL,
  user_id      text        NOT NULL,
  "timestamp"  timestamptz NOT NULL,
  session_id   text        NOT NULL,
  asset_id     text        NOT NULL,
  media_type   text        NOT NULL,
  position     integer     NOT NULL,
  total_length integer     NOT NULL,
  context      jsonb       NOT NULL
);
SQL

CSV="$WORK/events.csv"
say "writing $EVENTS events to CSV"
"$MARQUEE" bench events --events "$EVENTS" --format csv --out "$CSV" >&2

say "timing \\copy of $EVENTS rows (synchronous_commit on)"
start_ns="$(date +%s%N)"
"${PSQL[@]}" -c "\\copy events FROM '$CSV' WITH (FORMAT csv, HEADER)"
end_ns="$(date +%s%N)"
rows="$("${PSQL[@]}" -A -t -c "SELECT count(*) FROM events")"
if [ "$rows" != "$EVENTS" ]; then
  say "expected $EVENTS rows after COPY, found $rows"
  exit 1
fi
copy_ns=$((end_ns - start_ns))
pg_rate="$(awk -v n="$EVENTS" -v ns="$copy_ns" 'BEGIN { printf "%.0f", n / (ns / 1e9) }')"
say "COPY took $(awk -v ns="$copy_ns" 'BEGIN { printf "%.3f", ns / 1e9 }') s"

# Stop PostgreSQL now so its background writes do not compete with Marquee for the disk and CPU.
pg_stop
rm -f "$CSV"

# --- Marquee ----------------------------------------------------------------------------------
M_PORT="$(free_port)"
KEY="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')"
say "starting marquee serve on 127.0.0.1:$M_PORT"
"$MARQUEE" serve --data-dir "$WORK/marquee" --host 127.0.0.1 --port "$M_PORT" \
  --write-key "$KEY" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!

deadline=$((SECONDS + 180))
until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$M_PORT/health" 2>/dev/null; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    say "marquee serve exited before it was healthy:"
    tail -n 40 "$WORK/serve.log" >&2
    SERVER_PID=""
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "marquee serve not healthy after 180 s:"
    tail -n 40 "$WORK/serve.log" >&2
    exit 1
  fi
  sleep 0.1
done

say "running bench ingest of $EVENTS events"
set +e
"$MARQUEE" bench ingest --url "http://127.0.0.1:$M_PORT" --write-key "$KEY" --events "$EVENTS" \
  | tee "$WORK/ingest.out" >&2
ingest_rc=${PIPESTATUS[0]}
set -e

say "stopping marquee serve (SIGTERM)"
kill -TERM "$SERVER_PID"
serve_rc=0
wait "$SERVER_PID" || serve_rc=$?
SERVER_PID=""
if [ "$serve_rc" -ne 0 ]; then
  say "marquee serve exited with status $serve_rc after SIGTERM (expected 0):"
  tail -n 20 "$WORK/serve.log" >&2
fi
if [ "$ingest_rc" -ne 0 ]; then
  say "bench ingest failed (exit $ingest_rc)"
  exit 1
fi

m_rate="$(sed -n 's/^ingest: \([0-9.]*\) events\/s.*/\1/p' "$WORK/ingest.out")"
if [ -z "$m_rate" ]; then
  say "no 'ingest:' summary line in the bench output"
  exit 1
fi

echo "postgres COPY: $pg_rate rows/s"
echo "marquee ingest: $m_rate events/s"
ratio="$(awk -v m="$m_rate" -v p="$pg_rate" 'BEGIN { printf "%.2f", m / p }')"
echo "ratio marquee/postgres: $ratio"
