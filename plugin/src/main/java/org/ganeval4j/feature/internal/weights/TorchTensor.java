package org.ganeval4j.feature.internal.weights;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One tensor of a checkpoint, with its values in C (row-major) order whatever the storage offset
 * and strides were in the file.
 *
 * <p>Floating-point tensors ({@link TorchDType#isFloating()}) hold {@code float[]} values:
 * float16/bfloat16 widen exactly, float64 is rounded to the nearest float32. Integer and boolean
 * tensors hold {@code long[]} values (uint8 as 0..255, bool as 0/1). The constructor copies the
 * arrays and the accessors return copies, so a tensor is immutable and thread safe.
 *
 * @param name        the state-dict key, e.g. {@code Conv2d_1a_3x3.conv.weight}
 * @param dtype       the element type in the file
 * @param shape       sizes per dimension; empty for a scalar
 * @param floatValues the values of a floating-point tensor, else null
 * @param longValues  the values of an integer or boolean tensor, else null
 */
public record TorchTensor(String name, TorchDType dtype, long[] shape, float[] floatValues, long[] longValues) {

    public TorchTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative size in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        if (dtype.isFloating() != (floatValues != null) || (floatValues == null) == (longValues == null)) {
            throw new IllegalArgumentException("tensor '" + name + "' of type " + dtype + " needs "
                    + (dtype.isFloating() ? "float values (and no long values)" : "long values (and no float values)"));
        }
        int length = floatValues != null ? floatValues.length : longValues.length;
        if (length != n) {
            throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(shape) + " needs "
                    + n + " values, got " + length);
        }
        floatValues = floatValues == null ? null : floatValues.clone();
        longValues = longValues == null ? null : longValues.clone();
    }

    /** A floating-point tensor. */
    public static TorchTensor ofFloats(String name, TorchDType dtype, long[] shape, float[] values) {
        return new TorchTensor(name, dtype, shape, values, null);
    }

    /** An integer or boolean tensor. */
    public static TorchTensor ofLongs(String name, TorchDType dtype, long[] shape, long[] values) {
        return new TorchTensor(name, dtype, shape, null, values);
    }

    /** Sizes per dimension (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The values of a floating-point tensor in C order (a copy).
     *
     * @throws IllegalStateException for an integer or boolean tensor (see {@link #longValues()}, {@link #toFloatArray()})
     */
    @Override
    public float[] floatValues() {
        if (floatValues == null) {
            throw new IllegalStateException("tensor '" + name + "' holds " + dtype.pythonName()
                    + " values; use longValues() or toFloatArray()");
        }
        return floatValues.clone();
    }

    /**
     * The values of an integer or boolean tensor in C order (a copy).
     *
     * @throws IllegalStateException for a floating-point tensor
     */
    @Override
    public long[] longValues() {
        if (longValues == null) {
            throw new IllegalStateException("tensor '" + name + "' holds " + dtype.pythonName()
                    + " values; use floatValues()");
        }
        return longValues.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements (1 for a scalar). */
    public long numel() {
        return floatValues != null ? floatValues.length : longValues.length;
    }

    /** The values as float32 in C order, whatever the type (a new array). */
    public float[] toFloatArray() {
        if (floatValues != null) {
            return floatValues.clone();
        }
        float[] r = new float[longValues.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = longValues[i];
        }
        return r;
    }

    /** A new float32 ND4J array of this shape ({@code c} order; a scalar for shape {@code []}). */
    public INDArray toINDArray() {
        float[] v = floatValues != null ? floatValues : toFloatArray();
        if (shape.length == 0) {
            return Nd4j.scalar(DataType.FLOAT, v[0]);
        }
        if (v.length == 0) {
            return Nd4j.create(DataType.FLOAT, shape);
        }
        return Nd4j.create(v, shape, 'c');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorchTensor t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(floatValues, t.floatValues) && Arrays.equals(longValues, t.longValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(floatValues), Arrays.hashCode(longValues));
    }

    @Override
    public String toString() {
        return "TorchTensor[" + name + " " + dtype.pythonName() + " " + Arrays.toString(shape) + "]";
    }
}
