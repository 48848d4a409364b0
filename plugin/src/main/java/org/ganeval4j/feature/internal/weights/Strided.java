package org.ganeval4j.feature.internal.weights;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.function.IntToLongFunction;
import org.ganeval4j.io.internal.HalfFloat;

/**
 * Copies a strided view of a storage into a new C-contiguous array: element
 * {@code (i0, ..., ik)} of the view is storage element {@code offset + sum(ij * stride[j])}.
 * Rows along the last dimension are copied in bulk when that stride is 1.
 */
public final class Strided {
    private Strided() {
    }

    /** Copies {@code len} elements from storage index {@code src}, {@code step} apart, to {@code dst[off..]}. */
    @FunctionalInterface
    private interface Run {
        void copy(int src, int step, int off, int len);
    }

    /** The number of elements of {@code shape}. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** True when {@code stride} is the C-order stride of {@code shape} (ignoring dimensions of size 1). */
    public static boolean isContiguous(long[] shape, long[] stride) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * Checks that the view lies inside a storage of {@code available} elements.
     *
     * @return null when it does, else what is wrong
     */
    public static String checkBounds(long offset, long[] shape, long[] stride, long available) {
        if (offset < 0) {
            return "negative storage offset " + offset;
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                return "negative size or stride: size " + Arrays.toString(shape) + ", stride " + Arrays.toString(stride);
            }
        }
        long n = numel(shape);
        if (n == 0) {
            return null;
        }
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
        }
        if (last >= available) {
            return "the view (offset " + offset + ", size " + Arrays.toString(shape) + ", stride "
                    + Arrays.toString(stride) + ") reaches element " + last + " of a storage of " + available + " elements";
        }
        if (n > Integer.MAX_VALUE - 8) {
            return n + " elements exceed the limit of one Java array";
        }
        return null;
    }

    /** Gathers a floating-point view as float32 ({@code float64} is rounded to nearest). */
    public static float[] floats(ByteBuffer data, TorchDType dtype, long offset, long[] shape, long[] stride) {
        float[] dst = new float[(int) numel(shape)];
        Run run;
        switch (dtype) {
            case FLOAT32: {
                FloatBuffer b = data.asFloatBuffer();
                run = bulkOr((src, step, off, len) -> b.get(src, dst, off, len), floatRun(dst, b::get));
                break;
            }
            case FLOAT64: {
                DoubleBuffer b = data.asDoubleBuffer();
                run = floatRun(dst, i -> (float) b.get(i));
                break;
            }
            case FLOAT16: {
                ShortBuffer b = data.asShortBuffer();
                run = floatRun(dst, i -> HalfFloat.toFloat(b.get(i)));
                break;
            }
            case BFLOAT16: {
                ShortBuffer b = data.asShortBuffer();
                run = floatRun(dst, i -> Float.intBitsToFloat((b.get(i) & 0xFFFF) << 16));
                break;
            }
            default:
                throw new IllegalArgumentException(dtype + " is not a floating-point type");
        }
        walk(offset, shape, stride, run);
        return dst;
    }

    /** Gathers an integer or boolean view as int64 ({@code uint8} as 0..255, {@code bool} as 0/1). */
    public static long[] longs(ByteBuffer data, TorchDType dtype, long offset, long[] shape, long[] stride) {
        long[] dst = new long[(int) numel(shape)];
        Run run;
        switch (dtype) {
            case INT64: {
                LongBuffer b = data.asLongBuffer();
                run = bulkOr((src, step, off, len) -> b.get(src, dst, off, len), longRun(dst, b::get));
                break;
            }
            case INT32: {
                IntBuffer b = data.asIntBuffer();
                run = longRun(dst, b::get);
                break;
            }
            case INT16: {
                ShortBuffer b = data.asShortBuffer();
                run = longRun(dst, b::get);
                break;
            }
            case INT8:
                run = longRun(dst, data::get);
                break;
            case UINT8:
                run = longRun(dst, i -> data.get(i) & 0xFF);
                break;
            case BOOL:
                run = longRun(dst, i -> data.get(i) != 0 ? 1 : 0);
                break;
            default:
                throw new IllegalArgumentException(dtype + " is not an integer type");
        }
        walk(offset, shape, stride, run);
        return dst;
    }

    /** Storage element {@code index} as float32. */
    @FunctionalInterface
    private interface FloatAt {
        float at(int index);
    }

    /** {@code bulk} for contiguous runs (step 1, the same element type as the target), else {@code each}. */
    private static Run bulkOr(Run bulk, Run each) {
        return (src, step, off, len) -> (step == 1 ? bulk : each).copy(src, step, off, len);
    }

    /** A run that converts element by element into {@code dst}. */
    private static Run floatRun(float[] dst, FloatAt element) {
        return (src, step, off, len) -> {
            for (int i = 0; i < len; i++, src += step) {
                dst[off + i] = element.at(src);
            }
        };
    }

    /** A run that converts element by element into {@code dst}. */
    private static Run longRun(long[] dst, IntToLongFunction element) {
        return (src, step, off, len) -> {
            for (int i = 0; i < len; i++, src += step) {
                dst[off + i] = element.applyAsLong(src);
            }
        };
    }

    /** Visits the view row by row (last dimension) in C order. Bounds must have been checked. */
    private static void walk(long offset, long[] shape, long[] stride, Run run) {
        int nd = shape.length;
        long n = numel(shape);
        if (n == 0) {
            return;
        }
        if (nd == 0) {
            run.copy((int) offset, 1, 0, 1);
            return;
        }
        if (isContiguous(shape, stride)) {
            run.copy((int) offset, 1, 0, (int) n);
            return;
        }
        int inner = (int) shape[nd - 1];
        int innerStride = (int) stride[nd - 1];
        long[] index = new long[nd - 1];
        long base = offset;
        for (int out = 0; out < n; out += inner) {
            run.copy((int) base, inner == 1 ? 1 : innerStride, out, inner);
            for (int d = nd - 2; d >= 0; d--) {
                base += stride[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                base -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
    }
}
