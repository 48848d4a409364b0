package org.ganeval4j.internal;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * An array's values as a Java {@code float[]} in C order. A contiguous float32 or uint8 array is
 * copied straight out of its native buffer; anything else goes through ND4J's cast and copy
 * operations (which, for a batch of images, cost more than the copy itself).
 */
public final class HostValues {
    private HostValues() {
    }

    /** The values of {@code a}, C order, as float32 (exact for uint8 and float32, rounded otherwise). */
    public static float[] floats(INDArray a) {
        float[] out = new float[Math.toIntExact(a.length())];
        return copyRange(a, 0, out, out.length) ? out : a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /**
     * Copies {@code count} values of {@code a} (C order) from index {@code from} on into {@code dst}
     * when {@code a} is a contiguous float32 or uint8 array — a part of a large batch without a copy of
     * all of it; returns false, copying nothing, for any other array.
     */
    public static boolean copyRange(INDArray a, long from, float[] dst, int count) {
        if (!contiguous(a) || from < 0 || count < 0 || from + count > a.length()) {
            return false;
        }
        int at = Math.toIntExact(a.offset() + from);
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer b = a.data().asNioFloat();
            b.position(at);
            b.get(dst, 0, count);
            return true;
        }
        if (a.dataType() == DataType.UINT8) {
            ByteBuffer b = a.data().asNio();
            for (int i = 0; i < count; i++) {
                dst[i] = b.get(at + i) & 0xFF;
            }
            return true;
        }
        return false;
    }

    private static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isEmpty() && Shape.hasDefaultStridesForShape(a)
                && a.offset() + a.length() <= a.data().length();
    }
}
