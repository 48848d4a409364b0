package org.ganeval4j.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.ganeval4j.Beta;
import org.ganeval4j.image.internal.ArchiveImageSource;
import org.ganeval4j.image.internal.ArrayImageSource;
import org.ganeval4j.image.internal.FloatImages;
import org.ganeval4j.image.internal.FolderImageSource;
import org.ganeval4j.image.internal.Idx;
import org.ganeval4j.image.internal.Subset;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.NpyArray;

/**
 * Opens an {@link ImageSource} by what the path is:
 * <ul>
 *   <li>a folder: PNG/JPEG/BMP/GIF images found recursively, in sorted path order, decoded in parallel
 *       (Java ImageIO) while the network works;</li>
 *   <li>a {@code .tar.gz} / {@code .tgz} / {@code .tar} of images, likewise;</li>
 *   <li>an IDX image file (MNIST, Fashion-MNIST: {@code *-idx3-ubyte}, {@code .gz} allowed);</li>
 *   <li>a {@code .npy} uint8 array (N, C, H, W) with C = 1 or 3, or (N, H, W) gray;</li>
 *   <li>a {@code .npy} float32/float64 array of that shape whose value range is declared
 *       ({@link Options#withRange}: [−1, 1], [0, 1] or [0, 255]); every value is checked to lie in it,
 *       and mapped to the 0..255 scale in float32 ({@link InputRange#toDomain}) without quantising it
 *       to whole levels. A float array without a declared range is refused.</li>
 * </ul>
 * With a limit, a seeded random subset of that many images is taken (kept in file order).
 */
public final class ImageSources {
    private ImageSources() {
    }

    /**
     * Options: a seeded subset, the decoding threads, and the value range of float arrays.
     *
     * @param limit   at most this many images, a seeded subset (0 = all)
     * @param seed    seed of the subset
     * @param threads decoding threads, ≥ 1
     * @param range   the value range of float {@code .npy} arrays, or null when none is declared (such
     *                arrays are then refused); uint8 arrays and image files are always 0..255
     */
    public record Options(int limit, long seed, int threads, InputRange range) {
        /** Options without a declared float range. */
        public Options(int limit, long seed, int threads) {
            this(limit, seed, threads, null);
        }

        public Options {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("decoding threads must be >= 1, got " + threads);
            }
        }

        /** Every image, decoded with as many threads as there are processors. */
        public static Options defaults() {
            return new Options(0, 0, Math.max(1, Runtime.getRuntime().availableProcessors()), null);
        }

        /** A seeded subset of at most {@code n} images (0 = all). */
        public Options withLimit(int n, long seedValue) {
            return new Options(n, seedValue, threads, range);
        }

        /** The value range of float arrays (null: none declared, float arrays refused). */
        public Options withRange(InputRange r) {
            return new Options(limit, seed, threads, r);
        }
    }

    /** Opens every image of {@code path}. */
    public static ImageSource open(Path path) throws IOException {
        return open(path, Options.defaults());
    }

    /** Opens {@code path} with the given options. */
    public static ImageSource open(Path path, Options options) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            return new FolderImageSource(path, options.limit(), options.seed(), options.threads());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return ofArray(org.ganeval4j.io.Npy.read(path), path.getFileName().toString(), options);
        }
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar")) {
            return new ArchiveImageSource(path, options.limit(), options.seed(), options.threads());
        }
        if (Idx.looksLikeIdx(path)) {
            Idx.Images idx = Idx.readImages(path);
            return new ArrayImageSource(idx.pixels(), idx.count(), 1, idx.rows(), idx.cols(),
                    "IDX file " + path.getFileName() + " (" + idx.count() + " images " + idx.rows() + "×" + idx.cols() + ")",
                    options.limit(), options.seed());
        }
        throw new IllegalArgumentException(path + ": expected an image folder, a .tar.gz of images, an IDX image file"
                + " (MNIST) or a .npy image array (N, C, H, W)");
    }

    /**
     * True for a file name (a folder's file or an archive entry's name, any directories before it) that
     * {@link #open} reads as an image: a {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp} or {@code .gif}
     * extension in any case, not a macOS {@code ._} resource fork.
     */
    @Beta
    public static boolean isImageFile(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return !base.isEmpty() && FolderImageSource.isImage(Path.of(base));
    }

    /** True when {@code path} is an IDX image file (MNIST's layout, gzipped or not), judged from its first bytes. */
    @Beta
    public static boolean isIdx(Path path) throws IOException {
        return Idx.looksLikeIdx(path);
    }

    /**
     * The images a {@code limit} picks out of {@code n}: a seeded partial Fisher–Yates shuffle
     * ({@link java.util.SplittableRandom}) taking {@code limit} indices, returned sorted (file order); all of them
     * when {@code limit} is 0 or at least {@code n}. {@link Options#withLimit} and every reader (the CLI, the Spark
     * module) choose with it, so the same limit and seed take the same images everywhere.
     */
    @Beta
    public static int[] subset(int n, int limit, long seed) {
        if (n < 0 || limit < 0) {
            throw new IllegalArgumentException("n and limit must be ≥ 0, got n " + n + ", limit " + limit);
        }
        return Subset.choose(n, limit, seed);
    }

    /**
     * A source over a NumPy image array (N, C, H, W) with C = 1 or 3, or (N, H, W): uint8 (0..255), or
     * float32/float64 on the range {@code options.range()} (checked value by value).
     *
     * @throws IllegalArgumentException for another dtype or shape, a float array without a declared
     *                                  range, or a value outside the declared range
     */
    public static ImageSource ofArray(NpyArray array, String name, Options options) {
        long[] s = array.shape();
        DType t = array.dtype();
        boolean floating = t == DType.FLOAT32 || t == DType.FLOAT64;
        if ((t != DType.UINT8 && !floating) || (s.length != 4 && s.length != 3)
                || (s.length == 4 && s[1] != 1 && s[1] != 3)) {
            throw new IllegalArgumentException(name + ": expected an image array (N, C, H, W) with C = 1 or 3, or (N, H, W):"
                    + " uint8, or float32/float64 with a declared range; found " + array.descriptor() + " "
                    + Arrays.toString(s));
        }
        int n = Math.toIntExact(s[0]);
        int c = s.length == 4 ? (int) s[1] : 1;
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        String shape = " (" + n + " images " + c + "×" + h + "×" + w + ")";
        if (!floating) {
            return new ArrayImageSource(array.toByteArray(), n, c, h, w, ".npy array " + name + shape, options.limit(),
                    options.seed());
        }
        InputRange range = options.range();
        if (range == null) {
            throw new IllegalArgumentException(name + ": a " + t.name().toLowerCase(Locale.ROOT) + " image array needs its"
                    + " value range declared (on the command line --range -1,1, 0,1 or 0,255); uint8 arrays need none");
        }
        return new ArrayImageSource(FloatImages.toCanonical(array, c * h * w, range, name), n, c, h, w, ".npy " + t.name()
                .toLowerCase(Locale.ROOT) + " array " + name + shape + " on " + FloatImages.describe(range),
                options.limit(), options.seed());
    }
}
