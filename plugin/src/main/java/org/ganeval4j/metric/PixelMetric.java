package org.ganeval4j.metric;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A full-reference image metric that compares two images pixel by pixel: image k of one set against
 * image k of the other ({@link Ssim}, {@link MsSsim}, {@link Psnr}, {@link Mse}). The images are
 * float64 C×H×W planes (row-major, channel after channel; 1 channel for gray, 3 for RGB) on the scale
 * the metric's data range describes — e.g. 0..255 with data range 255, [0, 1] with 1, [−1, 1] with 2.
 *
 * <p>Paired metrics answer "how close is this output to its target": they fit conditional and
 * image-to-image GANs (pix2pix-style translation with ground truth, super-resolution, inpainting)
 * and reconstructions (autoencoders, GAN inversion). They say nothing about unconditional samples,
 * which have no target: there, compare distributions (FID, KID, precision/recall) instead.
 *
 * <p>Implementations are immutable and thread safe.
 */
public interface PixelMetric {
    /** The name in outputs, e.g. {@code SSIM}. */
    String name();

    /** Whether lower or higher is better (closer to the target). */
    Direction direction();

    /**
     * The smallest height and width this metric accepts (1 when any size does).
     */
    int minimumSize();

    /**
     * The metric of one pair.
     *
     * @param a        first image, {@code channels × height × width} values, row-major
     * @param b        second image, the same shape
     * @param channels number of channels (≥ 1)
     * @param height   height (≥ {@link #minimumSize()})
     * @param width    width (≥ {@link #minimumSize()})
     * @throws IllegalArgumentException for lengths that do not match the shape, or a size the metric
     *                                  does not accept (the message names the minimum)
     */
    double compute(double[] a, double[] b, int channels, int height, int width);

    /**
     * The metric of each pair (row k of {@code a}, row k of {@code b}) of two NCHW batches, read as
     * float64 on their own scale.
     *
     * @throws IllegalArgumentException for batches that are not NCHW of one shape
     */
    default double[] compute(INDArray a, INDArray b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.rank() != 4 || !Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(name() + " compares image k of A with image k of B: expected two NCHW"
                    + " batches of one shape, got " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        int n = (int) a.size(0);
        int c = (int) a.size(1);
        int h = (int) a.size(2);
        int w = (int) a.size(3);
        double[] va = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] vb = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int per = c * h * w;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = compute(Arrays.copyOfRange(va, i * per, (i + 1) * per), Arrays.copyOfRange(vb, i * per, (i + 1) * per),
                    c, h, w);
        }
        return out;
    }
}
