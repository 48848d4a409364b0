package org.ganeval4j.feature.internal.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ganeval4j.feature.internal.weights.TorchUnpickler.StorageRef;
import org.ganeval4j.feature.internal.weights.TorchUnpickler.TensorRef;
import org.ganeval4j.io.FileFormatException;

/**
 * Reads PyTorch checkpoints ({@code .pth}/{@code .pt} files written by {@code torch.save}) holding
 * a state dict, without Python: {@link #read} gives the tensors, {@link #layout} only describes them.
 *
 * <h2>The two formats</h2>
 * <p><b>Zip</b> ({@code torch.save}'s default since PyTorch 1.6): a zip archive (entries stored, not
 * compressed) with one folder whose name varies ({@code archive/}, the file's stem, ...):
 * {@code <folder>/data.pkl} is the pickled object, {@code <folder>/data/<key>} the raw elements of
 * storage {@code key}, {@code <folder>/byteorder} (newer files) {@code little} or {@code big}.
 * Storages appear in the pickle as persistent ids {@code ('storage', storage_type, key, location, numel)}.
 *
 * <p><b>Legacy</b> (before 1.6, or {@code _use_new_zipfile_serialization=False}): five pickles in a
 * row &mdash; the magic number {@code 0x1950a86a20f9469cfc6c}, the protocol version {@code 1001},
 * {@code sys_info} (byte order, type sizes), the object itself with persistent ids
 * {@code ('storage', storage_type, key, location, numel, view_metadata)}, and the list of storage
 * keys &mdash; then, for each key in that list's order, the element count as a little-endian int64
 * followed by {@code numel * element size} bytes of little-endian elements.
 *
 * <h2>Tensors</h2>
 * <p>Each tensor is pickled as {@code torch._utils._rebuild_tensor_v2(storage, storage_offset, size,
 * stride, requires_grad, backward_hooks[, metadata])}: element {@code (i0, ..., ik)} is storage
 * element {@code storage_offset + sum(ij * stride[j])}. Storages may be shared between tensors,
 * and views need not be contiguous (the FID Inception weights hold conv kernels [O,I,H,W] with
 * stride [1, O, W*I*O, I*O]); {@link #read} honours both and returns C-contiguous values. Also
 * understood: {@code _rebuild_tensor}, {@code _rebuild_tensor_v3} (a dtype over an untyped
 * storage), {@code _rebuild_parameter}, storages pickled by {@code torch.storage._load_from_bytes},
 * and legacy storage views. Storage types: Float, Double, Half, BFloat16, Long, Int, Short, Char,
 * Byte, Bool and Untyped storages. The storage location ({@code cpu}, {@code cuda:0}) is ignored:
 * everything is read to the CPU.
 *
 * <p>The state dict is a {@code collections.OrderedDict} or a plain dict; its order is kept. Nested
 * dicts and lists of tensors (a training checkpoint's {@code {'model': ..., 'epoch': 3}}) are
 * flattened into dotted names ({@code model.fc.weight}); other values are ignored. Nothing in the
 * pickle is executed: unknown classes become inert placeholders.
 *
 * <h2>Errors</h2>
 * <p>A file that is not a checkpoint, or is truncated or corrupt, fails with a
 * {@link FileFormatException} that names the file and the storage (and a tensor using it), how many
 * bytes were expected and how many were found. Truncation is detected from the header before any
 * storage data is read.
 *
 * <p>Stateless and thread safe; each call opens and closes the file. A storage larger than 2 GiB
 * is refused (Java arrays).
 */
public final class TorchCheckpoint {
    /** The container format of a checkpoint. */
    public enum Format {
        /** The pickle-stream format of PyTorch before 1.6. */
        LEGACY,
        /** The zip archive format of PyTorch 1.6 and later. */
        ZIP
    }

    private TorchCheckpoint() {
    }

    /** The format of {@code file}, from its first bytes and header. */
    public static Format format(Path file) throws IOException {
        try (CheckpointFile c = CheckpointFile.open(file)) {
            return c.formatName().equals("zip") ? Format.ZIP : Format.LEGACY;
        }
    }

    /**
     * Reads every tensor of the checkpoint.
     *
     * @return the tensors by name, in file order (unmodifiable)
     * @throws FileFormatException when the file is not a checkpoint, or is truncated or corrupt
     */
    public static Map<String, TorchTensor> read(Path file) throws IOException {
        return read(file, "");
    }

    /**
     * Reads the tensors whose names start with {@code prefix}, with the prefix removed from their
     * names: {@code read(torchvisionAlexNet, "features.")} gives {@code 0.weight}, {@code 0.bias}, ...
     * Storages used only by other tensors are skipped, not read.
     *
     * @param prefix a name prefix; {@code ""} reads everything
     * @return the tensors by (shortened) name, in file order (unmodifiable)
     * @throws FileFormatException as {@link #read(Path)}, and when no tensor name starts with {@code prefix}
     */
    public static Map<String, TorchTensor> read(Path file, String prefix) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        try (CheckpointFile c = CheckpointFile.open(file)) {
            LinkedHashMap<String, TensorRef> refs = select(file, c, prefix);
            Map<String, List<String>> usedBy = usedBy(refs);
            Map<String, StorageRef> needed = new LinkedHashMap<>();
            Map<String, Integer> lastUse = new HashMap<>();
            int i = 0;
            for (TensorRef t : refs.values()) {
                needed.putIfAbsent(t.storage().key(), t.storage());
                lastUse.put(t.storage().key(), i++);
            }
            Map<String, ByteBuffer> data = new HashMap<>();
            c.readStorages(needed.values(), usedBy, (s, b) -> data.put(s.key(), b));
            LinkedHashMap<String, TorchTensor> out = new LinkedHashMap<>();
            i = 0;
            for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
                TensorRef t = e.getValue();
                String key = t.storage().key();
                ByteBuffer b = t.storage().inline() != null ? t.storage().inline() : data.get(key);
                out.put(e.getKey(), tensor(file, e.getKey(), t, b));
                if (lastUse.get(key) == i++) {
                    data.remove(key);
                }
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /**
     * Describes every tensor from the header alone (for a legacy file, the pickles before the
     * storage data), so it works on a truncated file and costs no more than the header.
     *
     * @return one layout per tensor, in file order
     * @throws FileFormatException when the header itself is unreadable
     */
    public static List<TensorLayout> layout(Path file) throws IOException {
        try (CheckpointFile c = CheckpointFile.open(file)) {
            List<TensorLayout> out = new ArrayList<>();
            c.tensors().forEach((name, t) -> {
                StorageRef s = t.storage();
                out.add(new TensorLayout(name, t.dtype(), s.typeName(), s.key(), s.location(), s.numel(),
                        s.viewOffset() + t.storageOffset(), t.shape(), t.stride()));
            });
            return List.copyOf(out);
        }
    }

    private static LinkedHashMap<String, TensorRef> select(Path file, CheckpointFile c, String prefix)
            throws FileFormatException {
        Map<String, TensorRef> all = c.tensors();
        if (all.isEmpty()) {
            throw new FileFormatException(file + ": the checkpoint holds no tensors: its top-level object is "
                    + c.rootDescription() + " (expected a state dict: save model.state_dict(), not the model)");
        }
        LinkedHashMap<String, TensorRef> out = new LinkedHashMap<>();
        all.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        if (out.isEmpty()) {
            List<String> names = new ArrayList<>(all.keySet());
            throw new FileFormatException(file + ": no tensor name starts with '" + prefix + "' (found "
                    + (names.size() <= 6 ? names : names.subList(0, 6) + " and " + (names.size() - 6) + " more") + ")");
        }
        return out;
    }

    private static Map<String, List<String>> usedBy(Map<String, TensorRef> refs) {
        Map<String, List<String>> m = new HashMap<>();
        refs.forEach((name, t) -> m.computeIfAbsent(t.storage().key(), k -> new ArrayList<>()).add(name));
        return m;
    }

    private static TorchTensor tensor(Path file, String name, TensorRef t, ByteBuffer data) throws FileFormatException {
        StorageRef s = t.storage();
        TorchDType dtype = t.dtype();
        // elements of the tensor's dtype visible through the storage reference
        long available = s.viewSize() * s.dtype().elementSize() / dtype.elementSize();
        long base = s.viewOffset() * s.dtype().elementSize() / dtype.elementSize();
        long inData = data.capacity() / dtype.elementSize();
        String problem = Strided.checkBounds(t.storageOffset(), t.shape(), t.stride(), Math.min(available, inData - base));
        if (problem != null) {
            throw new FileFormatException(file + ": tensor '" + name + "' on storage '" + s.key() + "' (" + s.typeName()
                    + ", " + s.numel() + " elements): " + problem);
        }
        long offset = base + t.storageOffset();
        if (dtype.isFloating()) {
            return TorchTensor.ofFloats(name, dtype, t.shape(), Strided.floats(data, dtype, offset, t.shape(), t.stride()));
        }
        return TorchTensor.ofLongs(name, dtype, t.shape(), Strided.longs(data, dtype, offset, t.shape(), t.stride()));
    }
}
