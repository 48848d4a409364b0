package org.ganeval4j.feature.internal.weights;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganeval4j.feature.internal.weights.TorchUnpickler.StorageRef;
import org.ganeval4j.feature.internal.weights.TorchUnpickler.TensorRef;
import org.ganeval4j.io.FileFormatException;

/** An opened checkpoint: its parsed header and a way to read its storages. Not thread safe. */
public abstract class CheckpointFile implements Closeable {
    /** Receives one storage's bytes (positioned at 0, in the file's byte order). */
    @FunctionalInterface
    public interface StorageSink {
        void accept(StorageRef storage, ByteBuffer data) throws IOException;
    }

    protected final Path file;
    private LinkedHashMap<String, TensorRef> tensors;
    private String rootDescription;

    protected CheckpointFile(Path file) {
        this.file = file;
    }

    /** Opens a checkpoint, choosing the reader by its first bytes ({@code PK\3\4} is the zip format). */
    public static CheckpointFile open(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZipCheckpoint.openZip(file);
        }
        if (head.length > 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ustar")) {
            throw new FileFormatException(file + ": a tar archive: the tar checkpoint format of PyTorch before 0.1.10"
                    + " is not supported; re-save it with a recent torch.save");
        }
        if (head.length == 0) {
            throw new FileFormatException(file + ": empty file, expected a PyTorch checkpoint");
        }
        return LegacyCheckpoint.openLegacy(file);
    }

    /** {@code "legacy"} or {@code "zip"}. */
    public abstract String formatName();

    /** The tensors the header describes, by flattened name, in file order. */
    public final LinkedHashMap<String, TensorRef> tensors() {
        return tensors;
    }

    /** What the pickle's top-level object is, for messages ("a dict of 3 entries", "a torch.nn...Conv2d"). */
    public final String rootDescription() {
        return rootDescription;
    }

    /**
     * Takes the tensors and the description from the header pickle's top-level object; a subclass's
     * constructor calls it once, after parsing.
     *
     * @param name what to call the file in messages
     * @throws FileFormatException when the object holds no readable tensors
     */
    protected final void root(String name, Object root) throws FileFormatException {
        try {
            this.tensors = TorchUnpickler.tensors(root);
        } catch (net.razorvine.pickle.PickleException e) {
            throw new FileFormatException(name + ": " + e.getMessage(), e);
        }
        this.rootDescription = describeRoot(root);
    }

    /** Describes a top-level object for {@link #rootDescription()}. */
    private static String describeRoot(Object root) {
        if (root instanceof java.util.Map<?, ?> m) {
            return "a dict of " + m.size() + " entries " + abbreviateKeys(m.keySet());
        }
        if (root instanceof TorchUnpickler.PyObject o) {
            return "an object of class " + o.type();
        }
        return TorchUnpickler.describe(root);
    }

    private static String abbreviateKeys(java.util.Set<?> keys) {
        List<String> names = keys.stream().map(String::valueOf).limit(6).toList();
        return names + (keys.size() > 6 ? " ..." : "");
    }

    /**
     * Reads the data of the given storages (those without inline data) and hands each to {@code sink}.
     *
     * @param usedBy tensor names per storage key, for error messages
     * @throws FileFormatException when a storage is missing, truncated or inconsistent
     */
    public abstract void readStorages(Collection<StorageRef> needed, Map<String, List<String>> usedBy,
                                      StorageSink sink) throws IOException;

    /** "storage 'k' (FloatStorage, 864 elements, used by tensor 'a' and 2 more)". */
    protected static String describeStorage(String label, StorageRef s, Map<String, List<String>> usedBy) {
        List<String> users = usedBy.getOrDefault(s.key(), List.of());
        String use = users.isEmpty() ? "" : ", used by tensor '" + users.get(0) + "'"
                + (users.size() > 1 ? " and " + (users.size() - 1) + " more" : "");
        return "storage '" + label + "' (" + s.typeName() + ", " + s.numel() + " elements" + use + ")";
    }

    /** A pickle failure as a format error naming the file, the part and the byte position. */
    protected FileFormatException pickleError(String part, long position, long fileSize, Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean eof = msg.contains("premature end") || msg.contains("expected more bytes") || e instanceof java.io.EOFException;
        String what = eof
                ? "truncated inside the " + part + " pickle: the input ends at byte " + position + " of " + fileSize
                : "corrupt " + part + " pickle near byte " + position + " of " + fileSize + ": " + msg;
        return new FileFormatException(file + ": " + what, e);
    }
}
