# Independent reading of a torch.save checkpoint with Python's own pickle and numpy (no torch),
# to cross-check the Java reader on real files.
# usage: reference_reader.py FILE
# prints one line per tensor: name <TAB> dtype <TAB> shape <TAB> float64 sum <TAB> first,middle,last (C order)
import io, pickle, struct, sys, zipfile
import numpy as np

NUMPY = {'FloatStorage': '<f4', 'DoubleStorage': '<f8', 'HalfStorage': '<f2', 'LongStorage': '<i8',
         'IntStorage': '<i4', 'ByteStorage': 'u1'}

class OrderedDict(dict):
    pass  # a dict that accepts BUILD (the _metadata attribute)

class Global:
    def __init__(self, module, name):
        self.module, self.name = module, name
    def __call__(self, *args):
        if self.name in ('_rebuild_tensor_v2', '_rebuild_tensor'):
            storage, offset, size, stride = args[:4]
            return ('tensor', storage, offset, tuple(size), tuple(stride))
        if self.name == 'OrderedDict':
            return OrderedDict(*args)
        raise ValueError('unexpected global %s.%s' % (self.module, self.name))

class Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        return Global(module, name)
    def persistent_load(self, pid):
        return {'type': pid[1].name, 'key': pid[2], 'numel': pid[4]}

path = sys.argv[1]
data = {}
with open(path, 'rb') as f:
    head = f.read(4)
if head == b'PK\x03\x04':
    z = zipfile.ZipFile(path)
    pkl = [n for n in z.namelist() if n.endswith('/data.pkl')][0]
    prefix = pkl[:-len('data.pkl')]
    root = Unpickler(io.BytesIO(z.read(pkl))).load()
    read = lambda s: np.frombuffer(z.read(prefix + 'data/' + s['key']), NUMPY[s['type']])
else:
    f = open(path, 'rb')
    for _ in range(3):
        pickle.load(f)
    root = Unpickler(f).load()
    keys = pickle.load(f)
    blobs = {}
    storages = {}
    def walk(o):
        if isinstance(o, tuple) and o and o[0] == 'tensor':
            storages[o[1]['key']] = o[1]
        elif isinstance(o, dict):
            for v in o.values():
                walk(v)
    walk(root)
    for k in keys:
        n, = struct.unpack('<q', f.read(8))
        s = storages[k]
        blobs[k] = np.frombuffer(f.read(n * np.dtype(NUMPY[s['type']]).itemsize), NUMPY[s['type']])
    read = lambda s: blobs[s['key']]

for name, t in root.items():
    _, s, offset, size, stride = t
    a = read(s)
    v = np.array(np.lib.stride_tricks.as_strided(a[offset:], size, [x * a.itemsize for x in stride]))
    flat = v.ravel().astype(np.float64)
    picks = [flat[0], flat[len(flat) // 2], flat[-1]] if flat.size else []
    print('\t'.join([name, s['type'], str(list(size)), repr(float(flat.sum())), ','.join(repr(float(x)) for x in picks)]))
