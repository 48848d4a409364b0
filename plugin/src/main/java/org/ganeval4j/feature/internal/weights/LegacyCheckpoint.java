package org.ganeval4j.feature.internal.weights;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ganeval4j.feature.internal.weights.TorchUnpickler.StorageRef;
import org.ganeval4j.io.FileFormatException;

/**
 * The legacy {@code torch.save} stream (PyTorch before 1.6, or {@code _use_new_zipfile_serialization=False}):
 * five pickles (magic number, protocol 1001, sys_info, the object with storage persistent ids, the
 * storage-key list), then per listed key an int64 element count and the storage's raw elements.
 */
final class LegacyCheckpoint extends CheckpointFile {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final int PROTOCOL = 1001;

    private final CountingInputStream in;
    private final long size;
    private final long headerEnd;
    private final ByteOrder order;
    private final Map<String, StorageRef> storages;
    private final List<String> keys;
    private boolean consumed;

    private LegacyCheckpoint(Path file, CountingInputStream in, long size, String name) throws IOException {
        super(file);
        this.in = in;
        this.size = size;
        Object magic;
        try {
            magic = load("magic number", new TorchUnpickler(null));
        } catch (FileFormatException e) {
            throw new FileFormatException(name + ": not a PyTorch checkpoint: neither a zip archive nor a legacy"
                    + " stream starting with a pickled magic number (" + e.getMessage() + ")", e);
        }
        if (!(magic instanceof Number n) || !new BigInteger(n.toString()).equals(MAGIC)) {
            throw new FileFormatException(name + ": not a PyTorch checkpoint: expected the magic number 0x"
                    + MAGIC.toString(16) + " (legacy format) or a zip archive, found " + TorchUnpickler.describe(magic));
        }
        Object protocol = load("protocol version", new TorchUnpickler(null));
        if (!(protocol instanceof Number p) || p.longValue() != PROTOCOL) {
            throw new FileFormatException(name + ": unsupported legacy protocol version "
                    + TorchUnpickler.describe(protocol) + ", expected " + PROTOCOL);
        }
        Object sysInfo = load("sys_info", new TorchUnpickler(null));
        boolean little = !(sysInfo instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("little_endian"));
        this.order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        TorchUnpickler u = new TorchUnpickler(LegacyCheckpoint::fromBytes);
        Object root = load("state-dict", u);
        this.storages = u.storages();
        Object keyList = load("storage-key list", new TorchUnpickler(null));
        if (!(keyList instanceof List<?> l)) {
            throw new FileFormatException(name + ": the storage-key list is a " + TorchUnpickler.describe(keyList)
                    + ", expected a list of keys");
        }
        this.keys = new ArrayList<>();
        for (Object k : l) {
            keys.add(String.valueOf(k));
        }
        this.headerEnd = in.count();
        root(name, root);
    }

    static LegacyCheckpoint openLegacy(Path file) throws IOException {
        long size = Files.size(file);
        InputStream raw = Files.newInputStream(file);
        try {
            return new LegacyCheckpoint(file, new CountingInputStream(new BufferedInputStream(raw, 1 << 16)), size,
                    file.toString());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** A storage serialised as a nested legacy stream inside a pickle ({@code torch.storage._load_from_bytes}). */
    static StorageRef fromBytes(byte[] blob) throws IOException {
        Path label = Path.of("<storage bytes>");
        try (LegacyCheckpoint c = new LegacyCheckpoint(label, new CountingInputStream(new ByteArrayInputStream(blob)),
                blob.length, label.toString())) {
            if (c.storages.size() != 1) {
                throw new FileFormatException(label + ": expected one storage, found " + c.storages.size());
            }
            StorageRef s = c.storages.values().iterator().next();
            ByteBuffer[] data = new ByteBuffer[1];
            c.readStorages(List.of(s), Map.of(), (ref, b) -> data[0] = b);
            return new StorageRef("<bytes:" + s.key() + ">", s.typeName(), s.dtype(), s.location(), s.numel(),
                    s.viewOffset(), s.viewSize(), data[0]);
        }
    }

    private Object load(String part, TorchUnpickler u) throws FileFormatException {
        long start = in.count();
        try {
            return u.load(in);
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileFormatException f) {
                throw f;
            }
            throw pickleError(part + " (starting at byte " + start + ")", in.count(), size, e);
        }
    }

    @Override
    public String formatName() {
        return "legacy";
    }

    @Override
    public void readStorages(Collection<StorageRef> needed, Map<String, List<String>> usedBy, StorageSink sink)
            throws IOException {
        if (consumed) {
            throw new IllegalStateException("the storages of " + file + " were already read");
        }
        consumed = true;
        Set<String> wanted = new HashSet<>();
        for (StorageRef s : needed) {
            if (s.inline() == null) {
                wanted.add(s.key());
            }
        }
        Set<String> listed = new HashSet<>(keys);
        for (String k : wanted) {
            if (!listed.contains(k)) {
                throw new FileFormatException(file + ": " + describeStorage(k, storages.get(k), usedBy)
                        + " is missing from the storage-key list " + abbreviate(keys));
            }
        }
        // Check the length first, so a truncated file fails before anything large is read.
        long pos = headerEnd;
        for (String k : keys) {
            StorageRef s = storage(k);
            long bytes = Math.multiplyExact(s.numel(), s.dtype().elementSize());
            if (size - pos < 8) {
                throw truncated("storage header (element count) of " + describeStorage(k, s, usedBy), 8, size - pos, pos);
            }
            pos += 8;
            if (size - pos < bytes) {
                throw truncated("storage data for " + describeStorage(k, s, usedBy), bytes, size - pos, pos);
            }
            pos += bytes;
        }
        ByteBuffer header = ByteBuffer.allocate(8).order(order);
        for (String k : keys) {
            StorageRef s = storage(k);
            header.clear();
            in.readNBytes(header.array(), 0, 8);
            long numel = header.getLong(0);
            if (numel != s.numel()) {
                throw new FileFormatException(file + ": " + describeStorage(k, s, usedBy) + ": the data section says "
                        + numel + " elements, the pickle says " + s.numel() + " (corrupt file)");
            }
            int bytes = checkedSize(s, usedBy);
            if (wanted.contains(k)) {
                byte[] data = in.readNBytes(bytes);
                if (data.length != bytes) {
                    throw truncated("storage data for " + describeStorage(k, s, usedBy), bytes, data.length, in.count());
                }
                sink.accept(s, ByteBuffer.wrap(data).order(order));
            } else {
                in.skipNBytes(bytes);
            }
        }
        // bytes after the last storage are ignored, as torch.load ignores them
    }

    private StorageRef storage(String key) throws FileFormatException {
        StorageRef s = storages.get(key);
        if (s == null) {
            throw new FileFormatException(file + ": storage key '" + key
                    + "' is in the storage-key list but no tensor in the pickle refers to it; its element size is unknown");
        }
        return s;
    }

    private int checkedSize(StorageRef s, Map<String, List<String>> usedBy) throws FileFormatException {
        long bytes = s.numel() * s.dtype().elementSize();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new FileFormatException(file + ": " + describeStorage(s.key(), s, usedBy) + " has " + bytes
                    + " bytes, more than one Java array can hold (2 GiB)");
        }
        return (int) bytes;
    }

    private FileFormatException truncated(String what, long expected, long found, long at) {
        long complete = headerEnd;
        for (String k : keys) {
            StorageRef s = storages.get(k);
            complete += 8 + (s == null ? 0 : s.numel() * s.dtype().elementSize());
        }
        return new FileFormatException(file + ": truncated: expected " + expected + " bytes of " + what
                + " at byte " + at + ", found " + Math.max(0, found) + " (the file has " + size
                + " bytes, the header describes a file of " + complete + " bytes)");
    }

    private static String abbreviate(List<String> keys) {
        return keys.size() <= 8 ? keys.toString() : keys.subList(0, 8) + " (" + keys.size() + " keys)";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
