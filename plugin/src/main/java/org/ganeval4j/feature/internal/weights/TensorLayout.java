package org.ganeval4j.feature.internal.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where a tensor's values lie in a checkpoint, as its header describes them: element
 * {@code (i0, ..., ik)} is element {@code storageOffset + sum(ij * stride[j])} of the storage
 * {@code storageKey}. Offsets, strides and counts are in elements of {@code dtype}, not bytes.
 * Arrays are copied in and out.
 *
 * @param name          the state-dict key
 * @param dtype         the tensor's element type
 * @param storageType   the pickled storage class, e.g. {@code FloatStorage} or {@code LongStorage}
 * @param storageKey    the storage's key (legacy: a number as text; zip: the entry name under {@code data/})
 * @param location      the device the storage was saved from ({@code cpu}, {@code cuda:0}); ignored on reading
 * @param storageNumel  elements in the whole storage (bytes for an {@code UntypedStorage})
 * @param storageOffset the tensor's first element in the storage (for a legacy storage view, counted from the
 *                      start of the root storage)
 * @param shape         sizes per dimension (empty for a scalar)
 * @param stride        element steps per dimension
 */
public record TensorLayout(String name, TorchDType dtype, String storageType, String storageKey, String location,
                           long storageNumel, long storageOffset, long[] shape, long[] stride) {

    public TensorLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(storageType, "storageType");
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(location, "location");
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " and stride " + Arrays.toString(stride) + " differ in length");
        }
        shape = shape.clone();
        stride = stride.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] stride() {
        return stride.clone();
    }

    /** The number of elements. */
    public long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** True when the strides are C order, so the values are one run of the storage. */
    public boolean isContiguous() {
        return Strided.isContiguous(shape, stride);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorLayout t && name.equals(t.name) && dtype == t.dtype
                && storageType.equals(t.storageType) && storageKey.equals(t.storageKey) && location.equals(t.location)
                && storageNumel == t.storageNumel && storageOffset == t.storageOffset
                && Arrays.equals(shape, t.shape) && Arrays.equals(stride, t.stride);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, storageType, storageKey, location, storageNumel, storageOffset,
                Arrays.hashCode(shape), Arrays.hashCode(stride));
    }

    @Override
    public String toString() {
        return "TensorLayout[" + name + " " + storageType + " key=" + storageKey + " numel=" + storageNumel
                + " offset=" + storageOffset + " shape=" + Arrays.toString(shape) + " stride=" + Arrays.toString(stride)
                + " location=" + location + "]";
    }
}
