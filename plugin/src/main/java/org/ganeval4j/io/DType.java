package org.ganeval4j.io;

import java.util.Locale;
import org.ganeval4j.Beta;

/**
 * The NumPy element types ganeval4j reads and writes, by their {@code .npy} type code
 * ({@code f4} for {@code <f4}, {@code u1} for {@code |u1}, ...). {@link #UNICODE} is NumPy's
 * fixed-width UTF-32 string type {@code <U n}, used for the metadata entry of statistics files.
 */
@Beta
public enum DType {
    BOOL("b1", 1),
    INT8("i1", 1),
    UINT8("u1", 1),
    INT16("i2", 2),
    UINT16("u2", 2),
    INT32("i4", 4),
    UINT32("u4", 4),
    INT64("i8", 8),
    UINT64("u8", 8),
    FLOAT16("f2", 2),
    FLOAT32("f4", 4),
    FLOAT64("f8", 8),
    /** Fixed-width UTF-32 string; {@link #itemSize()} is per character. */
    UNICODE("U", 4);

    private final String code;
    private final int itemSize;

    DType(String code, int itemSize) {
        this.code = code;
        this.itemSize = itemSize;
    }

    /** Bytes per element (per character for {@link #UNICODE}). */
    public int itemSize() {
        return itemSize;
    }

    /** True for the floating-point types. */
    public boolean isFloating() {
        return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
    }

    /** The NumPy descriptor for little-endian data, e.g. {@code <f4}, {@code |u1}, {@code <U12}. */
    String descriptor(int unicodeLength) {
        if (this == UNICODE) {
            return "<U" + unicodeLength;
        }
        return (itemSize == 1 ? "|" : "<") + code;
    }

    /**
     * Parses a NumPy descriptor such as {@code <f8}, {@code >i4}, {@code |u1} or {@code <U40}.
     *
     * @return the type; the byte order and string length are returned through {@code info}
     */
    static DType parse(String descr, int[] info) throws FileFormatException {
        if (descr.length() < 2) {
            throw new FileFormatException("unsupported .npy dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String rest = descr.substring(1);
        if (order != '<' && order != '>' && order != '|' && order != '=') {
            order = '=';
            rest = descr;
        }
        info[0] = order == '>' ? 1 : 0;
        if (rest.startsWith("U")) {
            try {
                info[1] = Integer.parseInt(rest.substring(1));
            } catch (NumberFormatException e) {
                throw new FileFormatException("unsupported .npy dtype '" + descr + "'");
            }
            return UNICODE;
        }
        String code = rest.toLowerCase(Locale.ROOT);
        if (code.equals("?")) {
            return BOOL;
        }
        for (DType t : values()) {
            if (t != UNICODE && t.code.equals(code)) {
                return t;
            }
        }
        throw new FileFormatException("unsupported .npy dtype '" + descr
                + "' (expected one of <f2 <f4 <f8 |u1 |i1 <i2 <u2 <i4 <u4 <i8 <u8 |b1 <U)");
    }
}
