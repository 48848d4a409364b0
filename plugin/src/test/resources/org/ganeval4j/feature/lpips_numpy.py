# An independent float64 re-implementation of LPIPS (lpips.LPIPS(net, version)) in numpy, without
# torch, and a writer of torch.save zip checkpoints (fake torch modules + a pickler emitting the
# storages as persistent ids), to check ganeval4j's DL4J trunks on weights no reference exists for.
#
# usage:
#   lpips_numpy.py lpips NET TRUNK.pth HEAD.pth VERSION A.npy B.npy   -> JSON {"values": [...], "layers": [[...]]}
#   lpips_numpy.py write-random NET SEED OUT.pth                      -> random torchvision-layout trunk (+ classifier)
#   lpips_numpy.py rewrite IN.pth OUT.pth noprefix|full|legacy        -> the same trunk tensors in another layout
#   lpips_numpy.py features NET TRUNK.pth IMAGES.npy                  -> JSON: ImageNet-normalised 224x224 uint8
#                                                                        images -> last tap averaged over H, W
import collections, io, json, pickle, struct, sys, types, zipfile
import numpy as np

# ---------------------------------------------------------------- reading checkpoints (no torch)
NUMPY = {'FloatStorage': '<f4', 'DoubleStorage': '<f8', 'HalfStorage': '<f2', 'LongStorage': '<i8'}

class _OD(dict):
    pass

class _Global:
    def __init__(self, module, name):
        self.name = name
    def __call__(self, *args):
        if self.name in ('_rebuild_tensor_v2', '_rebuild_tensor'):
            return ('tensor',) + tuple(args[:4])
        if self.name == 'OrderedDict':
            return _OD(*args)
        raise ValueError('unexpected global ' + self.name)

class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        return _Global(module, name)
    def persistent_load(self, pid):
        return {'type': getattr(pid[1], 'name', None) or pid[1].__class__.__name__, 'key': pid[2]}

class _TypeName:
    def __init__(self, name):
        self.name = name

class _TypeUnpickler(_Unpickler):
    def find_class(self, module, name):
        if module == 'torch' and name.endswith('Storage'):
            return _TypeName(name)
        return _Global(module, name)

def load(path):
    with open(path, 'rb') as f:
        head = f.read(4)
    out = collections.OrderedDict()
    if head == b'PK\x03\x04':
        z = zipfile.ZipFile(path)
        pkl = [n for n in z.namelist() if n.endswith('/data.pkl')][0]
        prefix = pkl[:-len('data.pkl')]
        root = _TypeUnpickler(io.BytesIO(z.read(pkl))).load()
        read = lambda s: np.frombuffer(z.read(prefix + 'data/' + s['key']), NUMPY[s['type']])
    else:
        f = open(path, 'rb')
        for _ in range(3):
            pickle.load(f)
        root = _TypeUnpickler(f).load()
        keys = pickle.load(f)
        storages = {t[1]['key']: t[1] for t in root.values()}
        blobs = {}
        for k in keys:
            n, = struct.unpack('<q', f.read(8))
            dt = np.dtype(NUMPY[storages[k]['type']])
            blobs[k] = np.frombuffer(f.read(n * dt.itemsize), dt)
        read = lambda s: blobs[s['key']]
    for name, t in root.items():
        _, s, offset, size, stride = t
        a = read(s)
        v = np.lib.stride_tricks.as_strided(a[offset:], size, [x * a.itemsize for x in stride])
        out[name] = np.array(v, dtype=np.float64)
    return out

# ---------------------------------------------------------------- writing checkpoints (no torch)
def save(tensors, path, legacy=False):
    torch = types.ModuleType('torch')
    utils = types.ModuleType('torch._utils')
    torch._utils = utils
    saved = {m: sys.modules.get(m) for m in ('torch', 'torch._utils')}
    sys.modules.update({'torch': torch, 'torch._utils': utils})
    try:
        def rebuild(*a):
            raise RuntimeError('stub')
        rebuild.__module__ = 'torch._utils'
        rebuild.__name__ = rebuild.__qualname__ = '_rebuild_tensor_v2'
        utils._rebuild_tensor_v2 = rebuild
        FloatStorage = type('FloatStorage', (), {'__module__': 'torch'})
        torch.FloatStorage = FloatStorage

        class Storage:
            def __init__(self, key, array):
                self.key, self.array = key, np.ascontiguousarray(array, '<f4')

        class Tensor:
            def __init__(self, storage, shape):
                self.storage, self.shape = storage, tuple(shape)
            def __reduce__(self):
                stride, acc = [], 1
                for d in reversed(self.shape):
                    stride.insert(0, acc)
                    acc *= d
                return rebuild, (self.storage, 0, self.shape, tuple(stride), False, collections.OrderedDict())

        class Pickler(pickle.Pickler):
            def persistent_id(self, obj):
                if isinstance(obj, Storage):
                    if legacy:
                        return ('storage', FloatStorage, obj.key, 'cpu', obj.array.size, None)
                    return ('storage', FloatStorage, obj.key, 'cpu', obj.array.size)
                return None

        root = collections.OrderedDict()
        storages = {}
        for i, (name, arr) in enumerate(tensors.items()):
            s = Storage(str(i), np.asarray(arr).ravel())
            storages[s.key] = s
            root[name] = Tensor(s, np.shape(arr))
        buf = io.BytesIO()
        if legacy:
            pickle.dump(0x1950a86a20f9469cfc6c, buf, protocol=2)
            pickle.dump(1001, buf, protocol=2)
            pickle.dump({'protocol_version': 1001, 'little_endian': True,
                         'type_sizes': {'short': 2, 'int': 4, 'long': 4}}, buf, protocol=2)
            Pickler(buf, protocol=2).dump(root)
            keys = sorted(storages)
            pickle.dump(keys, buf, protocol=2)
            for k in keys:
                buf.write(struct.pack('<q', storages[k].array.size))
                buf.write(storages[k].array.tobytes())
            with open(path, 'wb') as f:
                f.write(buf.getvalue())
        else:
            Pickler(buf, protocol=2).dump(root)
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
                z.writestr('archive/data.pkl', buf.getvalue())
                z.writestr('archive/byteorder', 'little')
                for k in sorted(storages):
                    z.writestr('archive/data/' + k, storages[k].array.tobytes())
                z.writestr('archive/version', '3\n')
    finally:
        for m, v in saved.items():
            if v is None:
                sys.modules.pop(m, None)
            else:
                sys.modules[m] = v

# ---------------------------------------------------------------- the networks, float64
def conv(x, w, b, stride, pad):
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    k = w.shape[2]
    win = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3]))  # N, Ho, Wo, O
    return np.maximum(out.transpose(0, 3, 1, 2) + b[None, :, None, None], 0)

def maxpool(x, k, s, ceil):
    n, c, h, w = x.shape
    def size(l):
        return (-(-(l - k) // s) if ceil else (l - k) // s) + 1
    ho, wo = size(h), size(w)
    ph, pw = max((ho - 1) * s + k - h, 0), max((wo - 1) * s + k - w, 0)
    x = np.pad(x, ((0, 0), (0, 0), (0, ph), (0, pw)), constant_values=-np.inf)
    win = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::s, ::s]
    return win.max(axis=(4, 5))[:, :, :ho, :wo]

def fire(x, p, key):
    s = conv(x, p[key + '.squeeze.weight'], p[key + '.squeeze.bias'], 1, 0)
    e1 = conv(s, p[key + '.expand1x1.weight'], p[key + '.expand1x1.bias'], 1, 0)
    e3 = conv(s, p[key + '.expand3x3.weight'], p[key + '.expand3x3.bias'], 1, 1)
    return np.concatenate([e1, e3], axis=1)

def c(x, p, key, stride=1, pad=1):
    return conv(x, p[key + '.weight'], p[key + '.bias'], stride, pad)

def taps(net, x, p):
    out = []
    if net == 'alex':
        x = c(x, p, '0', 4, 2); out.append(x)
        x = c(maxpool(x, 3, 2, False), p, '3', 1, 2); out.append(x)
        x = c(maxpool(x, 3, 2, False), p, '6'); out.append(x)
        x = c(x, p, '8'); out.append(x)
        x = c(x, p, '10'); out.append(x)
    elif net == 'squeeze':
        x = c(x, p, '0', 2, 0); out.append(x)
        x = fire(fire(maxpool(x, 3, 2, True), p, '3'), p, '4'); out.append(x)
        x = fire(fire(maxpool(x, 3, 2, True), p, '6'), p, '7'); out.append(x)
        x = fire(maxpool(x, 3, 2, True), p, '9'); out.append(x)
        for key in ('10', '11', '12'):
            x = fire(x, p, key); out.append(x)
    elif net == 'vgg':
        blocks = [['0', '2'], ['5', '7'], ['10', '12', '14'], ['17', '19', '21'], ['24', '26', '28']]
        for i, block in enumerate(blocks):
            if i:
                x = maxpool(x, 2, 2, False)
            for key in block:
                x = c(x, p, key)
            out.append(x)
    else:
        raise ValueError(net)
    return out

SPEC = {  # trunk keys
    'alex': ['0', '3', '6', '8', '10'],
    'vgg': ['0', '2', '5', '7', '10', '12', '14', '17', '19', '21', '24', '26', '28'],
}
SQUEEZE = [('3', 64, 16, 64), ('4', 128, 16, 64), ('6', 128, 32, 128), ('7', 256, 32, 128), ('9', 256, 48, 192),
           ('10', 384, 48, 192), ('11', 384, 64, 256), ('12', 512, 64, 256)]
SHAPES = {
    'alex': [(64, 3, 11), (192, 64, 5), (384, 192, 3), (256, 384, 3), (256, 256, 3)],
    'vgg': [(64, 3, 3), (64, 64, 3), (128, 64, 3), (128, 128, 3), (256, 128, 3), (256, 256, 3), (256, 256, 3),
            (512, 256, 3), (512, 512, 3), (512, 512, 3), (512, 512, 3), (512, 512, 3), (512, 512, 3)],
}

def random_trunk(net, seed):
    rng = np.random.default_rng(seed)
    convs = []
    if net == 'squeeze':
        convs.append(('0', 64, 3, 3))
        for key, cin, sq, ex in SQUEEZE:
            convs += [(key + '.squeeze', sq, cin, 1), (key + '.expand1x1', ex, sq, 1), (key + '.expand3x3', ex, sq, 3)]
    else:
        convs = [(k, o, i, ks) for k, (o, i, ks) in zip(SPEC[net], SHAPES[net])]
    t = collections.OrderedDict()
    for key, o, i, k in convs:
        t['features.' + key + '.weight'] = (rng.standard_normal((o, i, k, k)) * np.sqrt(2.0 / (i * k * k))).astype('<f4')
        t['features.' + key + '.bias'] = (rng.standard_normal(o) * 0.05).astype('<f4')
    return t

def lpips(net, trunk, head, version, a, b):
    p = {k[len('features.'):] if k.startswith('features.') else k: v for k, v in load(trunk).items()}
    lins = load(head)
    def prep(u8):
        x = u8.astype(np.float64) / 127.5 - 1
        if version == '0.1':
            shift = np.array([-.030, -.088, -.188])[None, :, None, None]
            scale = np.array([.458, .448, .450])[None, :, None, None]
            x = (x - shift) / scale
        return x
    t0, t1 = taps(net, prep(a), p), taps(net, prep(b), p)
    layers = []
    for l, (y0, y1) in enumerate(zip(t0, t1)):
        f0 = y0 / (np.sqrt((y0 ** 2).sum(axis=1, keepdims=True)) + 1e-10)
        f1 = y1 / (np.sqrt((y1 ** 2).sum(axis=1, keepdims=True)) + 1e-10)
        w = lins['lin%d.model.1.weight' % l].reshape(-1)
        d = np.tensordot((f0 - f1) ** 2, w, axes=([1], [0]))  # N, H, W
        layers.append(d.mean(axis=(1, 2)))
    layers = np.stack(layers, axis=1)
    return {'values': layers.sum(axis=1).tolist(), 'layers': layers.tolist(),
            'shapes': [list(y.shape[1:]) for y in t0]}

if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'lpips':
        net, trunk, head, version, pa, pb = sys.argv[2:8]
        print(json.dumps(lpips(net, trunk, head, version, np.load(pa), np.load(pb))))
    elif cmd == 'write-random':
        net, seed, out = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        t = random_trunk(net, seed)
        rng = np.random.default_rng(seed + 1)
        t['classifier.1.weight'] = rng.standard_normal((10, 7)).astype('<f4')  # ignored by LPIPS
        t['classifier.1.bias'] = rng.standard_normal(10).astype('<f4')
        save(t, out)
    elif cmd == 'rewrite':
        src, out, mode = sys.argv[2:5]
        t = load(src)
        if mode == 'noprefix':
            t = collections.OrderedDict((k[len('features.'):], v) for k, v in t.items() if k.startswith('features.'))
        elif mode == 'full':
            t['classifier.1.weight'] = np.ones((1000, 512), '<f4')
            t['classifier.1.bias'] = np.zeros(1000, '<f4')
        save(t, out, legacy=(mode == 'legacy'))
    elif cmd == 'features':
        net, trunk, pa = sys.argv[2:5]
        p = {k[len('features.'):] if k.startswith('features.') else k: v for k, v in load(trunk).items()}
        x = np.load(pa).astype(np.float64) / 255
        x = (x - np.array([0.485, 0.456, 0.406])[None, :, None, None]) / np.array([0.229, 0.224, 0.225])[None, :, None, None]
        print(json.dumps(taps(net, x, p)[-1].mean(axis=(2, 3)).tolist()))
    else:
        raise SystemExit('unknown command ' + cmd)
