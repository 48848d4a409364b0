package org.ganeval4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.DiversityResult;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.metric.PairwiseDiversity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MS-SSIM diversity of generated samples — the "diversity score" of Odena, Olah and Shlens,
 * "Conditional Image Synthesis with Auxiliary Classifier GANs" (ICML 2017): the mean {@link MsSsim}
 * over pairs of samples. Similar pairs score near 1, so <b>lower is more diverse</b>
 * ({@link Direction#LOWER_IS_BETTER}); a collapsing generator drifts towards 1. Odena et al. compare
 * it with the same statistic on real images: a generator whose score exceeds the real data's lacks
 * diversity. With {@link Builder#realImages} that real score is computed once (same pair selection,
 * same options) and reported with every evaluation as a second value, {@code <name>-real}.
 * {@link MetricValue#std()} is the standard error of the mean over pairs (counting that pairs sharing
 * a sample are correlated; see {@link PairwiseDiversity#standardError}).
 *
 * <p>Images are the canonical 0..255 batches (as if saved as 8-bit pictures, whatever range the
 * generator outputs), so the data range is 255; MS-SSIM is invariant to scaling images and data range
 * together, so this equals the score on [0, 1] images with data range 1. Defaults: torchmetrics'
 * MS-SSIM ({@code normalize="relu"}, which keeps every pair in [0, 1]), 1,000 seeded random pairs.
 *
 * <p>Image size: the default 5 scales need at least 176×176 pixels. For small GAN images use fewer
 * scales and/or a smaller window, e.g. {@code MsSsim.Options.defaults(255).withBetas(0.0448, 0.2856,
 * 0.3001).withSsim(Ssim.Options.defaults(255).withKernelSize(7))} for 28×28 and larger; the first
 * batch of a wrong size fails with a message naming the minimum and how many scales fit.
 *
 * <p>Cost and memory: each pair costs one MS-SSIM (about 4/3 of an SSIM of the full image, computed
 * in parallel over pairs); every sample is kept until the end, as bytes when it holds whole levels
 * 0..255 (generated samples do), else as floats: {@code samples × C × H × W} bytes (× 4 for floats).
 * The metric is immutable and thread safe; a session is not.
 */
public final class MsSsimDiversity extends ImagePairDiversity {
    /** The metric's name in histories and charts. */
    public static final String NAME = "MS-SSIM-diversity";
    /** Default number of random pairs. */
    public static final long DEFAULT_PAIRS = 1000;

    private final MsSsim msSsim;
    private final DiversityResult real;

    private MsSsimDiversity(Builder b, DiversityResult real) {
        super("MS-SSIM diversity", b.pairs, b.name);
        this.msSsim = MsSsim.of(b.options);
        this.real = real;
    }

    /** A builder with the defaults (torchmetrics' MS-SSIM with data range 255, 1,000 random pairs, seed 0). */
    public static Builder builder() {
        return new Builder();
    }

    /** Validating builder. */
    public static final class Builder {
        private MsSsim.Options options = MsSsim.Options.defaults(255);
        private PairSelection pairs = PairSelection.random(DEFAULT_PAIRS, 0);
        private String name = NAME;
        private INDArray realImages;

        private Builder() {
        }

        /** MS-SSIM options (betas, window, normalize); the data range must be 255 (canonical images). */
        public Builder options(MsSsim.Options o) {
            this.options = Objects.requireNonNull(o, "options");
            return this;
        }

        /** All pairs, or K seeded random pairs (default 1,000 with seed 0). */
        public Builder pairs(PairSelection p) {
            this.pairs = Objects.requireNonNull(p, "pairs");
            return this;
        }

        /** Another name (e.g. when two diversities are logged). */
        public Builder name(String n) {
            this.name = Objects.requireNonNull(n, "name");
            return this;
        }

        /**
         * Real images (NCHW, 0..255, at least 2) whose MS-SSIM diversity is computed once, in
         * {@link #build()}, and reported as the value {@code <name>-real}.
         */
        public Builder realImages(INDArray images) {
            this.realImages = Objects.requireNonNull(images, "real images").dup();
            return this;
        }

        /**
         * @throws IllegalArgumentException for a data range other than 255, a blank name, or real images
         *                                  that are too few, of the wrong shape or too small for the options
         */
        public MsSsimDiversity build() {
            if (options.ssim().dataRange() != 255) {
                throw new IllegalArgumentException("MS-SSIM diversity works on canonical 0..255 images: the data range"
                        + " must be 255, got " + options.ssim().dataRange());
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("metric name must not be blank");
            }
            DiversityResult r = null;
            if (realImages != null) {
                r = new MsSsimDiversity(this, null).compute(realImages);
            }
            return new MsSsimDiversity(this, r);
        }
    }

    /** {@code <name>}, and {@code <name>-real} when real images were given. */
    @Override
    public List<String> names() {
        return real == null ? List.of(name) : List.of(name, name + "-real");
    }

    /** {@link Direction#LOWER_IS_BETTER}: lower means less similar pairs, more diverse samples. */
    @Override
    public Direction direction() {
        return MsSsim.DIVERSITY_DIRECTION;
    }

    /** The MS-SSIM it averages. */
    public MsSsim msSsim() {
        return msSsim;
    }

    /** The real images' diversity, or null when none were given. */
    public DiversityResult real() {
        return real;
    }

    /** E.g. {@code ms-ssim/5-scales/gaussian-sigma1.5-11x11/relu}. */
    public String extractorId() {
        MsSsim.Options o = msSsim.options();
        int k = o.ssim().windowSize();
        String window = o.ssim().gaussian() ? "gaussian-sigma" + o.ssim().sigma() + "-" + k + "x" + k
                : "uniform-" + k + "x" + k;
        return String.format(Locale.ROOT, "ms-ssim/%d-scales/%s/%s", o.scales(), window, o.normalize().id());
    }

    @Override
    public Accumulator start(int samples) {
        return open(samples);
    }

    /**
     * The diversity of a set of images in one call.
     *
     * @param images NCHW, 1 or 3 channels, 0..255, at least 2
     */
    public DiversityResult compute(INDArray images) {
        Session s = open((int) images.size(0));
        inSlices(images, s::add);
        return s.result();
    }

    /**
     * A session over at most {@code capacity} images handed over batch by batch.
     *
     * @throws IllegalArgumentException for fewer than 2 images
     */
    public Session open(int capacity) {
        return new Session(atLeastTwo(capacity));
    }

    /** One diversity computation, also the evaluator's accumulator. Not thread safe. */
    public final class Session implements Accumulator {
        private final int capacity;
        private final List<Object> images = new ArrayList<>();
        private int c;
        private int h;
        private int w;
        private boolean done;

        private Session(int capacity) {
            this.capacity = capacity;
        }

        /**
         * Keeps a batch of images (NCHW, 1 or 3 channels, 0..255, all of one shape).
         *
         * @throws IllegalArgumentException for another shape than the first batch's, an image too small
         *                                  for the options (naming the minimum), or values outside 0..255
         * @throws IllegalStateException    beyond the capacity or after the result
         */
        public void add(INDArray batch) {
            if (done) {
                throw new IllegalStateException("MS-SSIM diversity already finished");
            }
            long[] s = batch.shape();
            if (s.length != 4 || (s[1] != 1 && s[1] != 3)) {
                throw new IllegalArgumentException("MS-SSIM diversity expects NCHW images with 1 or 3 channels, got "
                        + Arrays.toString(s));
            }
            if (images.isEmpty()) {
                c = (int) s[1];
                h = (int) s[2];
                w = (int) s[3];
                msSsim.checkSize(h, w);
            } else if (s[1] != c || s[2] != h || s[3] != w) {
                throw new IllegalArgumentException("MS-SSIM diversity needs images of one shape: got "
                        + Arrays.toString(s) + " after " + c + "×" + h + "×" + w);
            }
            int n = (int) s[0];
            if (images.size() + n > capacity) {
                throw new IllegalStateException("more samples than the " + capacity + " announced");
            }
            float[] v = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int per = c * h * w;
            for (int i = 0; i < n; i++) {
                images.add(pack(v, i * per, per, images.size()));
            }
        }

        /** Images added so far. */
        public int size() {
            return images.size();
        }

        @Override
        public void accept(FeatureBatch batch) {
            add(batch.images());
        }

        /**
         * The diversity of the images added (once).
         *
         * @throws IllegalStateException with fewer than 2 images, or when called twice
         */
        public DiversityResult result() {
            if (done) {
                throw new IllegalStateException("MS-SSIM diversity already finished");
            }
            int n = images.size();
            if (n < 2) {
                throw new IllegalStateException(tooFew(n));
            }
            done = true;
            long[] chosen = pairs.choose(n);
            int k = chosen.length;
            int[] first = new int[k];
            int[] second = new int[k];
            for (int p = 0; p < k; p++) {
                first[p] = (int) (chosen[p] / n);
                second[p] = (int) (chosen[p] % n);
            }
            double[] d = new double[k];
            IntStream.range(0, k).parallel().forEach(p -> d[p] = msSsim.compute(unpack(images.get(first[p])),
                    unpack(images.get(second[p])), c, h, w));
            images.clear();
            double sum = 0;
            for (double v : d) {
                sum += v;
            }
            double mean = sum / k;
            double sq = 0;
            for (double v : d) {
                sq += (v - mean) * (v - mean);
            }
            double pairStd = k < 2 ? Double.NaN : Math.sqrt(sq / (k - 1));
            double se = k < 2 ? Double.NaN : PairwiseDiversity.standardError(n, first, second, d);
            return new DiversityResult(mean, se, pairStd, k, n, List.of(NAME), new double[] {mean},
                    pairs.coversAll(n) ? "all-pairs" : "pairs");
        }

        @Override
        public List<MetricValue> finish() {
            DiversityResult r = result();
            String id = extractorId();
            List<MetricValue> out = new ArrayList<>();
            out.add(new MetricValue(name, r.mean(), r.standardError(), id));
            if (real != null) {
                out.add(new MetricValue(name + "-real", real.mean(), real.standardError(), id));
            }
            return out;
        }
    }

    /** One image as bytes when every value is a whole level 0..255, else as floats. */
    private static Object pack(float[] v, int from, int per, int index) {
        boolean whole = true;
        for (int i = from; i < from + per; i++) {
            float x = v[i];
            if (!(x >= 0f && x <= 255f)) {
                throw new IllegalArgumentException("MS-SSIM diversity expects pixel values on the 0..255 scale, found "
                        + x + " in image " + index);
            }
            whole &= x == Math.rint(x);
        }
        if (whole) {
            byte[] b = new byte[per];
            for (int i = 0; i < per; i++) {
                b[i] = (byte) (int) v[from + i];
            }
            return b;
        }
        return Arrays.copyOfRange(v, from, from + per);
    }

    private static double[] unpack(Object image) {
        if (image instanceof byte[] b) {
            double[] out = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[i] & 0xFF;
            }
            return out;
        }
        float[] f = (float[]) image;
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
