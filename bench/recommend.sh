#!/usr/bin/env bash
# The serving target of docs/recommendations.md, side by side in one run: top-20 lists for a random
# model of 100,000 titles x 1,000,000 users x 64 factors, over HTTP on this machine, with the G1
# and Parallel collectors at 2 and 4 connections; then, if a data dir with a trained model set is
# given, the same against it, with the retrieval-vs-whole-catalog comparison.
#   bench/recommend.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${REQUESTS:-30000}
for gc in ParallelGC G1GC; do
  for connections in 2 4; do
    echo "== synthetic 100k x 1M x 64, -XX:+Use$gc, $connections connections"
    MARQUEE_JAVA_OPTS="-Xmx6g -XX:+Use$gc" ./marquee bench recommend --synthetic-items 100000 \
      --synthetic-users 1000000 --factors 64 --requests "$requests" --connections "$connections" \
      --compare-users "$([ "$gc$connections" = ParallelGC2 ] && echo 1000 || echo 0)" 2>&1 \
      | grep -v ' INFO '
  done
done
if [ $# -ge 1 ]; then
  for gc in ParallelGC G1GC; do
    echo "== model set of $1, -XX:+Use$gc, 2 connections"
    MARQUEE_JAVA_OPTS="-Xmx4g -XX:+Use$gc" ./marquee bench recommend --model-dir "$1" \
      --requests "$requests" --connections 2 --compare-users "$([ $gc = ParallelGC ] && echo 1000 || echo 0)" 2>&1 \
      | grep -v ' INFO '
  done
fi
