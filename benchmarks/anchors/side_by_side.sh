#!/bin/bash
# Issue 16 side-by-side benchmarks (dev tool, never in CI), interleaved in one run on one machine, end to end as
# a user runs each command: ganeval4j as built here (the launcher reference-stats/target/ganeval4j and `java -jar`)
# and optionally an older build (BEFORE = a folder with ganeval4j.jar and lib/) against the Python anchors.
# Needs /usr/bin/python3 with torch and torchvision, and the sources of pytorch-fid (mseitzer/pytorch-fid) and lpips
# (richzhang/PerceptualSimilarity) in /tmp/anch; WORK (default /tmp/spd) holds a.npz and b.npz (d = 2048, full rank)
# and img48/ (48 PNGs, 299²). GANEVAL4J_ASSETS must name the assets (the weights). SECTIONS picks parts (default
# "1 2 3"), ROUNDS and LPIPS_ROUNDS the rounds.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${WORK:-/tmp/spd}
launcher=$repo/reference-stats/target/ganeval4j
jar="java -jar $repo/reference-stats/target/ganeval4j.jar"
runners=("launcher=$launcher" "jar=$jar")
[ -n "${BEFORE:-}" ] && runners+=("before=java -jar $BEFORE/ganeval4j.jar")
weights=$repo/../shared/testdata/fid-inception-random.pth
echo "== load $(cat /proc/loadavg)"
sections=" ${SECTIONS:-1 2 3} "
if [[ $sections == *" 1 "* ]]; then
echo "== 1. start-up and fid end to end"
WORK=$work python3 "$here/startup.py" "${ROUNDS:-5}" "${runners[@]}" --route
fi
if [[ $sections == *" 2 "* ]]; then
echo "== 2. 48 images at 299², FID Inception (random weights, real layout), end to end"
for r in 1 2 3; do
  rm -f "$work/pf.npz"  # pytorch-fid refuses to overwrite
  s=$(date +%s.%N); /usr/bin/python3 "$here/pytorch_fid_save_stats.py" "$work/img48" "$work/pf.npz" >/dev/null 2>&1; e=$(date +%s.%N)
  line="round $r pytorch-fid --save-stats $(echo "$e - $s" | bc)s"
  for entry in "${runners[@]}"; do
    name=${entry%%=*}; cmd=${entry#*=}
    s=$(date +%s.%N); $cmd stats "$work/img48" -o "$work/g48-$name.npz" --weights "$weights" >/dev/null 2>&1; e=$(date +%s.%N)
    s2=$(date +%s.%N); $cmd features "$work/img48" -o "$work/f48-$name.npz" --weights "$weights" >/dev/null 2>&1; e2=$(date +%s.%N)
    line="$line | $name stats $(echo "$e - $s" | bc)s features $(echo "$e2 - $s2" | bc)s"
  done
  echo "$line load=$(cut -d' ' -f1 /proc/loadavg)"
done
fi
if [[ $sections == *" 3 "* ]]; then
echo "== 3. LPIPS pairs/s (ganeval4j[1] = the launcher, [2] = java -jar, [3] = BEFORE)"
cmds=()
for entry in "${runners[@]}"; do cmds+=("${entry#*=}"); done
ROUNDS=${LPIPS_ROUNDS:-2} bash "$here/run_lpips.sh" "${cmds[@]}"
fi
echo "== load $(cat /proc/loadavg)"
