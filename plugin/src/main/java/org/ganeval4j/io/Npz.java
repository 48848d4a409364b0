package org.ganeval4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ganeval4j.Beta;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip file with one {@code KEY.npy} entry per array,
 * entries STORED ({@code numpy.savez}) or DEFLATED ({@code numpy.savez_compressed}, which is what
 * pytorch-fid writes). Every entry's CRC-32 is verified on reading.
 */
@Beta
public final class Npz {
    private Npz() {
    }

    /** Reads every array of an {@code .npz} file, in archive order. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                out.put(key(e), readEntry(zip, e, file));
            }
        }
        return out;
    }

    /**
     * Reads one array of an {@code .npz} file.
     *
     * @throws FileFormatException when the archive has no such key (the message lists the keys it has)
     */
    public static NpyArray read(Path file, String key) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry e = entry(zip, file, key);
            return readEntry(zip, e, file);
        }
    }

    /**
     * Streams the elements of the numeric array {@code key}, converted to float64 and in C order,
     * into {@code target}'s next positions, checking the entry's CRC-32: the array is never held on
     * the Java heap (for a large matrix on its way to native memory).
     *
     * @return the array's header
     * @throws FileFormatException when the archive has no such key, the array is not numeric or the
     *                             entry is corrupt
     */
    public static NpyHeader readDoubles(Path file, String key, java.nio.DoubleBuffer target) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry e = entry(zip, file, key);
            return readChecked(zip, e, file, (in, name) -> Npy.readDoubles(in, name, availableBytes(e), target));
        }
    }

    private static ZipEntry entry(ZipFile zip, Path file, String key) throws FileFormatException {
        ZipEntry e = zip.getEntry(key + ".npy");
        if (e == null) {
            e = zip.getEntry(key);
        }
        if (e == null) {
            throw new FileFormatException(file + ": no array '" + key + "' (found: " + keys(zip) + ")");
        }
        return e;
    }

    /** The keys of an {@code .npz} file, in archive order. */
    public static List<String> keys(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            return keys(zip);
        }
    }

    /** The header of every array (type, shape) without reading the data; for inspection. */
    public static Map<String, NpyHeader> headers(Path file) throws IOException {
        Map<String, NpyHeader> out = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e))) {
                    out.put(key(e), Npy.readHeader(in, file + "[" + e.getName() + "]"));
                } catch (ZipException z) {
                    throw corrupt(file, e, z);
                }
            }
        }
        return out;
    }

    /** True when the entry {@code key} of the archive is stored compressed. */
    public static boolean isCompressed(Path file, String key) throws IOException {
        try (ZipFile zip = open(file)) {
            ZipEntry e = zip.getEntry(key + ".npy");
            return e != null && e.getMethod() == ZipEntry.DEFLATED;
        }
    }

    private static List<String> keys(ZipFile zip) {
        List<String> keys = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            if (!e.isDirectory()) {
                keys.add(key(e));
            }
        }
        return keys;
    }

    private static String key(ZipEntry e) {
        String n = e.getName();
        return n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new FileFormatException(file + ": not a readable .npz (zip) archive, it may be truncated or"
                    + " corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static NpyArray readEntry(ZipFile zip, ZipEntry e, Path file) throws IOException {
        // a stored entry's bytes lie in the file (its claimed size is checked against the file's)
        boolean real = e.getMethod() == ZipEntry.STORED && e.getSize() >= 0 && e.getSize() <= Files.size(file);
        return readChecked(zip, e, file, (in, name) -> Npy.read(in, name, availableBytes(e), real));
    }

    private static long availableBytes(ZipEntry e) {
        return e.getSize() >= 0 ? e.getSize() : Long.MAX_VALUE;
    }

    /** Reads one entry through {@code reader}, then the rest of it, and checks its CRC-32. */
    private static <T> T readChecked(ZipFile zip, ZipEntry e, Path file, EntryReader<T> reader) throws IOException {
        String name = file + "[" + e.getName() + "]";
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
            T value = reader.read(new BufferedInputStream(in, 1 << 16), name);
            in.transferTo(OutputStream.nullOutputStream());
            if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
                throw new FileFormatException(name + ": corrupt entry: CRC-32 expected "
                        + Long.toHexString(e.getCrc()) + ", found " + Long.toHexString(in.getChecksum().getValue()));
            }
            return value;
        } catch (ZipException | java.io.EOFException z) {
            throw corrupt(file, e, z);
        }
    }

    @FunctionalInterface
    private interface EntryReader<T> {
        T read(InputStream in, String name) throws IOException;
    }

    private static FileFormatException corrupt(Path file, ZipEntry e, IOException cause) {
        return new FileFormatException(file + "[" + e.getName() + "]: corrupt or truncated .npz entry ("
                + cause.getMessage() + ")", cause);
    }

    /**
     * Writes arrays to an {@code .npz} file that {@code numpy.load} reads, atomically.
     *
     * @param compressed DEFLATED entries (as {@code numpy.savez_compressed}) instead of STORED
     */
    public static void write(Path file, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        AtomicFiles.write(file, raw -> {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    Npy.write(a.getValue(), buf);
                    byte[] bytes = buf.toByteArray();
                    ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                    if (compressed) {
                        e.setMethod(ZipEntry.DEFLATED);
                    } else {
                        CRC32 crc = new CRC32();
                        crc.update(bytes);
                        e.setMethod(ZipEntry.STORED);
                        e.setSize(bytes.length);
                        e.setCompressedSize(bytes.length);
                        e.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(e);
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        });
    }
}
