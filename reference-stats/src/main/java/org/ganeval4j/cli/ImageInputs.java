package org.ganeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.DecodedImage;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyHeader;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images named on the command line: one PNG/JPEG file, or anything {@link ImageSources#open} reads
 * (a folder of images, a {@code .tar.gz}, an IDX file, a {@code .npy} uint8 array (N, C, H, W), or a
 * float32/float64 one with its {@code --range}), as float32 NCHW batches on the 0..255 scale (float
 * arrays mapped, not quantised); turned into statistics or features with a progress bar
 * (rate and ETA) on stderr when it is a terminal or {@code --progress} asks for it, the undecodable
 * images listed and counted.
 */
final class ImageInputs {
    private static final List<String> SINGLE = List.of(".png", ".jpg", ".jpeg");

    private ImageInputs() {
    }

    /** True for a path naming one image file. */
    static boolean isSingleImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && SINGLE.stream().anyMatch(name::endsWith);
    }

    /** Opens the images of {@code p} with no declared float range; a single image file gives one image. */
    static ImageSource open(Path p) throws IOException {
        return open(p, null);
    }

    /**
     * Opens the images of {@code p}; a single image file gives a source of one image.
     *
     * @param range the declared range of float arrays ({@code --range}), or null
     */
    static ImageSource open(Path p, InputRange range) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return isSingleImage(p) ? new Single(p, decode(p)) : ImageSources.open(p, ImageSources.Options.defaults()
                .withRange(range));
    }

    /**
     * All images of {@code p} in one array; they must have one size and every one must decode.
     *
     * @throws BadInputException for images of several sizes, unreadable images or none at all
     */
    static INDArray readAll(Path p, InputRange range) throws IOException {
        return readAll(p, range, true);
    }

    /**
     * All images of {@code p} in one array, gray kept as 1 channel unless {@code toRgb}.
     *
     * @throws BadInputException for images of several sizes, unreadable images or none at all
     */
    static INDArray readAll(Path p, InputRange range, boolean toRgb) throws IOException {
        try (ImageSource s = open(p, range)) {
            List<INDArray> batches = new ArrayList<>();
            for (INDArray b = s.next(256); b != null; b = s.next(256)) {
                if (!batches.isEmpty() && !sameSize(batches.get(0), b)) {
                    throw new BadInputException(p + ": images must all have one size, found " + size(batches.get(0))
                            + " and " + size(b));
                }
                if (!batches.isEmpty() && batches.get(0).size(1) != b.size(1)) {
                    throw new BadInputException(p + ": images must all have one number of channels, found "
                            + batches.get(0).size(1) + " and " + b.size(1));
                }
                batches.add(toRgb && b.size(1) == 1 ? Nd4j.concat(1, b, b, b) : b);
            }
            if (!s.skipped().isEmpty()) {
                throw new BadInputException(p + ": " + s.skipped().size() + " image(s) could not be read: "
                        + String.join("; ", s.skipped()));
            }
            if (batches.isEmpty()) {
                throw new BadInputException(p + ": no images found");
            }
            return batches.size() == 1 ? batches.get(0) : Nd4j.concat(0, batches.toArray(new INDArray[0]));
        }
    }

    /** Lists skipped images on {@code err}, with their count. */
    static void reportSkipped(ImageSource s, PrintWriter err) {
        if (!s.skipped().isEmpty()) {
            err.println("ganeval4j: skipped " + s.skipped().size() + " unreadable image(s): " + String.join("; ", s.skipped()));
        }
    }

    static boolean sameSize(INDArray a, INDArray b) {
        return a.size(2) == b.size(2) && a.size(3) == b.size(3);
    }

    static String size(INDArray a) {
        return a.size(2) + "×" + a.size(3);
    }

    /**
     * RGB planes of an image file (gray replicated, alpha dropped) as a [1, 3, H, W] float array; an
     * image declaring more pixels than the limit is refused from its header, before decoding.
     */
    private static INDArray decode(Path f) throws IOException {
        DecodedImage d = DecodedImage.decode(f.toString(),
                Files.readAllBytes(f));
        if (!d.ok()) {
            throw new BadInputException(f + ": " + d.failure());
        }
        int plane = d.height() * d.width();
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(d.pixels(), d.channels() == 1 ? 0 : c * plane, out, c * plane, plane);
        }
        return Nd4j.create(out, new long[] {1, 3, d.height(), d.width()}, 'c');
    }

    /** A source of one decoded image. */
    private static final class Single implements ImageSource {
        private final Path file;
        private INDArray image;

        Single(Path file, INDArray image) {
            this.file = file;
            this.image = image;
        }

        @Override
        public long size() {
            return 1;
        }

        @Override
        public INDArray next(int maxBatch) {
            INDArray out = image;
            image = null;
            return out;
        }

        @Override
        public List<String> skipped() {
            return List.of();
        }

        @Override
        public String description() {
            return "image " + file;
        }

        @Override
        public void close() {
        }
    }

    /**
     * True when {@code path} holds images rather than features or statistics: a folder, an image file,
     * an archive, an IDX file, a uint8 {@code .npy}, or a float one of image shape (N, C, H, W) with
     * C = 1 or 3, or (N, H, W); a 2-D float {@code .npy} is a feature matrix.
     */
    static boolean isImages(Path path) throws IOException {
        if (Files.isDirectory(path) || isSingleImage(path)) {
            return true;
        }
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar")) {
            return true;
        }
        if (n.endsWith(".npy")) {
            if (!Files.exists(path)) {
                return false;
            }
            NpyHeader h = Npy.readHeader(path);
            long[] s = h.shape();
            boolean imageShape = s.length == 3 || (s.length == 4 && (s[1] == 1 || s[1] == 3));
            return h.descriptor().endsWith("u1") || (imageShape && (h.descriptor().endsWith("f4")
                    || h.descriptor().endsWith("f8")));
        }
        if (n.endsWith(".npz")) {
            return false;
        }
        return Files.exists(path) && ImageSources.isIdx(path);
    }

    /** Opens images with an optional seeded subset and no declared float range. */
    static ImageSource open(Path path, int limit, long seed) throws IOException {
        return open(path, limit, seed, null);
    }

    /**
     * Opens images with an optional seeded subset ({@code limit} 0: all); a single image file gives one
     * image; {@code range} is the declared range of float arrays, or null.
     */
    static ImageSource open(Path path, int limit, long seed, InputRange range) throws IOException {
        if (isSingleImage(path)) {
            return open(path, range);
        }
        return ImageSources.open(path, ImageSources.Options.defaults().withLimit(limit, seed).withRange(range));
    }

    /** Statistics of {@code extractor}'s main output over the images. */
    static GaussianStats stats(ImageSource source, FeatureExtractor extractor, int batch, String datasetId,
                               boolean progress, PrintWriter err) throws IOException {
        try (ProgressBar bar = bar(progress, "features", source.size())) {
            GaussianStats s = ReferenceStatistics.compute(extractor, source, batch, datasetId, step(bar));
            reportSkipped(source, err);
            return s;
        }
    }

    /** The given outputs of {@code extractor} for every image, one row per image. */
    static Map<String, FeatureMatrix> features(ImageSource source, FeatureExtractor extractor, int batch,
                                               Set<String> outputs, boolean progress, PrintWriter err) throws IOException {
        try (ProgressBar bar = bar(progress, "features", source.size())) {
            Map<String, FeatureMatrix> f = ReferenceStatistics.features(extractor, source, batch, outputs, step(bar));
            reportSkipped(source, err);
            return f;
        }
    }

    private static LongConsumer step(ProgressBar bar) {
        return bar == null ? null : bar::stepTo;
    }

    /** A progress bar with rate and ETA on stderr, or null. */
    static ProgressBar bar(boolean requested, String task, long total) {
        if (!requested && System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 0)).setUnit(" img", 1)
                .showSpeed().setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err, 100))
                .build();
    }
}
