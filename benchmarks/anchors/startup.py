"""Start-up and end-to-end wall time of CLI commands (--help, inspect, fid on two d = 2048 statistics files),
interleaved between ways of running ganeval4j and pytorch-fid's route, min / median / max of N rounds. Dev tool, never in CI.
usage: python3 startup.py ROUNDS NAME=COMMAND... [--route]
  e.g. launcher=reference-stats/target/ganeval4j  jar='java -jar reference-stats/target/ganeval4j.jar'
WORK (default /tmp/spd) holds a.npz and b.npz; --route adds benchmarks/anchors/fid_route.py on them."""
import os, shlex, statistics, subprocess, sys, time
rounds = int(sys.argv[1])
runners = [a.split('=', 1) for a in sys.argv[2:] if not a.startswith('--')]
route = '--route' in sys.argv
work = os.environ.get('WORK', '/tmp/spd')
here = os.path.dirname(os.path.abspath(__file__))
a, b = os.path.join(work, 'a.npz'), os.path.join(work, 'b.npz')
env = dict(os.environ, GANEVAL4J_OFFLINE='1')
cmds = [('--help', ['--help']), ('inspect', ['inspect', a]), ('fid npz', ['fid', a, b])]
res = {}
def run(key, argv):
    t = time.perf_counter(); p = subprocess.run(argv, capture_output=True, env=env); dt = time.perf_counter() - t
    if p.returncode != 0:
        print(key, 'failed', p.stderr.decode()[-300:], file=sys.stderr)
    res.setdefault(key, []).append(dt)
for r in range(rounds):
    for name, args in cmds:
        for runner, command in runners:
            run((name, runner), shlex.split(command) + args)
        if route and name == 'fid npz':
            run((name, 'pytorch-fid route'), ['/usr/bin/python3', os.path.join(here, 'fid_route.py'), a, b])
for k, v in res.items():
    print('%-8s %-18s min %.2f  median %.2f  max %.2f s  (n=%d)' % (k[0], k[1], min(v), statistics.median(v), max(v), len(v)))
print('load', open('/proc/loadavg').read().split()[:3])
