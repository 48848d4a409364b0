package org.ganeval4j.feature.internal.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ByteArrayConstructor;
import net.razorvine.pickle.objects.SetConstructor;

/**
 * Pyrolite's pickle machine with the hooks a {@code torch.save} pickle needs. Not thread safe; use
 * one instance per pickle.
 *
 * <ul>
 *   <li>{@link #persistentLoad} turns the persistent ids {@code ('storage', storage_type, key,
 *       location, numel[, view_metadata])} into {@link StorageRef}s (the location, e.g.
 *       {@code cuda:0}, is recorded and otherwise ignored);</li>
 *   <li>globals are resolved here rather than in Pyrolite's JVM-wide constructor registry:
 *       {@code torch._utils._rebuild_tensor[_v2|_v3]} give {@link TensorRef}s,
 *       {@code _rebuild_parameter} unwraps, {@code collections.OrderedDict} gives an ordered map,
 *       storage classes and dtypes stay as {@link PyGlobal}s, anything else becomes an inert
 *       {@link PyObject} (nothing is ever executed);</li>
 *   <li>dicts keep the file's key order (Pyrolite's own {@code SETITEMS} does not).</li>
 * </ul>
 */
public final class TorchUnpickler extends Unpickler {

    /** Parses a nested legacy {@code torch.save} blob ({@code torch.storage._load_from_bytes}). */
    @FunctionalInterface
    public interface BytesLoader {
        StorageRef load(byte[] blob) throws IOException;
    }

    /**
     * A storage named by a persistent id.
     *
     * @param key        the storage key (legacy: a number as text; zip: the entry name under {@code data/})
     * @param typeName   the pickled storage class, e.g. {@code FloatStorage}
     * @param dtype      its element type
     * @param location   the device it was saved from ({@code cpu}, {@code cuda:0}); informational
     * @param numel      elements in the whole storage
     * @param viewOffset legacy storage views only: first element of the view in the root storage, else 0
     * @param viewSize   elements visible through this reference ({@code numel} unless a view)
     * @param inline     the data when it came inside the pickle ({@code _load_from_bytes}), else null
     */
    public record StorageRef(String key, String typeName, TorchDType dtype, String location, long numel,
                             long viewOffset, long viewSize, ByteBuffer inline) {
    }

    /**
     * A tensor as {@code _rebuild_tensor_v2} describes it: a strided view of a storage.
     *
     * @param storage       the storage
     * @param storageOffset first element, in elements of {@code dtype}, relative to the storage (or view)
     * @param shape         sizes per dimension
     * @param stride        element steps per dimension
     * @param dtype         the tensor's element type (the storage's, except with {@code _rebuild_tensor_v3})
     */
    public record TensorRef(StorageRef storage, long storageOffset, long[] shape, long[] stride, TorchDType dtype) {
    }

    /** A global named in the pickle: a storage class, a dtype, a function or a class. */
    public final class PyGlobal implements IObjectConstructor {
        private final String module;
        private final String name;

        PyGlobal(String module, String name) {
            this.module = module;
            this.name = name;
        }

        public String module() {
            return module;
        }

        public String name() {
            return name;
        }

        public String qualifiedName() {
            return module + "." + name;
        }

        @Override
        public Object construct(Object[] args) {
            return TorchUnpickler.this.call(this, args);
        }

        @Override
        public String toString() {
            return qualifiedName();
        }
    }

    /** A dict or {@code collections.OrderedDict} in file order. */
    public static final class PyDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** An instance of a class this reader does not interpret (kept inert, for error messages). */
    public static final class PyObject {
        private final String type;
        private final List<Object> args;
        private Object state;

        PyObject(String type, Object[] args) {
            this.type = type;
            this.args = Arrays.asList(args);
        }

        public String type() {
            return type;
        }

        public List<Object> args() {
            return args;
        }

        public Object state() {
            return state;
        }

        @Override
        public String toString() {
            return "<" + type + ">";
        }
    }

    private final Map<String, StorageRef> storages = new LinkedHashMap<>();
    private final BytesLoader bytesLoader;

    /**
     * @param bytesLoader parses {@code _load_from_bytes} blobs; null to refuse them
     */
    public TorchUnpickler(BytesLoader bytesLoader) {
        this.bytesLoader = bytesLoader;
    }

    /** The storages referenced so far, by key, in order of first reference. */
    public Map<String, StorageRef> storages() {
        return storages;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL: {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(new PyGlobal(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL: {
                String name = (String) stack.pop();
                String module = (String) stack.pop();
                stack.add(new PyGlobal(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.EMPTY_DICT:
                stack.add(new PyDict());
                return NO_RETURN_VALUE;
            case Opcodes.DICT: {
                PyDict d = new PyDict();
                putPairs(d, stack.pop_all_since_marker());
                stack.add(d);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS: {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(asMap(stack.peek()), items);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEM: {
                Object value = stack.pop();
                Object k = stack.pop();
                putPairs(asMap(stack.peek()), java.util.Arrays.asList(k, value));
                return NO_RETURN_VALUE;
            }
            case Opcodes.ADDITEMS:
            case Opcodes.FROZENSET: {
                List<Object> items = stack.pop_all_since_marker();
                items.forEach(i -> requireHashable(i, "a set item"));
                stack.add_mark();
                items.forEach(stack::add);
                return super.dispatch(key);
            }
            case Opcodes.BINUNICODE:
                stack.add(new String(payload(4, "BINUNICODE string"), java.nio.charset.StandardCharsets.UTF_8));
                return NO_RETURN_VALUE;
            case Opcodes.BINUNICODE8:
                stack.add(new String(payload(8, "BINUNICODE8 string"), java.nio.charset.StandardCharsets.UTF_8));
                return NO_RETURN_VALUE;
            case Opcodes.BINSTRING:
                stack.add(PickleUtils.rawStringFromBytes(payload(4, "BINSTRING string")));
                return NO_RETURN_VALUE;
            case Opcodes.BINBYTES:
                stack.add(payload(4, "BINBYTES bytes"));
                return NO_RETURN_VALUE;
            case Opcodes.BINBYTES8:
                stack.add(payload(8, "BINBYTES8 bytes"));
                return NO_RETURN_VALUE;
            case Opcodes.BYTEARRAY8:
                stack.add(payload(8, "BYTEARRAY8 bytes"));
                return NO_RETURN_VALUE;
            case Opcodes.LONG4:
                stack.add(PickleUtils.decode_long(payload(4, "LONG4 integer")));
                return NO_RETURN_VALUE;
            case Opcodes.BUILD: {
                Object state = stack.pop();
                if (stack.peek() instanceof PyObject o) {
                    o.state = state;
                }
                // an OrderedDict's state is its _metadata attribute (module versions): not needed
                return NO_RETURN_VALUE;
            }
            default:
                return super.dispatch(key);
        }
    }

    /**
     * The payload of a length-prefixed opcode: a little-endian unsigned length of {@code lengthBytes}
     * bytes, checked against what the input still holds before anything is allocated.
     */
    private byte[] payload(int lengthBytes, String field) throws IOException {
        byte[] raw = PickleUtils.readbytes(input, lengthBytes);
        long length = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            length = (length << 8) | (raw[i] & 0xFF);
        }
        long left = input.available();
        if (length < 0 || length > left || length > Integer.MAX_VALUE - 8) {
            throw new PickleException("the " + field + " claims " + Long.toUnsignedString(length) + " bytes but only " + left
                    + " are left");
        }
        return PickleUtils.readbytes(input, (int) length);
    }

    private static void putPairs(Map<Object, Object> d, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new PickleException("odd number of items (" + items.size() + ") for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            d.put(requireHashable(items.get(i), "a dict key"), items.get(i + 1));
        }
    }

    /**
     * Refuses the containers Python cannot hash either (hashing a nested list in Java would recurse
     * through it, exponentially often through shared references).
     */
    private static Object requireHashable(Object o, String what) {
        if (o instanceof List<?> || o instanceof Map<?, ?> || o instanceof java.util.Set<?>) {
            throw new PickleException(what + " is a " + describe(o) + ": unhashable (Python refuses it too)");
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new PickleException("SETITEMS on a " + describe(o) + ", expected a dict");
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length == 0) {
            throw new PickleException("unsupported persistent id " + describe(pid) + ", expected a tuple ('storage', ...)");
        }
        String kind = String.valueOf(t[0]);
        if (kind.equals("module")) {
            // legacy whole-module pickles record the module's source for a version check
            return new PyObject("torch module source", t);
        }
        if (!kind.equals("storage") || t.length < 5) {
            throw new PickleException("unsupported persistent id " + Arrays.deepToString(t)
                    + ", expected ('storage', storage_type, key, location, numel[, view_metadata])");
        }
        String typeName = t[1] instanceof PyGlobal g ? g.name() : String.valueOf(t[1]);
        TorchDType dtype = TorchDType.fromStorageName(typeName).orElseThrow(() -> new PickleException(
                "unsupported storage type " + t[1] + " for storage " + t[2]
                        + " (supported: Float, Double, Half, BFloat16, Long, Int, Short, Char, Byte, Bool, Untyped)"));
        String key = String.valueOf(t[2]);
        String location = String.valueOf(t[3]);
        long numel = toLong(t[4], "storage numel");
        long viewOffset = 0;
        long viewSize = numel;
        if (t.length > 5 && t[5] != null) {
            Object[] view = tuple(t[5], "view_metadata");
            if (view.length != 3) {
                throw new PickleException("storage " + key + ": view_metadata " + Arrays.deepToString(view)
                        + " is not (view_key, offset, size)");
            }
            viewOffset = toLong(view[1], "view offset");
            viewSize = toLong(view[2], "view size");
            if (viewOffset < 0 || viewSize < 0 || viewOffset + viewSize > numel) {
                throw new PickleException("storage " + key + ": view [" + viewOffset + ", " + (viewOffset + viewSize)
                        + ") lies outside the storage of " + numel + " elements");
            }
        }
        StorageRef ref = new StorageRef(key, typeName, dtype, location, numel, viewOffset, viewSize, null);
        StorageRef first = storages.putIfAbsent(key, ref);
        if (first != null && (first.numel() != numel || first.dtype() != dtype)) {
            throw new PickleException("storage " + key + " is referenced as " + first.typeName() + "(" + first.numel()
                    + ") and as " + typeName + "(" + numel + ")");
        }
        return ref;
    }

    /** What calling a global with {@code args} (REDUCE / NEWOBJ) gives. */
    private Object call(PyGlobal g, Object[] args) {
        switch (g.qualifiedName()) {
            case "torch._utils._rebuild_tensor":
            case "torch._utils._rebuild_tensor_v2":
                return tensor(g, args, null);
            case "torch._utils._rebuild_tensor_v3":
                if (args.length < 7 || !(args[6] instanceof PyGlobal dt)) {
                    throw new PickleException(g + " expects a dtype as 7th argument, found " + Arrays.deepToString(args));
                }
                return tensor(g, args, TorchDType.fromPythonName(dt.name())
                        .orElseThrow(() -> new PickleException("unsupported tensor dtype " + dt)));
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                requireArgs(g, args, 1);
                return args[0];
            case "torch._tensor._rebuild_from_type_v2": {
                // (func, new_type, func_args, state): the subclass is dropped, the tensor kept
                requireArgs(g, args, 3);
                if (!(args[0] instanceof IObjectConstructor f)) {
                    throw new PickleException(g + " expects a function as first argument, found " + describe(args[0]));
                }
                return f.construct(tuple(args[2], "arguments of " + g));
            }
            case "torch.storage._load_from_bytes":
                requireArgs(g, args, 1);
                if (bytesLoader == null || !(args[0] instanceof byte[] blob)) {
                    throw new PickleException(g + " with " + describe(args[0]) + " is not supported here");
                }
                try {
                    return bytesLoader.load(blob);
                } catch (IOException e) {
                    throw new PickleException("storage serialised inside the pickle: " + e.getMessage());
                }
            case "collections.OrderedDict":
            case "builtins.dict":
            case "__builtin__.dict": {
                PyDict d = new PyDict();
                if (args.length > 0 && args[0] != null) {
                    fill(d, args[0]);
                }
                return d;
            }
            case "_codecs.encode":
            case "builtins.bytes":
            case "__builtin__.bytes":
            case "builtins.bytearray":
            case "__builtin__.bytearray":
                return new ByteArrayConstructor().construct(args);
            case "builtins.set":
            case "__builtin__.set":
                if (args.length > 0 && args[0] instanceof List<?> items) {
                    items.forEach(i -> requireHashable(i, "a set item"));
                }
                return new SetConstructor().construct(args);
            default:
                if (g.module().startsWith("torch") && g.name().startsWith("_rebuild")) {
                    throw new PickleException("unsupported tensor kind " + g
                            + " (only dense strided tensors are read: _rebuild_tensor, _v2, _v3, _rebuild_parameter)");
                }
                return new PyObject(g.qualifiedName(), args);
        }
    }

    private TensorRef tensor(PyGlobal g, Object[] args, TorchDType dtypeOverride) {
        requireArgs(g, args, 4);
        if (!(args[0] instanceof StorageRef s)) {
            throw new PickleException(g + " expects a storage as first argument, found " + describe(args[0]));
        }
        long offset = toLong(args[1], "storage offset");
        long[] shape = longs(args[2], "size");
        long[] stride = longs(args[3], "stride");
        if (shape.length != stride.length) {
            throw new PickleException(g + ": size " + Arrays.toString(shape) + " and stride "
                    + Arrays.toString(stride) + " have different lengths");
        }
        return new TensorRef(s, offset, shape, stride, dtypeOverride == null ? s.dtype() : dtypeOverride);
    }

    private static void fill(PyDict d, Object items) {
        if (items instanceof Map<?, ?> m) {
            m.forEach((k, v) -> d.put(requireHashable(k, "a dict key"), v));
            return;
        }
        if (!(items instanceof List<?> pairs)) {
            throw new PickleException("OrderedDict argument " + describe(items) + " is not a list of pairs");
        }
        for (Object p : pairs) {
            Object[] kv = p instanceof List<?> l ? l.toArray() : tuple(p, "OrderedDict item");
            if (kv.length != 2) {
                throw new PickleException("OrderedDict item " + Arrays.deepToString(kv) + " is not a (key, value) pair");
            }
            d.put(requireHashable(kv[0], "a dict key"), kv[1]);
        }
    }

    private static void requireArgs(PyGlobal g, Object[] args, int n) {
        if (args.length < n) {
            throw new PickleException(g + " expects at least " + n + " arguments, found " + args.length);
        }
    }

    private static Object[] tuple(Object o, String what) {
        if (o instanceof Object[] t) {
            return t;
        }
        if (o instanceof List<?> l) {
            return l.toArray();
        }
        throw new PickleException(what + ": expected a tuple, found " + describe(o));
    }

    private static long[] longs(Object o, String what) {
        Object[] t = tuple(o, what);
        long[] r = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = toLong(t[i], what);
        }
        return r;
    }

    private static long toLong(Object o, String what) {
        if (o instanceof Number n) {
            if (o instanceof java.math.BigInteger b && b.bitLength() > 63) {
                throw new PickleException(what + " " + b + " does not fit in 64 bits");
            }
            return n.longValue();
        }
        throw new PickleException(what + ": expected an integer, found " + describe(o));
    }

    /**
     * A short description of a pickled value for messages: containers by type and size (never their
     * contents, which may be deeply nested or shared exponentially often), scalars by value.
     */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[] t) {
            return "tuple of " + t.length + " items";
        }
        if (o instanceof List<?> l) {
            return "list of " + l.size() + " items";
        }
        if (o instanceof Map<?, ?> m) {
            return "dict of " + m.size() + " entries";
        }
        if (o instanceof java.util.Set<?> set) {
            return "set of " + set.size() + " items";
        }
        if (o instanceof byte[] b) {
            return b.length + " bytes";
        }
        String s = Objects.toString(o);
        if (s.length() > 80) {
            s = s.substring(0, 77) + "...";
        }
        return o.getClass().getSimpleName() + " " + s;
    }

    /** How deep nested dicts and lists may go before {@link #tensors} refuses them. */
    static final int MAX_DEPTH = 1000;
    /** How many containers {@link #tensors} walks at most. */
    static final int MAX_NODES = 1_000_000;

    /**
     * Flattens nested dicts/lists of tensors into dotted names, keeping file order. A container reached
     * again through a shared reference is walked once (its tensors keep their first name), so a pickle
     * whose shared references multiply the paths ("billion laughs") costs its size, not the paths;
     * nesting deeper than {@value #MAX_DEPTH} levels or more than {@value #MAX_NODES} containers is refused.
     *
     * @throws PickleException for too deep or too large an object graph
     */
    public static LinkedHashMap<String, TensorRef> tensors(Object root) {
        LinkedHashMap<String, TensorRef> out = new LinkedHashMap<>();
        collect("", root, out, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()), 0);
        return out;
    }

    private static void collect(String prefix, Object o, LinkedHashMap<String, TensorRef> out, java.util.Set<Object> seen,
                                int depth) {
        if (o instanceof TensorRef t) {
            out.putIfAbsent(prefix, t);
            return;
        }
        if (!(o instanceof Map<?, ?> || o instanceof List<?> || o instanceof Object[])) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new PickleException("dicts and lists nested deeper than " + MAX_DEPTH + " levels (at '" + abbreviate(prefix)
                    + "'): not a state dict");
        }
        if (!seen.add(o)) {
            return;
        }
        if (seen.size() > MAX_NODES) {
            throw new PickleException("more than " + MAX_NODES + " dicts and lists: not a state dict");
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey() instanceof String || e.getKey() instanceof Number ? e.getKey()
                        : describe(e.getKey()));
                collect(prefix.isEmpty() ? key : prefix + "." + key, e.getValue(), out, seen, depth + 1);
            }
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collect(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, l.get(i), out, seen, depth + 1);
            }
        } else {
            Object[] t = (Object[]) o;
            for (int i = 0; i < t.length; i++) {
                collect(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, t[i], out, seen, depth + 1);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 30) + "…" + s.substring(s.length() - 25);
    }
}
