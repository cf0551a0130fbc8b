#!/usr/bin/env bash
# Collectors on Kafka beside the embedded log, in one run: `bench ingest` against (1) a node on its
# own event log (`serve`), (2) one collector producing to Kafka (`serve --sink kafka`), (3) two
# collectors at once, each driven by its own `bench ingest` with half the events and connections.
# The broker is `marquee dev-kafka` in its own process; the collectors follow the control topic of an
# owning node (`serve --kafka`, with the write key), started once and idle during the runs. Prints each run's acked events/s and ack
# latency (p50, p99), and for two collectors the sum of the rates and the larger p99; with ROUNDS > 1
# the three take turns, round after round, so that the machine's noise falls on all of them.
#
# Usage: bench/collectors-kafka.sh [EVENTS] [ROUNDS] [CONNECTIONS]   (defaults 500000, 1, 8)
# Env:   TMPDIR, JAVA_OPTS (servers' JVM options, default -Xmx1g -XX:+UseG1GC), PARTITIONS (of the
#        events topic, default 8).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${1:-500000}"
ROUNDS="${2:-1}"
CONNECTIONS="${3:-8}"
PARTITIONS="${PARTITIONS:-8}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g -XX:+UseG1GC}"
JAR="$root/app/target/marquee.jar"
KJAR="$root/kafka-dev/target/marquee-kafka-dev.jar"
if [ ! -f "$JAR" ] || [ ! -f "$KJAR" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl app -am) >&2
fi

say() { echo "collectors-kafka [${SECONDS}s]: $*" >&2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/marquee-kafka-bench.XXXXXX")"
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
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

# await_health PORT PID LOG: until GET /health answers 200.
await_health() {
  local deadline=$((SECONDS + 300))
  until curl -fs "http://127.0.0.1:$1/health" >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { say "server on port $1 not healthy after 300 s"; cat "$3" >&2; exit 1; }
    sleep 0.2
  done
}

stop() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

KAFKA_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
java -Xmx1g -jar "$KJAR" --port "$KAFKA_PORT" --controller-port "$CONTROLLER_PORT" --dir "$WORK/kafka" \
  >"$WORK/kafka.log" 2>&1 &
PIDS+=($!)
deadline=$((SECONDS + 120))
until (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; do
  [ "$SECONDS" -lt "$deadline" ] || { say "dev-kafka did not start"; cat "$WORK/kafka.log" >&2; exit 1; }
  sleep 0.2
done
say "dev-kafka on 127.0.0.1:$KAFKA_PORT"
CONFIG="$WORK/collector.properties"
echo "kafka.topic-partitions=$PARTITIONS" >"$CONFIG"
KEY="bench-$RANDOM$RANDOM"

# serve NAME ARGS...: starts a node on a fresh port and data dir; sets PORT and PID.
serve() {
  local name="$1"
  shift
  PORT="$(free_port)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Djava.security.egd=file:/dev/./urandom -jar "$JAR" serve --data-dir "$WORK/$name" \
    --host 127.0.0.1 --port "$PORT" --write-key "$KEY" --config "$CONFIG" "$@" >"$WORK/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  await_health "$PORT" "$PID" "$WORK/$name.log"
}

# collector NAME: starts a collector (no data dir, no write key: the owner's, from the control
# topic) on a fresh port; sets PORT and PID.
collector() {
  local name="$1"
  PORT="$(free_port)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Djava.security.egd=file:/dev/./urandom -jar "$JAR" serve --sink kafka \
    --kafka "127.0.0.1:$KAFKA_PORT" --topic bench.events --host 127.0.0.1 --port "$PORT" --config "$CONFIG" \
    >"$WORK/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  await_health "$PORT" "$PID" "$WORK/$name.log"
}

serve owner --kafka "127.0.0.1:$KAFKA_PORT"
say "owning node (control topic) on port $PORT"

# ingest PORT EVENTS CONNECTIONS: the summary line of one `bench ingest`, as "rate p50 p99".
ingest() {
  java -Xmx512m -jar "$JAR" bench ingest --url "http://127.0.0.1:$1" --write-key "$KEY" --events "$2" \
    --connections "$3" | grep '^ingest:' \
    | sed -E 's/ingest: ([0-9]+) events\/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/'
}

echo "run round setup events/s p50_ms p99_ms" >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  serve "node-$round"
  line="$(ingest "$PORT" "$EVENTS" "$CONNECTIONS")"
  stop "$PID"
  say "round $round, embedded log: $line"
  echo "$round log $line" >>"$WORK/results"

  collector "collector-a-$round"
  line="$(ingest "$PORT" "$EVENTS" "$CONNECTIONS")"
  stop "$PID"
  say "round $round, one collector: $line"
  echo "$round kafka-1 $line" >>"$WORK/results"

  collector "collector-b-$round"
  PORT_B="$PORT" PID_B="$PID"
  collector "collector-c-$round"
  PORT_C="$PORT" PID_C="$PID"
  ingest "$PORT_B" $((EVENTS / 2)) $((CONNECTIONS / 2 > 0 ? CONNECTIONS / 2 : 1)) >"$WORK/b" &
  bench_b=$!
  ingest "$PORT_C" $((EVENTS / 2)) $((CONNECTIONS / 2 > 0 ? CONNECTIONS / 2 : 1)) >"$WORK/c"
  wait "$bench_b"
  stop "$PID_B"
  stop "$PID_C"
  read -r rb p50b p99b <"$WORK/b"
  read -r rc p50c p99c <"$WORK/c"
  line="$((rb + rc)) $(awk -v a="$p50b" -v b="$p50c" 'BEGIN{print (a>b?a:b)}') $(awk -v a="$p99b" -v b="$p99c" 'BEGIN{print (a>b?a:b)}')"
  say "round $round, two collectors: $line (each: $rb/s p99 $p99b ms; $rc/s p99 $p99c ms)"
  echo "$round kafka-2 $line" >>"$WORK/results"
done
column -t "$WORK/results"
