package org.ganeval4j.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ganeval4j.metric.internal.PixelChecks;
import org.ganeval4j.metric.internal.SsimMaps;

/**
 * Multi-scale structural similarity (Wang, Simoncelli and Bovik, "Multi-Scale Structural Similarity
 * for Image Quality Assessment", Asilomar 2003) of image pairs, exactly as torchmetrics 1.9.0's
 * {@code multiscale_structural_similarity_index_measure(a, b, data_range=L, reduction="none",
 * normalize=…)} computes it, in float64.
 *
 * <p>With M = the number of betas (default 5: 0.0448, 0.2856, 0.3001, 0.2363, 0.1333): at scale
 * j = 1 … M the {@link Ssim} machinery (same window, padding and constants) gives the SSIM mean
 * {@code s_j} over the whole map and the contrast-sensitivity mean
 * {@code cs_j = mean (2σxy + C2)/(σx² + σy² + C2)} over the map with the padding cropped on each side;
 * then both images are 2×2 average-pooled ({@code F.avg_pool2d}, an odd last row or column dropped).
 * <pre>
 *   MS-SSIM = Π_{j<M} cs_j^β_j · s_M^β_M
 * </pre>
 * {@link Normalize#RELU} first sets negative {@code s_j, cs_j} to 0 ({@code normalize="relu"},
 * torchmetrics' default in both the function and the class, and ours); {@link Normalize#SIMPLE} maps
 * every term t to (t + 1)/2; {@link Normalize#NONE} uses them as they are ({@code normalize=None}). As
 * in torchmetrics the exponents are the float32 roundings of the betas ({@code torch.tensor(betas)}).
 *
 * <p>A negative term raised to a non-integer β has no real value: torchmetrics returns NaN there
 * (with {@code normalize=None}, e.g. a pair whose coarse scales are anti-correlated); this class
 * returns 0 for such a term's product instead — what {@code normalize="relu"} gives, and what the
 * torchmetrics reference vectors record — so that means over pairs stay defined.
 *
 * <p>Size: torchmetrics refuses a side below {@code 2^M} or with
 * {@code side // max(1, M − 1)² ≤ kernel_size − 1}, and each scale needs the padding to fit; with the
 * defaults every side must be at least 176 pixels ({@link #minimumSize()}; torchmetrics' message says
 * "larger than 160", but its test refuses 161…175). Small GAN images (28×28, 32×32, 64×64) need fewer
 * scales and/or a smaller window: e.g. 3 betas with {@code kernelSize} 7 accept 28×28 and larger;
 * the error message says how many scales fit. Immutable and thread safe.
 */
public final class MsSsim implements PixelMetric {
    /**
     * As a diversity score over pairs of generated samples (Odena et al.): a mean similarity, so lower
     * means more diverse, which is better.
     */
    public static final Direction DIVERSITY_DIRECTION = Direction.LOWER_IS_BETTER;
    /** The name in outputs. */
    public static final String NAME = "MS-SSIM";
    /** torchmetrics' betas (Wang et al.'s weights for 5 scales). */
    public static final double[] DEFAULT_BETAS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    /** The most scales accepted. */
    public static final int MAX_SCALES = 10;

    private final Options options;
    private final double[] window;
    private final double[] exponents;

    private MsSsim(Options options) {
        this.options = options;
        this.window = options.ssim().window();
        double[] b = options.betas();
        this.exponents = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            exponents[i] = (float) b[i];
        }
    }

    /** torchmetrics' defaults (5 betas, {@link Normalize#RELU}) for images of data range {@code L}. */
    public static MsSsim of(double dataRange) {
        return new MsSsim(Options.defaults(dataRange));
    }

    /** MS-SSIM with the given options. */
    public static MsSsim of(Options options) {
        return new MsSsim(Objects.requireNonNull(options, "options"));
    }

    /** What happens to each scale's term before the betas are applied. */
    public enum Normalize {
        /** Terms as they are ({@code normalize=None}). */
        NONE,
        /** Negative terms set to 0 ({@code normalize="relu"}). */
        RELU,
        /** Each term t becomes (t + 1)/2 ({@code normalize="simple"}). */
        SIMPLE;

        /** {@code none}, {@code relu} or {@code simple}, as torchmetrics names them. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The option named {@code none}, {@code relu} or {@code simple}. */
        public static Normalize of(String id) {
            for (Normalize n : values()) {
                if (n.id().equalsIgnoreCase(id.strip())) {
                    return n;
                }
            }
            throw new IllegalArgumentException("MS-SSIM normalize must be none, relu or simple, got '" + id + "'");
        }
    }

    /**
     * The options of torchmetrics' MS-SSIM.
     *
     * @param ssim      the window, constants and data range of every scale
     * @param betas     one exponent per scale, finite, 1 to {@link #MAX_SCALES} of them
     * @param normalize what happens to the terms first
     */
    public record Options(Ssim.Options ssim, double[] betas, Normalize normalize) {
        public Options {
            Objects.requireNonNull(ssim, "ssim options");
            Objects.requireNonNull(normalize, "normalize");
            Objects.requireNonNull(betas, "betas");
            betas = betas.clone();
            if (betas.length < 1 || betas.length > MAX_SCALES) {
                throw new IllegalArgumentException("MS-SSIM needs 1 to " + MAX_SCALES + " betas (one per scale), got "
                        + betas.length);
            }
            for (double v : betas) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("MS-SSIM betas must be finite, got " + Arrays.toString(betas));
                }
            }
            if (betas.length > 1 && ssim.padding() < 1) {
                throw new IllegalArgumentException("MS-SSIM with " + betas.length + " scales needs a window of at least"
                        + " 3 pixels (its contrast terms crop the padding), got " + ssim.describeWindow());
            }
        }

        /** torchmetrics' defaults for data range {@code L}: SSIM defaults, 5 betas, {@link Normalize#RELU}. */
        public static Options defaults(double dataRange) {
            return new Options(Ssim.Options.defaults(dataRange), DEFAULT_BETAS, Normalize.RELU);
        }

        @Override
        public double[] betas() {
            return betas.clone();
        }

        /** Other betas (one per scale). */
        public Options withBetas(double... b) {
            return new Options(ssim, b, normalize);
        }

        /** Another normalisation. */
        public Options withNormalize(Normalize n) {
            return new Options(ssim, betas, n);
        }

        /** Other SSIM options (window, constants, data range). */
        public Options withSsim(Ssim.Options s) {
            return new Options(s, betas, normalize);
        }

        /** Number of scales. */
        public int scales() {
            return betas.length;
        }

        /**
         * The smallest side accepted: torchmetrics' rule ({@code side ≥ 2^M},
         * {@code side // max(1, M−1)² > kernel_size − 1}) and the padding fitting every scale.
         */
        public int minimumSize() {
            return minimumSize(betas.length);
        }

        int minimumSize(int m) {
            long d = (long) Math.max(1, m - 1) * Math.max(1, m - 1);
            long need = Math.max(1L << m, d * ssim.kernelSize());
            int p = ssim.padding();
            for (int i = 0; i < m; i++) {
                need = Math.max(need, (long) (p + 1) << i);
                if (i < m - 1) {
                    need = Math.max(need, (long) (2 * p + 1) << i);
                }
            }
            return (int) Math.min(need, Integer.MAX_VALUE);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options x && ssim.equals(x.ssim) && Arrays.equals(betas, x.betas)
                    && normalize == x.normalize;
        }

        @Override
        public int hashCode() {
            return Objects.hash(ssim, Arrays.hashCode(betas), normalize);
        }

        @Override
        public String toString() {
            return "MsSsim.Options[ssim=" + ssim + ", betas=" + Arrays.toString(betas) + ", normalize=" + normalize + "]";
        }
    }

    /** The options. */
    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@link Direction#HIGHER_IS_BETTER}: 1 means identical. */
    @Override
    public Direction direction() {
        return Direction.HIGHER_IS_BETTER;
    }

    /** The smallest side accepted: 176 with the defaults (see {@link Options#minimumSize()}). */
    @Override
    public int minimumSize() {
        return options.minimumSize();
    }

    /**
     * Checks that {@code height × width} images can be compared.
     *
     * @throws IllegalArgumentException naming the minimum size and what to change for small images
     */
    public void checkSize(int height, int width) {
        int min = minimumSize();
        if (height >= min && width >= min) {
            return;
        }
        int m = options.scales();
        Ssim.Options s = options.ssim();
        int side = Math.min(height, width);
        int fits = 0;
        for (int k = m - 1; k >= 1; k--) {
            if (options.minimumSize(k) <= side) {
                fits = k;
                break;
            }
        }
        String advice = fits > 0
                ? "for smaller images use fewer betas (with this window, " + fits + " scale" + (fits == 1 ? "" : "s")
                        + " fit " + height + "×" + width + ") or a smaller window (kernel size / sigma)"
                : "no number of scales fits " + height + "×" + width + " with this window: use a smaller window"
                        + " (kernel size / sigma), or SSIM";
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s with %d scales (betas) and a %s window"
                + " (kernel size %d) needs images of at least %d×%d pixels (torchmetrics' rule: each side >= 2^%d and"
                + " side // %d > %d, and the padding must fit every scale), got %d×%d; %s", NAME, m, s.describeWindow(),
                s.kernelSize(), min, min, m, Math.max(1, m - 1) * Math.max(1, m - 1), s.kernelSize() - 1, height, width,
                advice));
    }

    @Override
    public double compute(double[] a, double[] b, int channels, int height, int width) {
        PixelChecks.pair(NAME, a, b, channels, height, width, 1);
        checkSize(height, width);
        Ssim.Options s = options.ssim();
        double c1 = s.c1();
        double c2 = s.c2();
        int m = exponents.length;
        double[] x = a;
        double[] y = b;
        int h = height;
        int w = width;
        double product = 1;
        for (int j = 0; j < m; j++) {
            boolean last = j == m - 1;
            double[] r = SsimMaps.simAndCs(x, y, channels, h, w, window, c1, c2, !last);
            double t = last ? r[0] : r[1];
            switch (options.normalize()) {
                case RELU -> t = Double.isNaN(t) ? t : Math.max(t, 0.0);
                case SIMPLE -> t = (t + 1) / 2;
                default -> {
                }
            }
            double term = Math.pow(t, exponents[j]);
            if (Double.isNaN(term) && t < 0) {
                term = 0;
            }
            product *= term;
            if (!last) {
                x = SsimMaps.avgPool2(x, channels, h, w);
                y = SsimMaps.avgPool2(y, channels, h, w);
                h /= 2;
                w /= 2;
            }
        }
        return product;
    }

    @Override
    public String toString() {
        return NAME + "(L=" + options.ssim().dataRange() + ", " + options.ssim().describeWindow() + ", betas="
                + Arrays.toString(options.betas()) + ", normalize=" + options.normalize().id() + ")";
    }
}
