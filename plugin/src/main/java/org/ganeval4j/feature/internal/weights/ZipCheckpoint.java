package org.ganeval4j.feature.internal.weights;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.ganeval4j.feature.internal.weights.TorchUnpickler.StorageRef;
import org.ganeval4j.feature.internal.weights.TorchUnpickler.TensorRef;
import org.ganeval4j.io.FileFormatException;

/**
 * The zip {@code torch.save} format (PyTorch 1.6+): {@code <prefix>/data.pkl} holds the object with
 * persistent ids {@code ('storage', storage_type, key, location, numel)}, {@code <prefix>/data/<key>}
 * the raw elements of each storage, {@code <prefix>/byteorder} (when present) {@code little} or
 * {@code big}. The prefix is the archive's folder name, which varies.
 */
final class ZipCheckpoint extends CheckpointFile {
    /** The largest {@code data.pkl} read (inflated): a state dict's pickle is a few MB. */
    static final int MAX_PICKLE_BYTES = 256 << 20;

    private final ZipFile zip;
    private final String prefix;
    private final ByteOrder order;

    private ZipCheckpoint(Path file, ZipFile zip) throws IOException {
        super(file);
        this.zip = zip;
        List<String> names = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            names.add(en.nextElement().getName());
        }
        String pkl = dataPkl(names);
        if (pkl == null) {
            throw new FileFormatException(file + ": a zip archive without a <folder>/data.pkl entry, so not a"
                    + " torch.save checkpoint (entries: " + abbreviate(names) + ")");
        }
        this.prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
        this.order = byteOrder(zip.getEntry(prefix + "byteorder"));
        byte[] pickle;
        try (InputStream in = zip.getInputStream(zip.getEntry(pkl))) {
            pickle = in.readNBytes(MAX_PICKLE_BYTES + 1);
        }
        if (pickle.length > MAX_PICKLE_BYTES) {
            throw new FileFormatException(file + ": " + pkl + " inflates to more than " + (MAX_PICKLE_BYTES >> 20)
                    + " MiB: not the pickle of a state dict (a checkpoint's is a few MB at most)");
        }
        Object root = parse(pkl, pickle);
        root(file.toString(), root);
    }

    static ZipCheckpoint openZip(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw diagnose(file, e);
        }
        try {
            return new ZipCheckpoint(file, zip);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** The shortest entry named {@code data.pkl} or ending in {@code /data.pkl}. */
    private static String dataPkl(Collection<String> names) {
        return names.stream()
                .filter(n -> n.equals("data.pkl") || n.endsWith("/data.pkl"))
                .min(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    private ByteOrder byteOrder(ZipEntry e) throws IOException {
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String s;
        try (InputStream in = zip.getInputStream(e)) {
            s = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
        }
        switch (s) {
            case "little": return ByteOrder.LITTLE_ENDIAN;
            case "big": return ByteOrder.BIG_ENDIAN;
            default: throw new FileFormatException(file + ": " + e.getName() + " says '" + s + "', expected little or big");
        }
    }

    private Object parse(String entry, byte[] pickle) throws FileFormatException {
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(pickle));
        try {
            return new TorchUnpickler(LegacyCheckpoint::fromBytes).load(in);
        } catch (IOException | RuntimeException e) {
            throw pickleError(entry, in.count(), pickle.length, e);
        }
    }

    @Override
    public String formatName() {
        return "zip";
    }

    @Override
    public void readStorages(Collection<StorageRef> needed, Map<String, List<String>> usedBy, StorageSink sink)
            throws IOException {
        for (StorageRef s : needed) {
            if (s.inline() != null) {
                continue;
            }
            String name = prefix + "data/" + s.key();
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                throw new FileFormatException(file + ": " + describeStorage(name, s, usedBy)
                        + " is missing: the archive has no entry " + name);
            }
            long bytes = Math.multiplyExact(s.numel(), s.dtype().elementSize());
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new FileFormatException(file + ": " + describeStorage(name, s, usedBy) + " has " + bytes
                        + " bytes, more than one Java array can hold (2 GiB)");
            }
            if (e.getSize() >= 0 && e.getSize() < bytes) {
                throw new FileFormatException(file + ": truncated: expected " + bytes + " bytes of storage data for "
                        + describeStorage(name, s, usedBy) + ", found " + e.getSize());
            }
            byte[] data;
            try (InputStream in = zip.getInputStream(e)) {
                data = in.readNBytes((int) bytes);
            } catch (ZipException | java.io.EOFException ex) {
                throw new FileFormatException(file + ": corrupt entry " + name + " of "
                        + describeStorage(name, s, usedBy) + ": " + ex.getMessage(), ex);
            }
            if (data.length != bytes) {
                throw new FileFormatException(file + ": truncated: expected " + bytes + " bytes of storage data for "
                        + describeStorage(name, s, usedBy) + ", found " + data.length);
            }
            sink.accept(s, ByteBuffer.wrap(data).order(order));
        }
    }

    /**
     * Explains why a zip checkpoint has no readable central directory (typically: the download or
     * copy was cut short) by walking its local entries: which storage is cut, and how much of it is there.
     */
    private static FileFormatException diagnose(Path file, ZipException cause) throws IOException {
        long size = Files.size(file);
        Map<String, long[]> seen = new LinkedHashMap<>();
        Map<String, byte[]> pickles = new LinkedHashMap<>();
        try (ZipInputStream zin = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            ZipEntry e;
            byte[] buf = new byte[1 << 16];
            while ((e = zin.getNextEntry()) != null) {
                long[] info = {e.getSize(), 0, 0};
                seen.put(e.getName(), info);
                boolean pickle = e.getName().endsWith("data.pkl");
                ByteArrayOutputStream keep = pickle ? new ByteArrayOutputStream() : null;
                int n;
                while ((n = zin.read(buf)) > 0) {
                    info[1] += n;
                    if (keep != null) {
                        keep.write(buf, 0, n);
                        if (keep.size() > MAX_PICKLE_BYTES) {
                            keep = null;
                        }
                    }
                }
                info[2] = 1;
                if (pickle && keep != null) {
                    pickles.put(e.getName(), keep.toByteArray());
                }
            }
        } catch (IOException | RuntimeException stop) {
            // the walk ends where the data ends
        }
        String head = file + ": not a complete zip archive (" + cause.getMessage() + "; the file has " + size + " bytes)";
        String pkl = dataPkl(seen.keySet());
        if (pkl == null) {
            return new FileFormatException(head + ": no <folder>/data.pkl entry in its readable part"
                    + (seen.isEmpty() ? "" : " (entries: " + abbreviate(new ArrayList<>(seen.keySet())) + ")"), cause);
        }
        long[] pinfo = seen.get(pkl);
        if (!pickles.containsKey(pkl)) {
            return new FileFormatException(head + ": truncated: expected " + pinfo[0] + " bytes of " + pkl
                    + ", found " + pinfo[1], cause);
        }
        TorchUnpickler u = new TorchUnpickler(LegacyCheckpoint::fromBytes);
        Object root;
        try {
            root = u.load(new ByteArrayInputStream(pickles.get(pkl)));
        } catch (IOException | RuntimeException e) {
            return new FileFormatException(head + "; its " + pkl + " is unreadable too: " + e.getMessage(), cause);
        }
        Map<String, List<String>> usedBy = new LinkedHashMap<>();
        Map<String, TensorRef> described;
        try {
            described = TorchUnpickler.tensors(root);
        } catch (net.razorvine.pickle.PickleException e) {
            return new FileFormatException(head + "; its " + pkl + " is unreadable too: " + e.getMessage(), cause);
        }
        described.forEach((name, t) ->
                usedBy.computeIfAbsent(t.storage().key(), k -> new ArrayList<>()).add(name));
        String prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
        for (StorageRef s : u.storages().values()) {
            String name = prefix + "data/" + s.key();
            long bytes = s.numel() * s.dtype().elementSize();
            long[] info = seen.get(name);
            if (info == null) {
                return new FileFormatException(head + ": truncated: expected " + bytes + " bytes of storage data for "
                        + describeStorage(name, s, usedBy) + ", found 0 (the entry is missing)", cause);
            }
            if (info[2] == 0 || info[1] < bytes) {
                return new FileFormatException(head + ": truncated: expected " + bytes + " bytes of storage data for "
                        + describeStorage(name, s, usedBy) + ", found " + info[1], cause);
            }
        }
        return new FileFormatException(head + ": all " + u.storages().size()
                + " storages are present, but the archive's directory is damaged", cause);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " (" + names.size() + " entries)";
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
