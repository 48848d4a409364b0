package org.ganeval4j.image.internal;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.function.Supplier;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.NpyArray;

/**
 * Float image arrays with a declared value range: the check that every value lies in it, and the
 * mapping to the canonical 0..255 scale. Not API.
 */
public final class FloatImages {
    private FloatImages() {
    }

    /**
     * Checks that every value is finite and within {@code range} (and a whole number for
     * {@link InputRange#UINT8}).
     *
     * @param perImage   values per image, to name the image of an offending value
     * @param firstImage the index of the image {@code values} starts with
     * @throws IllegalArgumentException naming the first offending value, its image and the range
     */
    public static void check(double[] values, int perImage, long firstImage, InputRange range, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!inRange(values[i], range)) {
                throw outside(values.length, i, perImage, firstImage, range, name, values::clone);
            }
        }
    }

    /**
     * The canonical 0..255 float32 values ({@link InputRange#toDomain}) of a float32/float64 array whose
     * values lie in {@code range}, checked in the same pass.
     *
     * @throws IllegalArgumentException naming the first value outside the range
     */
    public static float[] toCanonical(NpyArray array, int perImage, InputRange range, String name) {
        int n = Math.toIntExact(array.size());
        float[] out = new float[n];
        if (array.dtype() == DType.FLOAT32) {
            FloatBuffer fb = array.rawData().asFloatBuffer();
            for (int i = 0; i < n; i++) {
                float v = fb.get(i);
                if (!inRange(v, range)) {
                    throw outside(n, i, perImage, 0, range, name, array::toDoubleArray);
                }
                out[i] = range.toDomain(v, 255f);
            }
        } else {
            DoubleBuffer db = array.rawData().asDoubleBuffer();
            for (int i = 0; i < n; i++) {
                double v = db.get(i);
                if (!inRange(v, range)) {
                    throw outside(n, i, perImage, 0, range, name, array::toDoubleArray);
                }
                out[i] = range.toDomain((float) v, 255f);
            }
        }
        return out;
    }

    private static boolean inRange(double v, InputRange range) {
        return v >= range.min() && v <= range.max() && (range != InputRange.UINT8 || v == Math.rint(v));
    }

    private static IllegalArgumentException outside(int n, int at, int perImage, long firstImage, InputRange range,
                                                    String name, Supplier<double[]> all) {
        double[] values = all.get();
        long count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!inRange(v, range)) {
                count++;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s: value %s in image %d is outside the declared"
                + " range %s (%d of %d values outside; min %s, max %s)", name, values[at], firstImage + at / perImage,
                describe(range), count, n, min, max));
    }

    /** E.g. {@code [-1, 1]}, {@code [0, 255]}. */
    public static String describe(InputRange range) {
        return "[" + plain(range.min()) + ", " + plain(range.max()) + "]";
    }

    private static String plain(float v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.valueOf(v);
    }

}
