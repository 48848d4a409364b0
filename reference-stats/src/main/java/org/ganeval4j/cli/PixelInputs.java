package org.ganeval4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images for the paired pixel metrics, one at a time, as float64 values on their own scale: a float
 * {@code .npy} array keeps its values (checked against {@code --range}); uint8 arrays, image files,
 * folders, archives and IDX files give 0..255. Gray stays one channel. {@code .npy} arrays are read
 * without ND4J. Not thread safe.
 */
abstract class PixelInputs implements AutoCloseable {
    /** One image: C×H×W float64 values, row-major. */
    record Image(double[] values, int channels, int height, int width) {
        String shape() {
            return channels + "×" + height + "×" + width;
        }
    }

    final Path path;

    private PixelInputs(Path path) {
        this.path = path;
    }

    /**
     * Opens {@code p}.
     *
     * @param range the declared range of float arrays ({@code --range}), or null
     */
    static PixelInputs open(Path p, InputRange range) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            NpyArray a = Npy.read(p);
            if (a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64 || a.dtype() == DType.UINT8) {
                return new Array(p, a, range);
            }
        }
        return new Source(p, ImageInputs.open(p, range));
    }

    /** Images expected, or -1 when unknown in advance. */
    abstract long size();

    /** The next image, or null at the end. */
    abstract Image next() throws IOException;

    /** The value range of the images: the declared range of a float array, else 0..255. */
    abstract InputRange scale();

    @Override
    public abstract void close() throws IOException;

    /** {@code 0..255} or e.g. {@code [-1, 1]}. */
    static String describe(InputRange scale) {
        return scale == InputRange.UINT8 ? "0..255" : scale.describe();
    }

    /** The width of a scale: the default data range. */
    static double width(InputRange scale) {
        return (double) scale.max() - scale.min();
    }

    /**
     * A uint8 (0..255) or float32/float64 array (N, C, H, W) or (N, H, W), values kept as they are
     * (floats checked against their declared range).
     */
    private static final class Array extends PixelInputs {
        private final NpyArray array;
        private final InputRange range;
        private final int n;
        private final int c;
        private final int h;
        private final int w;
        private int pos;

        Array(Path p, NpyArray array, InputRange declared) {
            super(p);
            long[] s = array.shape();
            if ((s.length != 4 && s.length != 3) || (s.length == 4 && s[1] != 1 && s[1] != 3)) {
                throw new BadInputException(p + ": expected an image array (N, C, H, W) with C = 1 or 3, or (N, H, W),"
                        + " found " + array.descriptor() + " " + Arrays.toString(s));
            }
            boolean bytes = array.dtype() == DType.UINT8;
            if (declared == null && !bytes) {
                throw new BadInputException(p + ": a " + array.dtype().name().toLowerCase(Locale.ROOT) + " image array"
                        + " needs its value range: --range -1,1, 0,1 or 0,255 (uint8 arrays need none)");
            }
            this.array = array;
            this.range = bytes ? InputRange.UINT8 : declared;
            this.n = Math.toIntExact(s[0]);
            this.c = s.length == 4 ? (int) s[1] : 1;
            this.h = (int) s[s.length - 2];
            this.w = (int) s[s.length - 1];
        }

        @Override
        long size() {
            return n;
        }

        @Override
        Image next() {
            if (pos >= n) {
                return null;
            }
            int per = c * h * w;
            double[] v = new double[per];
            long from = (long) pos * per;
            if (array.dtype() == DType.UINT8) {
                ByteBuffer bb = array.rawData();
                for (int i = 0; i < per; i++) {
                    v[i] = bb.get(Math.toIntExact(from + i)) & 0xFF;
                }
                pos++;
                return new Image(v, c, h, w);
            }
            if (array.dtype() == DType.FLOAT32) {
                FloatBuffer fb = array.rawData().asFloatBuffer();
                for (int i = 0; i < per; i++) {
                    v[i] = fb.get(Math.toIntExact(from + i));
                }
            } else {
                DoubleBuffer db = array.rawData().asDoubleBuffer();
                db.position(Math.toIntExact(from));
                db.get(v);
            }
            range.check(v, per, pos, path.toString());
            pos++;
            return new Image(v, c, h, w);
        }

        @Override
        InputRange scale() {
            return range;
        }

        @Override
        public void close() {
        }
    }

    /** Anything {@link ImageInputs#open} reads, on 0..255. */
    private static final class Source extends PixelInputs {
        private final ImageSource source;
        private final Deque<Image> pending = new ArrayDeque<>();

        Source(Path p, ImageSource source) {
            super(p);
            this.source = source;
        }

        @Override
        long size() {
            return source.size();
        }

        @Override
        Image next() throws IOException {
            if (pending.isEmpty()) {
                INDArray b = source.next(16);
                if (b == null) {
                    if (!source.skipped().isEmpty()) {
                        throw new BadInputException(path + ": " + source.skipped().size() + " image(s) could not be read: "
                                + String.join("; ", source.skipped()));
                    }
                    return null;
                }
                int c = (int) b.size(1);
                int h = (int) b.size(2);
                int w = (int) b.size(3);
                int per = c * h * w;
                double[] all = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                for (int i = 0; i < b.size(0); i++) {
                    pending.add(new Image(Arrays.copyOfRange(all, i * per, (i + 1) * per), c, h, w));
                }
            }
            return pending.poll();
        }

        @Override
        InputRange scale() {
            return InputRange.UINT8;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
