# Writes a torch.save-style checkpoint WITHOUT torch: stub modules stand in for torch,
# torch._utils and torch.storage so that the pickle names the real globals, and a Pickler
# subclass emits the storages as persistent ids.
#
# usage: fake_torch_checkpoint.py legacy|zip ordered|plain OUT.pth EXPECTED.npz
# prints the tensor names in file order, comma separated.
import collections, io, pickle, struct, sys, types, zipfile
import numpy as np

fmt, dict_kind, out_path, expected_path = sys.argv[1:5]
legacy = fmt == 'legacy'

torch = types.ModuleType('torch')
utils = types.ModuleType('torch._utils')
storage_mod = types.ModuleType('torch.storage')
torch._utils = utils
torch.storage = storage_mod
sys.modules.update({'torch': torch, 'torch._utils': utils, 'torch.storage': storage_mod})

def _stub(module, name):
    def f(*args):
        raise RuntimeError('stub')
    f.__module__ = module
    f.__name__ = f.__qualname__ = name
    setattr(sys.modules[module], name, f)
    return f

rebuild_v2 = _stub('torch._utils', '_rebuild_tensor_v2')
rebuild_v3 = _stub('torch._utils', '_rebuild_tensor_v3')
rebuild_param = _stub('torch._utils', '_rebuild_parameter')
load_from_bytes = _stub('torch.storage', '_load_from_bytes')

NUMPY = {'FloatStorage': '<f4', 'DoubleStorage': '<f8', 'HalfStorage': '<f2', 'BFloat16Storage': '<u2',
         'LongStorage': '<i8', 'IntStorage': '<i4', 'ShortStorage': '<i2', 'CharStorage': 'i1',
         'ByteStorage': 'u1', 'BoolStorage': '?', 'UntypedStorage': 'u1'}
for n in NUMPY:
    setattr(torch, n, type(n, (), {'__module__': 'torch'}))

class DType:
    def __init__(self, name):
        self.name = name
    def __reduce__(self):
        return self.name
torch.float32 = DType('float32')
DType.__module__ = 'torch'
torch.float32.__module__ = 'torch'

class Storage:
    def __init__(self, key, type_name, values, location='cpu', view=None):
        self.key, self.type_name, self.location, self.view = key, type_name, location, view
        self.array = np.ascontiguousarray(np.asarray(values).astype(NUMPY[type_name]))

class Tensor:
    def __init__(self, storage, offset, shape, stride, parameter=False, v3_dtype=None):
        self.storage, self.offset, self.shape, self.stride = storage, offset, tuple(shape), tuple(stride)
        self.parameter, self.v3_dtype = parameter, v3_dtype
    def __reduce__(self):
        if self.parameter:
            inner = Tensor(self.storage, self.offset, self.shape, self.stride, v3_dtype=self.v3_dtype)
            return rebuild_param, (inner, False, collections.OrderedDict())
        if self.v3_dtype is not None:
            return rebuild_v3, (self.storage, self.offset, self.shape, self.stride, False,
                                collections.OrderedDict(), self.v3_dtype)
        return rebuild_v2, (self.storage, self.offset, self.shape, self.stride, False, collections.OrderedDict())

def view_values(t):
    """What torch would give: the strided view of the storage (of the view's dtype), as numpy."""
    arr = t.storage.array if not isinstance(t.storage, BytesStorage) else t.storage.inner.array
    if t.v3_dtype is not None:
        arr = arr.view('<f4')
    base = 0
    if getattr(t.storage, 'view', None):
        base = t.storage.view[1]
    item = arr.itemsize
    flat = arr[base + t.offset:] if arr.size else arr
    v = np.lib.stride_tricks.as_strided(flat, t.shape, [s * item for s in t.stride]) if np.prod(t.shape) else np.zeros(t.shape, arr.dtype)
    v = np.array(v)
    kind = (t.storage.inner if isinstance(t.storage, BytesStorage) else t.storage).type_name
    if kind == 'BFloat16Storage':
        return (v.astype('<u4') << 16).view('<f4')
    if t.v3_dtype is not None or v.dtype.kind == 'f':
        return v.astype(np.float32)
    return v.astype(np.int64)

class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            numel = obj.array.size
            if legacy:
                view = None
                if obj.view:
                    view = (obj.view[0], obj.view[1], obj.view[2])
                return ('storage', getattr(torch, obj.type_name), obj.key, obj.location, numel, view)
            return ('storage', getattr(torch, obj.type_name), obj.key, obj.location, numel)
        return None

def legacy_stream(root, storages):
    buf = io.BytesIO()
    pickle.dump(0x1950a86a20f9469cfc6c, buf, protocol=2)
    pickle.dump(1001, buf, protocol=2)
    pickle.dump({'protocol_version': 1001, 'little_endian': True,
                 'type_sizes': {'short': 2, 'int': 4, 'long': 4}}, buf, protocol=2)
    Pickler(buf, protocol=2).dump(root)
    keys = sorted(storages)
    pickle.dump(keys, buf, protocol=2)
    for k in keys:
        a = storages[k].array
        buf.write(struct.pack('<q', a.size))
        buf.write(a.tobytes())
    return buf.getvalue()

class BytesStorage:
    """A storage pickled by value: torch.storage._load_from_bytes(<legacy torch.save of the storage>)."""
    def __init__(self, inner):
        self.inner = inner
        self.key = inner.key
    def __reduce__(self):
        global legacy
        saved, legacy = legacy, True
        try:
            blob = legacy_stream(self.inner, {self.inner.key: self.inner})
        finally:
            legacy = saved
        return load_from_bytes, (blob,)

A = Storage('a', 'FloatStorage', np.arange(24) * 0.5 - 3.25)
H = Storage('h', 'HalfStorage', [1.0, -2.5, 6.1e-5, 65504.0, -0.0, 0.333, 1e-7, 3.0, -4.0, 5.5, 2048.0, 0.1])
L = Storage('l', 'LongStorage', [2**40 + 1, -7, 3, 2**62, -(2**63), 5, 6, 7, 8, 9])
D = Storage('d', 'DoubleStorage', [1.0 / 3, -1e-300, 1e30, 2.5, np.pi])
I = Storage('i', 'IntStorage', [-2**31, 2**31 - 1, 0, 42])
S = Storage('s', 'ShortStorage', [-32768, 32767, 12])
U = Storage('u', 'ByteStorage', [0, 200, 255, 17])
C = Storage('c8', 'CharStorage', [-128, 127, -1])
B = Storage('b', 'BoolStorage', [True, False, True])
BF = Storage('bf', 'BFloat16Storage', (np.array([1.0, -2.0, 3.140625, 1e20], '<f4').view('<u4') >> 16))
N = Storage('n', 'LongStorage', [123])
G = Storage('g', 'FloatStorage', [0.25, 0.5, 0.75, 1.0], location='cuda:0')
E = Storage('e', 'FloatStorage', [])
UT = Storage('ut', 'UntypedStorage', np.array([1.5, -2.0, 4.0], '<f4').view('u1'))

tensors = collections.OrderedDict()
tensors['z.offset'] = Tensor(A, 5, [2, 3], [3, 1])
tensors['a.transposed'] = Tensor(A, 0, [4, 3], [1, 4])
tensors['conv_hwio_as_oihw'] = Tensor(A, 0, [2, 3, 2, 2], [1, 2, 12, 6])
tensors['half.transposed'] = Tensor(H, 0, [3, 4], [1, 3])
tensors['long.strided'] = Tensor(L, 1, [2, 2], [4, 2])
tensors['double'] = Tensor(D, 0, [5], [1])
tensors['int32'] = Tensor(I, 0, [4], [1])
tensors['int16'] = Tensor(S, 0, [3], [1])
tensors['uint8'] = Tensor(U, 0, [2, 2], [2, 1])
tensors['int8'] = Tensor(C, 0, [3], [1])
tensors['bool'] = Tensor(B, 0, [3], [1])
tensors['bfloat16'] = Tensor(BF, 0, [2, 2], [1, 2])
tensors['bn.num_batches_tracked'] = Tensor(N, 0, [], [])
tensors['cuda.weight'] = Tensor(G, 1, [3], [1])
tensors['empty'] = Tensor(E, 0, [0], [1])
tensors['parameter'] = Tensor(A, 2, [3], [2], parameter=True)
tensors['v3.untyped'] = Tensor(UT, 1, [2], [1], v3_dtype=torch.float32)
tensors['from_bytes'] = Tensor(BytesStorage(Storage('fb', 'FloatStorage', [9.0, 8.0, 7.0])), 0, [3], [1])
if legacy:
    R = Storage('root', 'FloatStorage', np.arange(20, dtype=np.float32) * 2 + 1, view=('v', 4, 10))
    tensors['legacy_view'] = Tensor(R, 1, [3], [2])

root = tensors
if dict_kind == 'plain':
    root = dict(tensors)
else:
    root._metadata = collections.OrderedDict([('', {'version': 1})])

storages = {}
for t in tensors.values():
    s = t.storage
    if isinstance(s, Storage):
        storages[s.key] = s

if legacy:
    with open(out_path, 'wb') as f:
        f.write(legacy_stream(root, storages))
else:
    buf = io.BytesIO()
    Pickler(buf, protocol=2).dump(root)
    with zipfile.ZipFile(out_path, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('archive/data.pkl', buf.getvalue())
        z.writestr('archive/byteorder', 'little')
        for k in sorted(storages):
            z.writestr('archive/data/' + k, storages[k].array.tobytes())
        z.writestr('archive/version', '3\n')

expected = collections.OrderedDict((name, view_values(t)) for name, t in tensors.items())
np.savez(expected_path, **expected)
print(','.join(tensors))
