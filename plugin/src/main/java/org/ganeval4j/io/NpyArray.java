package org.ganeval4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.ganeval4j.Beta;
import org.ganeval4j.io.internal.HalfFloat;

/**
 * An immutable n-dimensional NumPy array: element type, shape and the elements in C (row-major)
 * order, little-endian. Arrays read from Fortran-ordered or big-endian files are converted on
 * reading, so every {@code NpyArray} is C-ordered little-endian.
 *
 * <p>Factory methods copy the caller's arrays; accessors return copies. Thread safe.
 */
@Beta
public final class NpyArray {
    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;
    /** Characters per element for {@link DType#UNICODE}, else 0. */
    private final int unicodeLength;

    NpyArray(DType dtype, long[] shape, ByteBuffer data, int unicodeLength) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long n = elementCount(this.shape);
        long expected = n * dtype.itemSize() * (dtype == DType.UNICODE ? unicodeLength : 1);
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("array data has " + data.remaining() + " bytes, expected "
                    + expected + " for dtype " + dtype + " and shape " + Arrays.toString(shape));
        }
        this.data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        this.unicodeLength = unicodeLength;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    // ---------------------------------------------------------------- factories

    /** A float64 array of the given shape; {@code values} in C order. */
    public static NpyArray ofDoubles(double[] values, long... shape) {
        checkLength(values.length, shape);
        ByteBuffer b = allocate((long) values.length * 8);
        b.asDoubleBuffer().put(values);
        return new NpyArray(DType.FLOAT64, shape, b, 0);
    }

    /** A float32 array of the given shape; {@code values} in C order. */
    public static NpyArray ofFloats(float[] values, long... shape) {
        checkLength(values.length, shape);
        ByteBuffer b = allocate((long) values.length * 4);
        b.asFloatBuffer().put(values);
        return new NpyArray(DType.FLOAT32, shape, b, 0);
    }

    /** A uint8 array of the given shape; {@code values} (interpreted as unsigned) in C order. */
    public static NpyArray ofUint8(byte[] values, long... shape) {
        checkLength(values.length, shape);
        ByteBuffer b = allocate(values.length);
        b.put(values);
        b.flip();
        return new NpyArray(DType.UINT8, shape, b, 0);
    }

    /** An int64 array of the given shape; {@code values} in C order. */
    public static NpyArray ofLongs(long[] values, long... shape) {
        checkLength(values.length, shape);
        ByteBuffer b = allocate((long) values.length * 8);
        b.asLongBuffer().put(values);
        return new NpyArray(DType.INT64, shape, b, 0);
    }

    /** A 0-dimensional NumPy unicode string ({@code <U n}), as {@code numpy.array("...")} makes. */
    public static NpyArray ofString(String value) {
        int[] cps = value.codePoints().toArray();
        int len = Math.max(1, cps.length);
        ByteBuffer b = allocate(4L * len);
        for (int cp : cps) {
            b.putInt(cp);
        }
        while (b.hasRemaining()) {
            b.putInt(0);
        }
        b.flip();
        return new NpyArray(DType.UNICODE, new long[0], b, len);
    }

    /** A 1-D NumPy unicode array ({@code <U n}, n the longest string), as {@code numpy.array([...])} makes. */
    public static NpyArray ofStrings(java.util.List<String> values) {
        int len = Math.max(1, values.stream().mapToInt(v -> (int) v.codePoints().count()).max().orElse(1));
        ByteBuffer b = allocate(4L * len * values.size());
        for (String v : values) {
            int written = 0;
            for (int cp : v.codePoints().toArray()) {
                b.putInt(cp);
                written++;
            }
            for (; written < len; written++) {
                b.putInt(0);
            }
        }
        b.flip();
        return new NpyArray(DType.UNICODE, new long[] {values.size()}, b, len);
    }

    /** The strings of a {@link DType#UNICODE} array, in C order, trailing NULs removed. */
    public java.util.List<String> toStrings() {
        if (dtype != DType.UNICODE) {
            throw new IllegalStateException("expected a unicode array, found dtype " + descriptor());
        }
        ByteBuffer b = rawData();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (long i = 0; i < size(); i++) {
            StringBuilder sb = new StringBuilder();
            boolean ended = false;
            for (int k = 0; k < unicodeLength; k++) {
                int cp = b.getInt();
                if (cp == 0) {
                    ended = true;
                }
                if (!ended) {
                    sb.appendCodePoint(cp);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("array of " + bytes + " bytes exceeds the 2 GiB limit of one array");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkLength(int length, long[] shape) {
        long n = elementCount(shape);
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements, got " + length + " values");
        }
    }

    // ---------------------------------------------------------------- accessors

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy); empty for a 0-dimensional array. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Extent of dimension {@code i}. */
    public long shape(int i) {
        return shape[i];
    }

    /** Number of elements. */
    public long size() {
        return elementCount(shape);
    }

    /** NumPy's descriptor of this array's type, e.g. {@code <f4}. */
    public String descriptor() {
        return dtype.descriptor(unicodeLength);
    }

    /** The raw little-endian, C-ordered bytes (a read-only view). */
    public ByteBuffer rawData() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element {@code i} (flat C index) converted to double. Not defined for {@link DType#UNICODE}. */
    public double getDouble(long i) {
        int p = Math.toIntExact(i * dtype.itemSize());
        return switch (dtype) {
            case BOOL, UINT8 -> data.get(p) & 0xFF;
            case INT8 -> data.get(p);
            case INT16 -> data.getShort(p);
            case UINT16 -> data.getShort(p) & 0xFFFF;
            case INT32 -> data.getInt(p);
            case UINT32 -> data.getInt(p) & 0xFFFFFFFFL;
            case INT64 -> data.getLong(p);
            case UINT64 -> unsignedToDouble(data.getLong(p));
            case FLOAT16 -> HalfFloat.toFloat(data.getShort(p));
            case FLOAT32 -> data.getFloat(p);
            case FLOAT64 -> data.getDouble(p);
            case UNICODE -> throw new UnsupportedOperationException("unicode array has no numeric elements");
        };
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    /** All elements converted to double (exact for every numeric type but int64 beyond 2^53). */
    public double[] toDoubleArray() {
        requireNumeric();
        int n = Math.toIntExact(size());
        double[] out = new double[n];
        if (dtype == DType.FLOAT64) {
            rawData().asDoubleBuffer().get(out);
        } else if (dtype == DType.FLOAT32) {
            var fb = rawData().asFloatBuffer();
            for (int i = 0; i < n; i++) {
                out[i] = fb.get(i);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = getDouble(i);
            }
        }
        return out;
    }

    /** All elements converted to float (rounded for float64). */
    public float[] toFloatArray() {
        requireNumeric();
        int n = Math.toIntExact(size());
        float[] out = new float[n];
        if (dtype == DType.FLOAT32) {
            rawData().asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) getDouble(i);
            }
        }
        return out;
    }

    /** The bytes of a {@link DType#UINT8} / {@link DType#INT8} / {@link DType#BOOL} array. */
    public byte[] toByteArray() {
        if (dtype.itemSize() != 1 || dtype == DType.UNICODE) {
            throw new IllegalStateException("expected a uint8 array, found dtype " + descriptor());
        }
        byte[] out = new byte[Math.toIntExact(size())];
        rawData().get(out);
        return out;
    }

    /** The string of a 0-dimensional (or single-element) {@link DType#UNICODE} array, trailing NULs removed. */
    public String toUnicodeString() {
        if (dtype != DType.UNICODE || size() != 1) {
            throw new IllegalStateException("expected a single unicode string, found dtype " + descriptor()
                    + " shape " + Arrays.toString(shape));
        }
        ByteBuffer b = rawData();
        StringBuilder sb = new StringBuilder(unicodeLength);
        for (int i = 0; i < unicodeLength; i++) {
            int cp = b.getInt();
            if (cp == 0) {
                break;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private void requireNumeric() {
        if (dtype == DType.UNICODE) {
            throw new IllegalStateException("expected a numeric array, found dtype " + descriptor());
        }
    }

    int unicodeLength() {
        return unicodeLength;
    }

    /** Shape and type, e.g. {@code float32 [2000, 64]}. */
    @Override
    public String toString() {
        return dtype.name().toLowerCase(java.util.Locale.ROOT) + " " + Arrays.toString(shape);
    }

    /** Decodes UTF-8 header text; kept here so readers share one charset choice. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
