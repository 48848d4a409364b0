package org.ganeval4j.io;

import java.util.Arrays;
import org.ganeval4j.Beta;

/**
 * The header of one {@code .npy} array: format version, element type descriptor, shape and order.
 *
 * @param majorVersion  {@code .npy} format major version (1, 2 or 3)
 * @param minorVersion  {@code .npy} format minor version
 * @param descriptor    NumPy type descriptor as written, e.g. {@code <f4}
 * @param fortranOrder  whether the elements are stored column-major
 * @param shape         the array shape (empty for a scalar)
 * @param headerBytes   bytes before the array data (magic, version, length, header text)
 */
@Beta
public record NpyHeader(int majorVersion, int minorVersion, String descriptor, boolean fortranOrder, long[] shape,
                        long headerBytes) {
    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The element type the descriptor names, or null when it names none this library reads. */
    public DType dtype() {
        try {
            return DType.parse(descriptor, new int[2]);
        } catch (FileFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return descriptor + " " + Arrays.toString(shape) + (fortranOrder ? " (Fortran order)" : "")
                + " v" + majorVersion + "." + minorVersion;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.majorVersion == majorVersion && h.minorVersion == minorVersion
                && h.descriptor.equals(descriptor) && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * descriptor.hashCode() + Arrays.hashCode(shape);
    }
}
