#!/bin/bash
# Interleaved LPIPS pairs/s: the lpips package (torch, 2 threads) against ganeval4j run by each command given
# (e.g. reference-stats/target/ganeval4j, or 'java -jar old/ganeval4j.jar'), `bench lpips` with its default
# 1-second warm-up. Dev tool, never in CI. usage: ROUNDS=2 SIZES='64 256' run_lpips.sh COMMAND...
here=$(cd "$(dirname "$0")" && pwd)
export GANEVAL4J_OFFLINE=1
ROUNDS=${ROUNDS:-3}
for r in $(seq "$ROUNDS"); do
for n in alex squeeze; do for s in ${SIZES:-64 256}; do
  p=32; [ "$s" -ge 256 ] && p=16
  t=$(/usr/bin/python3 "$here/lpips_bench.py" $n $s $p 5 2 2>/dev/null | python3 -c "import json,sys; print('%.1f' % json.load(sys.stdin)['pairs_per_s'])")
  line="round $r $n ${s}² lpips=$t"
  i=0
  for c in "$@"; do
    i=$((i + 1))
    v=$($c bench lpips --net $n --size $s --pairs $p --repeat 5 2>/dev/null)
    line="$line ganeval4j[$i]=$(printf %.1f "$v")"
  done
  echo "$line load=$(cut -d' ' -f1 /proc/loadavg)"
done; done; done
