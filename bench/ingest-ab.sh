#!/usr/bin/env bash
# Side-by-side ingest of two builds of Marquee in one run, for before/after comparisons on a shared,
# noisy machine: the servers take turns (A B, then B A, ...), each on a fresh data dir (or a fresh
# copy of a seed data dir), always driven by the same client (build B's `bench ingest`), and the
# script prints every run, the median of each side and the ratio B/A of the medians.
#
# Usage: bench/ingest-ab.sh JAR_A JAR_B [EVENTS] [ROUNDS] [CONNECTIONS]
#          (defaults: 1000000 events, 3 rounds, 8 connections)
# Env:   SEED_DIR=data dir to copy for each run (e.g. a 100,000-user demo), TMPDIR, JAVA_OPTS
#        (server JVM options, default the launcher's -Xmx1g -XX:+UseG1GC).
# Example (the baseline built from an older commit in another worktree):
#   git worktree add /tmp/base <commit> && (cd /tmp/base && ./mvnw -q -B -DskipTests package)
#   bench/ingest-ab.sh /tmp/base/app/target/marquee.jar app/target/marquee.jar 1000000 3
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 JAR_A JAR_B [EVENTS] [ROUNDS] [CONNECTIONS]" >&2
  exit 2
fi
JAR_A="$(realpath "$1")"
JAR_B="$(realpath "$2")"
EVENTS="${3:-1000000}"
ROUNDS="${4:-3}"
CONNECTIONS="${5:-8}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g -XX:+UseG1GC}"
for jar in "$JAR_A" "$JAR_B"; do
  [ -f "$jar" ] || { echo "$0: no jar at $jar" >&2; exit 2; }
done

say() { echo "ingest-ab [${SECONDS}s]: $*" >&2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/marquee-ab.XXXXXX")"
SERVER_PID=""
cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# run LABEL JAR: one server run; appends "LABEL rate p50 p99" to $WORK/results.
run() {
  local label="$1" jar="$2" dir="$WORK/data-$1-$RANDOM" port key line
  if [ -n "${SEED_DIR:-}" ]; then
    cp -a "$SEED_DIR" "$dir"
    rm -f "$dir/marquee.lock"
  fi
  port="$(free_port)"
  key="bench-$RANDOM$RANDOM"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Djava.security.egd=file:/dev/./urandom -jar "$jar" serve --data-dir "$dir" \
    --host 127.0.0.1 --port "$port" --write-key "$key" >"$WORK/serve-$label.log" 2>&1 &
  SERVER_PID=$!
  local deadline=$((SECONDS + 600))
  until curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve-$label.log" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { say "server $label did not start"; exit 1; }
    sleep 0.2
  done
  line="$(java -Xmx1g -jar "$JAR_B" bench ingest --url "http://127.0.0.1:$port" --write-key "$key" \
    --events "$EVENTS" --connections "$CONNECTIONS" | grep '^ingest:')"
  say "$label: $line"
  echo "$label $(echo "$line" | sed -E 's/ingest: ([0-9]+) events\/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/')" \
    >>"$WORK/results"
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
  rm -rf "$dir"
}

say "A=$JAR_A"
say "B=$JAR_B"
say "$EVENTS events x $ROUNDS rounds, $CONNECTIONS connections, server JVM: $JAVA_OPTS"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then run A "$JAR_A"; run B "$JAR_B"; else run B "$JAR_B"; run A "$JAR_A"; fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "run events/s p50_ms p99_ms"
cat "$WORK/results"
for side in A B; do
  rate="$(awk -v s="$side" '$1 == s { print $2 }' "$WORK/results" | median)"
  p99="$(awk -v s="$side" '$1 == s { print $4 }' "$WORK/results" | median)"
  echo "median $side: $rate events/s, p99 $p99 ms"
  eval "RATE_$side=$rate"
done
awk -v a="$RATE_A" -v b="$RATE_B" 'BEGIN { printf "ratio B/A (median events/s): %.3f\n", b / a }'
