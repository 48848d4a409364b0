package org.ganeval4j.feature.internal.weights;

import java.util.Locale;
import java.util.Optional;

/**
 * The element types of PyTorch storages and tensors, named as PyTorch names them: the legacy
 * storage class ({@code FloatStorage}) that {@code torch.save} records for every storage, and the
 * dtype ({@code torch.float32}). Elements are stored little-endian, {@link #elementSize()} bytes each.
 */
public enum TorchDType {
    FLOAT32("FloatStorage", "float32", 4, true),
    FLOAT64("DoubleStorage", "float64", 8, true),
    FLOAT16("HalfStorage", "float16", 2, true),
    /** bfloat16: the upper 16 bits of a float32. */
    BFLOAT16("BFloat16Storage", "bfloat16", 2, true),
    INT64("LongStorage", "int64", 8, false),
    INT32("IntStorage", "int32", 4, false),
    INT16("ShortStorage", "int16", 2, false),
    /** Signed bytes ({@code CharStorage}). */
    INT8("CharStorage", "int8", 1, false),
    /** Unsigned bytes ({@code ByteStorage}); also the element type of an {@code UntypedStorage}. */
    UINT8("ByteStorage", "uint8", 1, false),
    /** One byte per element, 0 or 1. */
    BOOL("BoolStorage", "bool", 1, false);

    private final String storageName;
    private final String pythonName;
    private final int elementSize;
    private final boolean floating;

    TorchDType(String storageName, String pythonName, int elementSize, boolean floating) {
        this.storageName = storageName;
        this.pythonName = pythonName;
        this.elementSize = elementSize;
        this.floating = floating;
    }

    /** The legacy storage class name, e.g. {@code FloatStorage}. */
    public String storageName() {
        return storageName;
    }

    /** The dtype name without the {@code torch.} prefix, e.g. {@code float32}. */
    public String pythonName() {
        return pythonName;
    }

    /** Bytes per element. */
    public int elementSize() {
        return elementSize;
    }

    /**
     * True for the floating-point types, whose values {@link TorchTensor} holds as {@code float[]};
     * false for the integer and boolean types, held as {@code long[]}.
     */
    public boolean isFloating() {
        return floating;
    }

    /**
     * The type of a storage class name as pickled by {@code torch.save}: {@code FloatStorage},
     * {@code HalfStorage}, ... ({@code UntypedStorage} and {@code _UntypedStorage} are bytes).
     */
    public static Optional<TorchDType> fromStorageName(String name) {
        if (name.equals("UntypedStorage") || name.equals("_UntypedStorage")) {
            return Optional.of(UINT8);
        }
        for (TorchDType t : values()) {
            if (t.storageName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The type of a dtype name ({@code float32}, {@code float}, {@code half}, {@code long}, ...),
     * as {@code torch.<name>} appears in a pickle.
     */
    public static Optional<TorchDType> fromPythonName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "float": return Optional.of(FLOAT32);
            case "double": return Optional.of(FLOAT64);
            case "half": return Optional.of(FLOAT16);
            case "long": return Optional.of(INT64);
            case "int": return Optional.of(INT32);
            case "short": return Optional.of(INT16);
            default: break;
        }
        for (TorchDType t : values()) {
            if (t.pythonName.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
