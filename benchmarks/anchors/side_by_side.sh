#!/bin/bash
# Issue 16 side-by-side benchmarks (dev tool): ganeval4j before (/tmp/spd/before) and now (/tmp/spd/now) vs the anchors
export GANEVAL4J_ASSETS=/work/shared/assets GANEVAL4J_OFFLINE=1
cd /tmp
echo "== load $(cat /proc/loadavg)"
echo "== 1. start-up and fid end to end (5 rounds interleaved)"
python3 /tmp/spd/anchors/startup.py 5 /tmp/spd/before /tmp/spd/now --route
echo "== 2. 48 images at 299², FID Inception (random weights, real layout), end to end"
for r in 1 2 3; do
  rm -f /tmp/spd/pf.npz; s=$(date +%s.%N); /usr/bin/python3 /tmp/spd/anchors/pytorch_fid_save_stats.py /tmp/spd/img48 /tmp/spd/pf.npz >/dev/null 2>&1; e=$(date +%s.%N); pf=$(echo "$e - $s" | bc)
  line="round $r pytorch-fid --save-stats ${pf}s"
  for j in before now; do
    s=$(date +%s.%N); java -jar /tmp/spd/$j/ganeval4j.jar stats /tmp/spd/img48 -o /tmp/spd/g48-$j.npz --weights /work/shared/testdata/fid-inception-random.pth >/dev/null 2>&1; e=$(date +%s.%N)
    s2=$(date +%s.%N); java -jar /tmp/spd/$j/ganeval4j.jar features /tmp/spd/img48 -o /tmp/spd/f48-$j.npz --weights /work/shared/testdata/fid-inception-random.pth >/dev/null 2>&1; e2=$(date +%s.%N)
    line="$line | $j stats $(echo "$e - $s" | bc)s features $(echo "$e2 - $s2" | bc)s"
  done
  echo "$line load=$(cut -d' ' -f1 /proc/loadavg)"
done
echo "== 3. LPIPS pairs/s"
ROUNDS=2 bash /tmp/spd/anchors/run_lpips.sh /tmp/spd/before /tmp/spd/now
echo "== load $(cat /proc/loadavg)"
