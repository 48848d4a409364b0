"""LPIPS pairs/s with the lpips package (richzhang/PerceptualSimilarity, fetched to /tmp/anch/lpips),
real v0.1 heads from ../shared/assets/weights/lpips and the torchvision trunk weights
../shared/assets/weights/*-features.pth loaded into torchvision models. Dev tool, never in CI.
usage: /usr/bin/python3 lpips_bench.py NET SIZE PAIRS REPEAT THREADS"""
import sys, time, json
sys.path.insert(0, '/tmp/anch/lpips')
import torch, torchvision
W = '/work/shared/assets/weights/'
_alex, _sq = torchvision.models.alexnet, torchvision.models.squeezenet1_1
def _load(ctor, f):
    def make(*a, **k):
        m = ctor(weights=None)
        sd = torch.load(W + f, map_location='cpu')
        m.features.load_state_dict({k[len('features.'):]: v for k, v in sd.items()}, strict=True)
        return m
    return make
torchvision.models.alexnet = _load(_alex, 'alexnet-features.pth')
torchvision.models.squeezenet1_1 = _load(_sq, 'squeezenet1_1-features.pth')
import lpips
net, size, pairs, repeat, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
m = lpips.LPIPS(net=net, version='0.1', pretrained=True, model_path=W + 'lpips/v0.1/%s.pth' % net, verbose=False).eval()
g = torch.Generator().manual_seed(1)
a = torch.randint(0, 256, (pairs, 3, size, size), generator=g).float() / 127.5 - 1
b = torch.randint(0, 256, (pairs, 3, size, size), generator=g).float() / 127.5 - 1
with torch.no_grad():
    m(a, b)
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter(); m(a, b); ts.append(time.perf_counter() - t0)
ts.sort()
print(json.dumps({'net': net, 'size': size, 'pairs': pairs, 'threads': threads, 'pairs_per_s': pairs / ts[len(ts) // 2],
                  'best_pairs_per_s': pairs / ts[0], 'torch': torch.__version__}))
