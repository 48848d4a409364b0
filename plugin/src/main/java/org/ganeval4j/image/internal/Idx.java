package org.ganeval4j.image.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ganeval4j.io.FileFormatException;

/**
 * IDX files (LeCun's MNIST format, also Fashion-MNIST): a 4-byte magic {@code 0x00 0x00 type ndim},
 * big-endian int32 dimensions, then the data; gzip-compressed files are recognised by their magic.
 */
public final class Idx {
    private Idx() {
    }

    /** Unsigned-byte images. */
    public record Images(byte[] pixels, int count, int rows, int cols) {
    }

    /** True when the file starts like an IDX file (directly or inside gzip). */
    public static boolean looksLikeIdx(Path path) throws IOException {
        try (InputStream in = open(path)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0 && m[1] == 0 && (m[2] & 0xFF) == 0x08 && m[3] >= 1 && m[3] <= 4;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads an IDX3 unsigned-byte image file ([N, rows, cols]). */
    public static Images readImages(Path path) throws IOException {
        try (DataInputStream in = new DataInputStream(open(path))) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08 || (magic & 0xFF) != 3) {
                throw new FileFormatException(path + ": expected an IDX3 unsigned-byte image file (magic 0x00000803), found 0x"
                        + Integer.toHexString(magic));
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n < 0 || rows < 1 || cols < 1 || (long) n * rows * cols > Integer.MAX_VALUE - 8) {
                throw new FileFormatException(path + ": implausible IDX dimensions " + n + "×" + rows + "×" + cols);
            }
            int expected = n * rows * cols;
            // read as the data arrives (never allocating what the header merely claims), then check the count
            byte[] pixels = in.readNBytes(expected);
            if (pixels.length != expected) {
                throw new FileFormatException(path + ": truncated: the header claims " + n + " images " + rows + "×" + cols
                        + " (" + expected + " bytes of pixels), the file holds " + pixels.length);
            }
            return new Images(pixels, n, rows, cols);
        }
    }

    /** Reads an IDX1 unsigned-byte label file. */
    public static byte[] readLabels(Path path) throws IOException {
        try (DataInputStream in = new DataInputStream(open(path))) {
            int magic = in.readInt();
            if (magic != 0x00000801) {
                throw new FileFormatException(path + ": expected an IDX1 label file (magic 0x00000801), found 0x"
                        + Integer.toHexString(magic));
            }
            int n = in.readInt();
            if (n < 0) {
                throw new FileFormatException(path + ": implausible IDX label count " + n);
            }
            byte[] labels = in.readNBytes(n);
            if (labels.length != n) {
                throw new FileFormatException(path + ": truncated: the header claims " + n + " labels, the file holds "
                        + labels.length);
            }
            return labels;
        }
    }

    private static InputStream open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }
}
