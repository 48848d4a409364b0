package org.ganeval4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganeval4j.Beta;

/**
 * Reads and writes single arrays in NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0; C or
 * Fortran order; either byte order on reading). Written files are version 1.0 (2.0 when the header
 * needs it), little-endian, C order, with the header padded to 64 bytes as NumPy does.
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>
 */
@Beta
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads one array from a {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), Files.size(file), true);
        }
    }

    /** Reads only the header of a {@code .npy} file. */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readHeader(in, file.toString());
        }
    }

    /**
     * Reads one array from a stream positioned at the {@code .npy} magic number.
     *
     * @param name what to call the source in error messages (a file name, an npz entry)
     * @throws FileFormatException when the header is malformed or the data is truncated
     */
    public static NpyArray read(InputStream in, String name) throws IOException {
        return read(in, name, Long.MAX_VALUE, false);
    }

    /**
     * Reads one array whose data can be at most {@code available} bytes (what the file or entry holds
     * after the header), refusing a header that claims more before reading or allocating anything.
     *
     * @param availableIsReal {@code available} counts bytes that are really there (a file's size, a
     *                        stored zip entry within its file): the data is read straight into one
     *                        array of the claimed size; otherwise (an inflated entry, whose size a zip
     *                        may misstate) memory grows only with the bytes actually read
     */
    static NpyArray read(InputStream in, String name, long available, boolean availableIsReal) throws IOException {
        Layout l = layout(in, name, available);
        long[] shape = l.header().shape();
        long bytes = l.bytes();
        byte[] data;
        if (availableIsReal && available != Long.MAX_VALUE) {
            data = new byte[(int) bytes];
            // 64 KiB at a time: one huge read makes the file layer allocate (and fault in) a temporary
            // native buffer as large as the array
            int got = 0;
            for (int r; got < data.length && (r = in.readNBytes(data, got, Math.min(1 << 16, data.length - got))) > 0; ) {
                got += r;
            }
            if (got != bytes) {
                data = Arrays.copyOf(data, got);
            }
        } else {
            data = in.readNBytes((int) bytes);
        }
        if (data.length != bytes) {
            throw l.truncated(name, data.length);
        }
        int size = l.dtype().itemSize();
        if (l.bigEndian() && size > 1) {
            swapBytes(data, size);
        }
        if (l.header().fortranOrder() && shape.length > 1) {
            data = fortranToC(data, shape, l.width());
        }
        return new NpyArray(l.dtype(), shape, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), l.unicodeLength());
    }

    /** What a header says about the data after it, checked against what the source can hold. */
    private record Layout(NpyHeader header, DType dtype, boolean bigEndian, int unicodeLength, int width, long bytes) {
        FileFormatException truncated(String name, long found) {
            return new FileFormatException(name + ": truncated: expected " + bytes + " bytes of array data for "
                    + header.descriptor() + " " + Arrays.toString(header.shape()) + ", found " + found);
        }
    }

    private static Layout layout(InputStream in, String name, long available) throws IOException {
        NpyHeader h = readHeader(in, name);
        int[] info = new int[2];
        DType dtype;
        try {
            dtype = DType.parse(h.descriptor(), info);
        } catch (FileFormatException e) {
            throw new FileFormatException(name + ": " + e.getMessage(), e);
        }
        int unicodeLength = dtype == DType.UNICODE ? info[1] : 0;
        long[] shape = h.shape();
        long n = NpyArray.elementCount(shape);
        int width = dtype.itemSize() * (dtype == DType.UNICODE ? unicodeLength : 1);
        long bytes;
        try {
            bytes = Math.multiplyExact(n, width);
        } catch (ArithmeticException e) {
            throw new FileFormatException(name + ": shape " + java.util.Arrays.toString(shape) + " of " + h.descriptor()
                    + " claims more bytes than a 64-bit count holds");
        }
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new FileFormatException(name + ": array of " + bytes + " bytes exceeds the 2 GiB limit of one array");
        }
        long headerBytes = h.headerBytes();
        if (available != Long.MAX_VALUE && bytes > available - headerBytes) {
            throw new FileFormatException(name + ": truncated or corrupt: the header claims " + bytes + " bytes of "
                    + h.descriptor() + " " + java.util.Arrays.toString(shape) + " but the file holds "
                    + Math.max(0, available - headerBytes) + " after the header");
        }
        return new Layout(h, dtype, info[0] == 1, unicodeLength, width, bytes);
    }

    /**
     * Streams the elements of a numeric array, converted to float64 and in C order, into
     * {@code target}'s next positions, 64 KiB at a time: the array is never held on the Java heap
     * (for a large matrix on its way to native memory).
     *
     * @param available at most this many bytes follow the magic number ({@link Long#MAX_VALUE}: unknown)
     * @return the array's header
     * @throws FileFormatException      when the array is not numeric or is truncated
     * @throws IllegalArgumentException when {@code target} has fewer positions left than the array has elements
     */
    static NpyHeader readDoubles(InputStream in, String name, long available, java.nio.DoubleBuffer target)
            throws IOException {
        Layout l = layout(in, name, available);
        DType dtype = l.dtype();
        long[] shape = l.header().shape();
        if (dtype == DType.UNICODE) {
            throw new FileFormatException(name + ": expected a numeric array, found " + l.header().descriptor());
        }
        long n = NpyArray.elementCount(shape);
        if (n > target.remaining()) {
            throw new IllegalArgumentException(name + ": " + n + " elements do not fit the " + target.remaining()
                    + " positions left");
        }
        int size = dtype.itemSize();
        boolean fortran = l.header().fortranOrder() && shape.length > 1;
        int base = target.position();
        byte[] chunk = new byte[(1 << 16) / 8 * 8];
        long[] fIndex = new long[shape.length];
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(chunk.length / size, n - done);
            int got = in.readNBytes(chunk, 0, want * size);
            if (got != want * size) {
                throw l.truncated(name, done * size + got);
            }
            if (l.bigEndian() && size > 1) {
                swapBytes(chunk, size, got);
            }
            ByteBuffer bytes = ByteBuffer.wrap(chunk, 0, got).order(ByteOrder.LITTLE_ENDIAN);
            if (!fortran && dtype == DType.FLOAT64) {
                target.put(base + (int) done, bytes.asDoubleBuffer(), 0, want);
            } else {
                NpyArray part = new NpyArray(dtype, new long[] {want}, bytes, 0);
                for (int i = 0; i < want; i++) {
                    long at = fortran ? cIndexOfNext(fIndex, shape) : done + i;
                    target.put(base + (int) at, part.getDouble(i));
                }
            }
            done += want;
        }
        target.position(base + (int) n);
        return l.header();
    }

    /** The C-order index of the element at Fortran-order multi-index {@code f}, which then moves one step on. */
    private static long cIndexOfNext(long[] f, long[] shape) {
        long c = 0;
        for (int k = 0; k < shape.length; k++) {
            c = c * shape[k] + f[k];
        }
        for (int k = 0; k < shape.length; k++) {
            if (++f[k] < shape[k]) {
                break;
            }
            f[k] = 0;
        }
        return c;
    }

    /** Reads the header of a stream positioned at the {@code .npy} magic number. */
    public static NpyHeader readHeader(InputStream in, String name) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            throw new FileFormatException(name + ": not a .npy array: expected the 8-byte magic \\x93NUMPY and version,"
                    + " found " + magic.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new FileFormatException(name + ": not a .npy array: expected magic \\x93NUMPY, found "
                        + describe(magic, 6));
            }
        }
        int major = magic[6] & 0xFF;
        int minor = magic[7] & 0xFF;
        int headerLength;
        if (major == 1) {
            byte[] len = readExactly(in, 2, name, "header length");
            headerLength = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = readExactly(in, 4, name, "header length");
            long l = (len[0] & 0xFFL) | (len[1] & 0xFFL) << 8 | (len[2] & 0xFFL) << 16 | (len[3] & 0xFFL) << 24;
            if (l > 1 << 24) {
                throw new FileFormatException(name + ": implausible .npy header length " + l);
            }
            headerLength = (int) l;
        } else {
            throw new FileFormatException(name + ": unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        byte[] header = readExactly(in, headerLength, name, "header");
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(text);
        Matcher f = FORTRAN.matcher(text);
        Matcher s = SHAPE.matcher(text);
        if (!d.find() || !f.find() || !s.find()) {
            String shown = text.strip();
            if (shown.length() > 200) {
                shown = shown.substring(0, 200) + "… (" + shown.length() + " characters)";
            }
            throw new FileFormatException(name + ": malformed .npy header (expected 'descr', 'fortran_order' and"
                    + " 'shape'), found: " + shown);
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.isEmpty()) {
                try {
                    dims.add(Long.parseLong(p));
                } catch (NumberFormatException e) {
                    throw new FileFormatException(name + ": malformed shape in .npy header: (" + s.group(1) + ")");
                }
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new FileFormatException(name + ": negative dimension in the .npy shape " + Arrays.toString(shape));
            }
            if (dim != 0 && count > Long.MAX_VALUE / dim) {
                throw new FileFormatException(name + ": the .npy shape " + Arrays.toString(shape)
                        + " has more elements than a 64-bit count holds");
            }
            count *= dim;
        }
        return new NpyHeader(major, minor, d.group(1), f.group(1).equals("True"), shape,
                8 + (major == 1 ? 2 : 4) + headerLength);
    }

    private static byte[] readExactly(InputStream in, int n, String name, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new FileFormatException(name + ": truncated .npy " + what + ": expected " + n + " bytes, found "
                    + b.length);
        }
        return b;
    }

    private static String describe(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }

    private static void swapBytes(byte[] data, int size) {
        swapBytes(data, size, data.length);
    }

    private static void swapBytes(byte[] data, int size, int length) {
        for (int i = 0; i < length; i += size) {
            for (int a = i, b = i + size - 1; a < b; a++, b--) {
                byte t = data[a];
                data[a] = data[b];
                data[b] = t;
            }
        }
    }

    private static byte[] fortranToC(byte[] data, long[] shape, int width) {
        int nd = shape.length;
        long n = NpyArray.elementCount(shape);
        long[] fStride = new long[nd];
        long acc = 1;
        for (int k = 0; k < nd; k++) {
            fStride[k] = acc;
            acc *= shape[k];
        }
        byte[] out = new byte[data.length];
        long[] idx = new long[nd];
        for (long c = 0; c < n; c++) {
            long f = 0;
            for (int k = 0; k < nd; k++) {
                f += idx[k] * fStride[k];
            }
            System.arraycopy(data, (int) (f * width), out, (int) (c * width), width);
            for (int k = nd - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
    }

    /** Writes one array as a {@code .npy} stream. */
    public static void write(NpyArray array, OutputStream out) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        long[] s = array.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]);
            if (s.length == 1 || i < s.length - 1) {
                shape.append(s.length == 1 ? "," : ", ");
            }
        }
        shape.append(')');
        String dict = "{'descr': '" + array.descriptor() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        byte[] dictBytes = dict.getBytes(StandardCharsets.ISO_8859_1);
        int major = 1;
        int prefix = 10;
        int total = prefix + dictBytes.length + 1;
        int padded = (total + 63) / 64 * 64;
        if (padded - prefix > 65535) {
            major = 2;
            prefix = 12;
            total = prefix + dictBytes.length + 1;
            padded = (total + 63) / 64 * 64;
        }
        int headerLength = padded - prefix;
        ByteArrayOutputStream head = new ByteArrayOutputStream(padded);
        head.write(MAGIC);
        head.write(major);
        head.write(0);
        head.write(headerLength & 0xFF);
        head.write((headerLength >>> 8) & 0xFF);
        if (major == 2) {
            head.write((headerLength >>> 16) & 0xFF);
            head.write((headerLength >>> 24) & 0xFF);
        }
        head.write(dictBytes);
        for (int i = prefix + dictBytes.length; i < padded - 1; i++) {
            head.write(' ');
        }
        head.write('\n');
        head.writeTo(out);
        ByteBuffer data = array.rawData();
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        } else {
            byte[] chunk = new byte[1 << 16];
            while (data.hasRemaining()) {
                int k = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, k);
                out.write(chunk, 0, k);
            }
        }
    }

    /** Writes one array to a {@code .npy} file, atomically (a partial file never replaces an existing one). */
    public static void write(NpyArray array, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            try (OutputStream o = new BufferedOutputStream(out, 1 << 16)) {
                write(array, o);
            }
        });
    }
}
