"""The FD-SqueezeNet statistics pipeline of `ganeval4j stats --extractor squeezenet --limit N` written in PyTorch:
IDX (or tar.gz of images) decode, antialiased bilinear resize to 224, /255, ImageNet normalisation, torchvision
squeezenet1_1().features (weights ../shared/assets/weights/squeezenet1_1-features.pth), mean over HxW, float64 mean
and covariance. Dev tool for timing only (never in CI). usage: /usr/bin/python3 stats_torch.py INPUT N THREADS [BATCH]"""
import sys, time, gzip, tarfile, io, json
t_start = time.perf_counter()
import numpy as np, torch, torchvision
import torch.nn.functional as F
from PIL import Image
path, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 32
torch.set_num_threads(threads)
rng = np.random.default_rng(0)
t0 = time.perf_counter()
if path.endswith('.tar.gz'):
    with tarfile.open(path, 'r:gz') as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.lower().endswith(('.png', '.jpg', '.jpeg'))]
        chosen = sorted(rng.choice(len(members), n, replace=False))
        imgs = [np.asarray(Image.open(io.BytesIO(tar.extractfile(members[i]).read())).convert('RGB')) for i in chosen]
    x = np.stack(imgs).transpose(0, 3, 1, 2)
else:
    with gzip.open(path) as f:
        raw = f.read()
    count, rows, cols = np.frombuffer(raw[4:16], '>i4')
    pix = np.frombuffer(raw[16:], np.uint8).reshape(count, 1, rows, cols)
    x = pix[sorted(rng.choice(count, n, replace=False))]
t_decode = time.perf_counter() - t0
m = torchvision.models.squeezenet1_1(weights=None)
sd = torch.load('/work/shared/assets/weights/squeezenet1_1-features.pth', map_location='cpu')
m.features.load_state_dict({k[len('features.'):]: v for k, v in sd.items()}, strict=True)
net = m.features.eval()
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
feats = []
t_net = 0.0
t0 = time.perf_counter()
with torch.no_grad():
    for i in range(0, len(x), batch):
        b = torch.from_numpy(np.ascontiguousarray(x[i:i + batch])).float()
        if b.shape[1] == 1:
            b = b.repeat(1, 3, 1, 1)
        b = F.interpolate(b, size=(224, 224), mode='bilinear', align_corners=False, antialias=True)
        b = (b / 255 - mean) / std
        t1 = time.perf_counter()
        f = net(b).mean(dim=(2, 3))
        t_net += time.perf_counter() - t1
        feats.append(f.double().numpy())
f = np.concatenate(feats)
mu, sigma = f.mean(0), np.cov(f, rowvar=False)
t_pipe = time.perf_counter() - t0
print(json.dumps({'images': len(f), 'threads': threads, 'decode_s': t_decode, 'pipeline_s': t_pipe, 'network_s': t_net,
                  'total_s': time.perf_counter() - t_start, 'img_per_s_end_to_end': len(f) / (time.perf_counter() - t_start),
                  'img_per_s_network': len(f) / t_net}))
