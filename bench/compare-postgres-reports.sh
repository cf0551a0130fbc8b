#!/usr/bin/env bash
# Runs the content reports of a Marquee store beside PostgreSQL 15 computing the same figures from
# the same rows, on this machine:
#   1. exports views, titles, profiles (no personal data: ids, age bracket, gender, country) and
#      title_actions from the store (`marquee sql`, offline) and loads them into a throwaway
#      PostgreSQL cluster on 127.0.0.1, with the indexes a careful user would add (per title and
#      start time, per viewer, per user) and ANALYZE;
#   2. serves the store (`marquee serve`) and runs `marquee bench reports-postgres`: for TITLES titles
#      drawn with a fixed seed, the node's title report and PostgreSQL's statements for the same
#      figures, one at a time after a warm-up pass, then the titles list; every figure checked equal
#      (floats within 1e-9 relative), both times and the ratio printed per report.
# Both run on the machine at once but are measured one request at a time, alternately.
#
# Usage: bench/compare-postgres-reports.sh DATA_DIR MASTER_KEY_FILE FROM TO [TITLES]
#        e.g. the demo store: ./marquee demo --users 100000 --end 2026-11-01 --no-serve --data-dir /tmp/demo100k
#             bench/compare-postgres-reports.sh /tmp/demo100k /tmp/demo100k.master-key 2026-10-04 2026-10-31
# Env:   MARQUEE=path/to/launcher (default ./marquee), TMPDIR for the throwaway directories.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 4 ]; then
  echo "usage: $0 DATA_DIR MASTER_KEY_FILE FROM TO [TITLES]" >&2
  exit 2
fi
DATA="$1"
MASTER="$2"
FROM="$3"
TO="$4"
TITLES="${5:-200}"
MARQUEE="${MARQUEE:-./marquee}"

SAY_PREFIX=compare-postgres-reports
# shellcheck source=bench/postgres-lib.sh
source "bench/postgres-lib.sh"
pg_install

bench_workdir marquee-reports

say "exporting views, titles, profiles and title_actions from $DATA"
sql() { "$MARQUEE" sql --data-dir "$DATA" "$1" >"$WORK/$2.csv"; }
sql "SELECT view_id, session_id, user_id, anonymous_id, asset_id, media_type, started_at, ended_at, watch_seconds,
       max_position, total_length, completed, runtime_s, coverage, intro, closed, heartbeat_s FROM views" views
sql "SELECT asset_id, kind, series_id, season, episode, CAST(to_json(genres) AS VARCHAR) AS genres, runtime_s,
       media_type, artist FROM titles" titles
sql "SELECT user_id, age_bracket, gender, country, first_seen, last_seen FROM profiles" profiles
sql "SELECT log_pos, user_id, anonymous_id, asset_id, action, rating, timestamp FROM title_actions" title_actions
KEY="$("$MARQUEE" keys create --data-dir "$DATA" --role analyst | tail -n 1)"

pg_start -c shared_buffers=1GB -c work_mem=64MB -c effective_cache_size=4GB -c max_parallel_workers_per_gather=2
say "loading PostgreSQL"
"${PSQL[@]}" <<SQL
CREATE TABLE views (view_id text NOT NULL, session_id text NOT NULL, user_id text, anonymous_id text,
  asset_id text NOT NULL, media_type text, started_at timestamp, ended_at timestamp,
  watch_seconds double precision, max_position double precision, total_length double precision,
  completed boolean, runtime_s double precision, coverage integer, intro boolean, closed boolean,
  heartbeat_s double precision,
  viewer text GENERATED ALWAYS AS (coalesce(user_id, anonymous_id)) STORED);
CREATE TABLE titles (asset_id text PRIMARY KEY, kind text, series_id text, season integer, episode integer,
  genres jsonb, runtime_s integer, media_type text, artist text);
CREATE TABLE profiles (user_id text PRIMARY KEY, age_bracket text, gender text, country text,
  first_seen timestamp, last_seen timestamp);
CREATE TABLE title_actions (log_pos bigint, user_id text, anonymous_id text, asset_id text NOT NULL,
  action text NOT NULL, rating double precision, "timestamp" timestamp NOT NULL);
\copy views (view_id, session_id, user_id, anonymous_id, asset_id, media_type, started_at, ended_at, watch_seconds, max_position, total_length, completed, runtime_s, coverage, intro, closed, heartbeat_s) FROM '$WORK/views.csv' WITH (FORMAT csv, HEADER)
\copy titles FROM '$WORK/titles.csv' WITH (FORMAT csv, HEADER)
\copy profiles FROM '$WORK/profiles.csv' WITH (FORMAT csv, HEADER)
\copy title_actions FROM '$WORK/title_actions.csv' WITH (FORMAT csv, HEADER)
CREATE INDEX views_asset_started ON views (asset_id, started_at) INCLUDE (watch_seconds, viewer, user_id);
CREATE INDEX views_viewer_started ON views (viewer, started_at) INCLUDE (asset_id, watch_seconds);
CREATE INDEX views_started ON views (started_at) INCLUDE (asset_id, watch_seconds, viewer, completed);
CREATE INDEX title_actions_asset ON title_actions (asset_id, action, "timestamp");
VACUUM ANALYZE;
SQL
rm -f "$WORK"/*.csv
say "PostgreSQL holds $("${PSQL[@]}" -A -t -c "SELECT count(*) FROM views") views"

PORT="$(free_port)"
say "serving $DATA on 127.0.0.1:$PORT"
"$MARQUEE" serve --data-dir "$DATA" --master-key-file "$MASTER" --host 127.0.0.1 --port "$PORT" \
  >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
deadline=$((SECONDS + 600))
until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/health" 2>/dev/null; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    say "marquee serve did not become healthy:"
    tail -n 40 "$WORK/serve.log" >&2
    exit 1
  fi
  sleep 0.2
done

"$MARQUEE" bench reports-postgres --url "http://127.0.0.1:$PORT" --api-key "$KEY" \
  --postgres "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" \
  --from "$FROM" --to "$TO" --titles "$TITLES"
