package org.ganeval4j.metric;

import org.ganeval4j.metric.internal.PixelChecks;
import org.ganeval4j.metric.internal.SsimMaps;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli, "Image Quality Assessment: From Error
 * Visibility to Structural Similarity", IEEE TIP 2004) of image pairs, exactly as torchmetrics 1.9.0's
 * {@code structural_similarity_index_measure(a, b, data_range=L, reduction="none")} computes it, in float64.
 *
 * <p>With local means, variances and covariance taken under a window, {@code C1 = (k1 L)²},
 * {@code C2 = (k2 L)²}:
 * <pre>
 *   SSIM(x, y) = mean over pixels and channels of
 *                (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))
 * </pre>
 * torchmetrics' window handling, reproduced: the window is a Gaussian of σ = 1.5 whose size follows σ
 * ({@code int(3.5σ + 0.5)·2 + 1} = 11; the {@code kernelSize} option is then unused), or a uniform
 * K×K box ({@code gaussian_kernel=False, kernel_size=K}); each image is padded by reflection by
 * {@code (K − 1)/2} pixels on every side, so the SSIM map is H×W, and the whole map is averaged
 * (no border cropping for SSIM itself; {@link MsSsim} crops its contrast terms). Variances below 0
 * from round-off are set to 0. Channels are filtered separately. Identical images give 1 (within
 * round-off, ~1e-14); the value lies in [−1, 1].
 *
 * <p>Any size with both sides larger than the padding ({@link #minimumSize()}: 6 pixels with the
 * default window). SSIM is invariant to scaling the images and L together, not to shifting them: give
 * the data range of the scale the images are on. Immutable and thread safe.
 */
public final class Ssim implements PixelMetric {
    /** The name in outputs. */
    public static final String NAME = "SSIM";

    private final Options options;
    private final double[] window;

    private Ssim(Options options) {
        this.options = options;
        this.window = options.window();
    }

    /** torchmetrics' defaults (Gaussian window σ = 1.5, 11×11, k1 = 0.01, k2 = 0.03) for images of data range {@code L}. */
    public static Ssim of(double dataRange) {
        return new Ssim(Options.defaults(dataRange));
    }

    /** SSIM with the given options. */
    public static Ssim of(Options options) {
        return new Ssim(java.util.Objects.requireNonNull(options, "options"));
    }

    /**
     * The options of torchmetrics' SSIM.
     *
     * @param dataRange  L, the span of the pixel scale (255 for 0..255, 1 for [0, 1], 2 for [−1, 1]); finite, > 0
     * @param gaussian   a Gaussian window (torchmetrics' {@code gaussian_kernel=True}) or a uniform one
     * @param sigma      σ of the Gaussian, > 0; its window is {@code int(3.5σ + 0.5)·2 + 1} pixels wide
     * @param kernelSize size of the uniform window; odd, ≥ 1 (checked even for a Gaussian window, as
     *                   torchmetrics does; {@link MsSsim}'s size rule reads it too)
     * @param k1         the luminance constant, ≥ 0 ({@code C1 = (k1 L)²})
     * @param k2         the contrast constant, ≥ 0 ({@code C2 = (k2 L)²})
     */
    public record Options(double dataRange, boolean gaussian, double sigma, int kernelSize, double k1, double k2) {
        /** torchmetrics' σ. */
        public static final double DEFAULT_SIGMA = 1.5;
        /** torchmetrics' {@code kernel_size}. */
        public static final int DEFAULT_KERNEL_SIZE = 11;
        /** torchmetrics' k1. */
        public static final double DEFAULT_K1 = 0.01;
        /** torchmetrics' k2. */
        public static final double DEFAULT_K2 = 0.03;

        public Options {
            PixelChecks.dataRange(NAME, dataRange);
            if (!(sigma > 0) || !(sigma <= 1000)) {
                throw new IllegalArgumentException("SSIM: sigma must be > 0 (and at most 1000), got " + sigma);
            }
            if (kernelSize < 1 || kernelSize % 2 == 0 || kernelSize > 2001) {
                throw new IllegalArgumentException("SSIM: kernel size must be odd and positive (at most 2001), got "
                        + kernelSize);
            }
            if (!(k1 >= 0) || !(k2 >= 0) || !Double.isFinite(k1) || !Double.isFinite(k2)) {
                throw new IllegalArgumentException("SSIM: k1 and k2 must be finite and >= 0, got k1=" + k1 + ", k2=" + k2);
            }
        }

        /** torchmetrics' defaults for data range {@code L}. */
        public static Options defaults(double dataRange) {
            return new Options(dataRange, true, DEFAULT_SIGMA, DEFAULT_KERNEL_SIZE, DEFAULT_K1, DEFAULT_K2);
        }

        /** A uniform {@code size × size} window ({@code gaussian_kernel=False, kernel_size=size}). */
        public Options withUniformWindow(int size) {
            return new Options(dataRange, false, sigma, size, k1, k2);
        }

        /** A Gaussian window of σ (size {@code int(3.5σ + 0.5)·2 + 1}). */
        public Options withGaussianWindow(double s) {
            return new Options(dataRange, true, s, kernelSize, k1, k2);
        }

        /** Another {@code kernel_size} (the uniform window's size; MS-SSIM's size rule reads it for either window). */
        public Options withKernelSize(int size) {
            return new Options(dataRange, gaussian, sigma, size, k1, k2);
        }

        /** Other constants k1, k2. */
        public Options withConstants(double newK1, double newK2) {
            return new Options(dataRange, gaussian, sigma, kernelSize, newK1, newK2);
        }

        /** Another data range. */
        public Options withDataRange(double l) {
            return new Options(l, gaussian, sigma, kernelSize, k1, k2);
        }

        /** Width of the window actually used: {@code int(3.5σ + 0.5)·2 + 1} for a Gaussian, else {@code kernelSize}. */
        public int windowSize() {
            return gaussian ? SsimMaps.gaussianSize(sigma) : kernelSize;
        }

        /** The reflection padding on each side, {@code (windowSize − 1)/2}. */
        public int padding() {
            return (windowSize() - 1) / 2;
        }

        /** {@code C1 = (k1 L)²}. */
        public double c1() {
            double v = k1 * dataRange;
            return v * v;
        }

        /** {@code C2 = (k2 L)²}. */
        public double c2() {
            double v = k2 * dataRange;
            return v * v;
        }

        double[] window() {
            return gaussian ? SsimMaps.gaussian(windowSize(), sigma) : SsimMaps.uniform(kernelSize);
        }

        /** E.g. {@code gaussian σ=1.5 (11×11)} or {@code uniform 7×7}. */
        public String describeWindow() {
            int k = windowSize();
            return gaussian ? "gaussian σ=" + sigma + " (" + k + "×" + k + ")" : "uniform " + k + "×" + k;
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

    /** One more than the padding: reflection needs each side longer than the padding. */
    @Override
    public int minimumSize() {
        return options.padding() + 1;
    }

    @Override
    public double compute(double[] a, double[] b, int channels, int height, int width) {
        PixelChecks.pair(NAME + " with a " + options.describeWindow() + " window", a, b, channels, height, width,
                minimumSize());
        return SsimMaps.simAndCs(a, b, channels, height, width, window, options.c1(), options.c2(), false)[0];
    }

    @Override
    public String toString() {
        return NAME + "(L=" + options.dataRange + ", " + options.describeWindow() + ", k1=" + options.k1 + ", k2="
                + options.k2 + ")";
    }
}
