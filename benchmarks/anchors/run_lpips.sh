#!/bin/bash
# interleaved LPIPS pairs/s: lpips (torch, 2 threads) vs ganeval4j jars given as args; dev tool
export GANEVAL4J_ASSETS=/work/shared/assets GANEVAL4J_OFFLINE=1
ROUNDS=${ROUNDS:-3}
for r in $(seq $ROUNDS); do
for n in alex squeeze; do for s in ${SIZES:-64 256}; do
  p=32; [ $s -ge 256 ] && p=16
  t=$(cd /tmp && /usr/bin/python3 /tmp/spd/anchors/lpips_bench.py $n $s $p 5 2 2>/dev/null | python3 -c "import json,sys; print('%.1f' % json.load(sys.stdin)['pairs_per_s'])")
  line="round $r $n $s torch=$t"
  for j in "$@"; do v=$(java -jar $j/ganeval4j.jar bench lpips --net $n --size $s --pairs $p --repeat 5 2>/dev/null); line="$line $(basename $j)=$(printf %.1f $v)"; done
  echo "$line load=$(cut -d' ' -f1 /proc/loadavg)"
done; done; done
