"""Start-up and end-to-end wall time of CLI commands, interleaved between jars (and the pytorch-fid route), min and
median of N rounds. Dev tool. usage: python3 startup.py ROUNDS JAR_DIR... [--route]"""
import subprocess, sys, time, statistics, os
rounds = int(sys.argv[1]); jars = [a for a in sys.argv[2:] if not a.startswith('--')]
route = '--route' in sys.argv
env = dict(os.environ, GANEVAL4J_ASSETS='/work/shared/assets', GANEVAL4J_OFFLINE='1')
cmds = [('--help', ['--help']), ('inspect', ['inspect', '/tmp/spd/a.npz']), ('fid npz', ['fid', '/tmp/spd/a.npz', '/tmp/spd/b.npz'])]
extra = [a for a in sys.argv if a.startswith('--jvm=')]
jvm = extra[0][6:].split() if extra else []
res = {}
def run(key, argv):
    t = time.perf_counter(); p = subprocess.run(argv, capture_output=True, env=env); dt = time.perf_counter() - t
    if p.returncode != 0: print(key, 'failed', p.stderr.decode()[-300:], file=sys.stderr)
    res.setdefault(key, []).append(dt)
for r in range(rounds):
    for name, args in cmds:
        for j in jars:
            run((name, os.path.basename(j)), ['java'] + jvm + ['-jar', j + '/ganeval4j.jar'] + args)
        if route and name == 'fid npz':
            run((name, 'pytorch-fid route'), ['/usr/bin/python3', '/tmp/spd/anchors/fid_route.py', '/tmp/spd/a.npz', '/tmp/spd/b.npz'])
for k, v in res.items():
    print('%-10s %-20s min %.2f s  median %.2f s  (n=%d)' % (k[0], k[1], min(v), statistics.median(v), len(v)))
print('load', open('/proc/loadavg').read().split()[:3])
