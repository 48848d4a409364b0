package org.ganeval4j.image;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How a generator's output is laid out and scaled, and its conversion to the canonical batch every
 * feature extractor takes: float32 NCHW with pixel values on the 0..255 scale.
 *
 * <p>Ranges map linearly: tanh [−1, 1] → (x + 1)·127.5; sigmoid [0, 1] → 255·x; [0, 255] as is.
 * Values are clipped to the range first (a generator slightly overshooting tanh is normal). With
 * {@code quantize} the result is rounded to whole grey levels, as if the samples were saved as 8-bit
 * PNGs — what reference statistics computed from image files assume (torch-fidelity and clean-fid
 * quantise generated samples the same way).
 *
 * @param layout   NCHW, NHWC, or flat [N, C·H·W] (C-order over C, H, W)
 * @param range    the value range of the generator's output
 * @param channels C (1 or 3)
 * @param height   H
 * @param width    W
 * @param quantize round to whole 0..255 levels
 */
public record ImageFormat(Layout layout, InputRange range, int channels, int height, int width, boolean quantize) {
    /** Array layouts. */
    public enum Layout {
        /** [N, C, H, W]. */
        NCHW,
        /** [N, H, W, C]. */
        NHWC,
        /** [N, C·H·W], the flattening of NCHW. */
        FLAT
    }

    public ImageFormat {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(range, "range");
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "×" + width);
        }
    }

    /** A quantised format. */
    public static ImageFormat of(Layout layout, InputRange range, int channels, int height, int width) {
        return new ImageFormat(layout, range, channels, height, width, true);
    }

    /** The same without quantisation. */
    public ImageFormat unquantized() {
        return new ImageFormat(layout, range, channels, height, width, false);
    }

    /**
     * Converts a generator output to the canonical batch (a new array; the input is not modified).
     *
     * @throws IllegalArgumentException when the shape does not match, naming expected and found
     * @throws NonFiniteImageException  when the output holds NaN or infinite values
     */
    public INDArray toCanonical(INDArray out) {
        long n = out.size(0);
        INDArray nchw = switch (layout) {
            case NCHW -> {
                requireShape(out, new long[] {n, channels, height, width});
                yield out;
            }
            case NHWC -> {
                requireShape(out, new long[] {n, height, width, channels});
                yield out.permute(0, 3, 1, 2);
            }
            case FLAT -> {
                requireShape(out, new long[] {n, (long) channels * height * width});
                yield out.reshape('c', n, channels, height, width);
            }
        };
        INDArray x = nchw.castTo(DataType.FLOAT).dup('c');
        double bad = x.isNaN().castTo(DataType.INT).sumNumber().doubleValue()
                + x.isInfinite().castTo(DataType.INT).sumNumber().doubleValue();
        if (bad > 0) {
            throw new NonFiniteImageException("generated images hold " + (long) bad + " NaN or infinite values (of "
                    + x.length() + ")");
        }
        x = Transforms.max(x, range.min(), false);
        x = Transforms.min(x, range.max(), false);
        if (range != InputRange.ZERO_255 && range != InputRange.UINT8) {
            x.subi(range.min()).muli(255.0 / (range.max() - range.min()));
        }
        if (quantize) {
            x = Transforms.round(x, false);
        }
        return x;
    }

    private static void requireShape(INDArray a, long[] expected) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException("expected generator output of shape " + Arrays.toString(expected)
                    + ", found " + Arrays.toString(a.shape()));
        }
    }
}
