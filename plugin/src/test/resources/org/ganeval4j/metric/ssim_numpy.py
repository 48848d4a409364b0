"""An independent NumPy/SciPy reading of torchmetrics 1.9.0's SSIM, MS-SSIM and PSNR, for
org.ganeval4j.metric.PixelMetricsTest: full 2-D windows (scipy.ndimage.correlate, not separable),
numpy's reflection padding, per-image float64.

usage: ssim_numpy.py A.npy B.npy CASES.json  ->  prints {"<case name>": [value per pair], ...}
A case: {"name", "metric": "ssim"|"ms_ssim"|"psnr", "data_range", "gaussian", "sigma", "kernel_size",
"k1", "k2", "betas", "normalize": null|"relu"|"simple"}.
"""
import json
import sys

import numpy as np
from scipy.ndimage import correlate


def window(c):
    if c["gaussian"]:
        size = int(3.5 * c["sigma"] + 0.5) * 2 + 1
        d = np.arange((1 - size) / 2, (1 + size) / 2, 1.0)
        g = np.exp(-((d / c["sigma"]) ** 2) / 2)
        g = g / g.sum()
        return np.outer(g, g)
    k = c["kernel_size"]
    return np.ones((k, k)) / (k * k)


def sim_cs(x, y, c):
    w = window(c)
    p = (w.shape[0] - 1) // 2
    c1 = (c["k1"] * c["data_range"]) ** 2
    c2 = (c["k2"] * c["data_range"]) ** 2

    def f(z):
        z = np.pad(z, ((0, 0), (p, p), (p, p)), mode="reflect")
        out = np.stack([correlate(ch, w, mode="constant") for ch in z])
        return out[:, p:out.shape[1] - p, p:out.shape[2] - p]

    mx, my, xx, yy, xy = f(x), f(y), f(x * x), f(y * y), f(x * y)
    vx = np.maximum(xx - mx * mx, 0)
    vy = np.maximum(yy - my * my, 0)
    upper = 2 * (xy - mx * my) + c2
    lower = vx + vy + c2
    ssim_map = ((2 * mx * my + c1) * upper) / ((mx * mx + my * my + c1) * lower)
    cs_map = (upper / lower)[:, p:ssim_map.shape[1] - p, p:ssim_map.shape[2] - p]
    return ssim_map.mean(), (cs_map.mean() if cs_map.size else float("nan"))


def pool(z):
    ch, h, w = z.shape
    z = z[:, : h // 2 * 2, : w // 2 * 2]
    return z.reshape(ch, h // 2, 2, w // 2, 2).mean(axis=(2, 4))


def ms_ssim(x, y, c):
    betas = np.array(c["betas"], dtype=np.float32).astype(np.float64)
    terms = []
    for _ in betas:
        s, cs = sim_cs(x, y, c)
        if c["normalize"] == "relu":
            s, cs = max(s, 0.0), max(cs, 0.0)
        terms.append(cs)
        x, y = pool(x), pool(y)
    terms[-1] = s
    t = np.array(terms)
    if c["normalize"] == "simple":
        t = (t + 1) / 2
    with np.errstate(invalid="ignore"):
        powered = t ** betas
    # ganeval4j's documented choice where torchmetrics gives NaN (negative base, fractional beta): 0
    powered = np.where(np.isnan(powered) & (t < 0), 0.0, powered)
    return float(np.prod(powered))


def psnr(x, y, c):
    mse = np.mean((x - y) ** 2)
    two_log_l = np.float64(np.float32(2) * np.log(np.float32(c["data_range"])))
    factor = np.float64(np.float32(10) / np.log(np.float32(10)))
    with np.errstate(divide="ignore"):
        return float((two_log_l - np.log(mse)) * factor)


def main():
    a = np.load(sys.argv[1]).astype(np.float64)
    b = np.load(sys.argv[2]).astype(np.float64)
    cases = json.load(open(sys.argv[3]))
    out = {}
    for c in cases:
        fn = {"ssim": lambda x, y: sim_cs(x, y, c)[0], "ms_ssim": lambda x, y: ms_ssim(x, y, c),
              "psnr": lambda x, y: psnr(x, y, c)}[c["metric"]]
        out[c["name"]] = [fn(a[k], b[k]) for k in range(a.shape[0])]
    print(json.dumps(out))


main()
