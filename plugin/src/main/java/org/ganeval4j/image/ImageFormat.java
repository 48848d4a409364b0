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

    /**
     * Parses the command line's {@code --format nchw|nhwc|flat:C×H×W} (also {@code CxHxW}) with
     * {@code --range -1,1|0,1|0,255}; C, H and W of {@code nchw}/{@code nhwc} come from
     * {@code outputShape}, the shape of one generator output (may be null for {@code flat}).
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static ImageFormat parse(String layout, String range, long[] outputShape) {
        InputRange r = parseRange(range);
        String l = java.util.Objects.requireNonNull(layout, "layout").strip().toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith("flat:")) {
            String[] chw = l.substring(5).split("[x×]");
            if (chw.length != 3) {
                throw new IllegalArgumentException("expected flat:C×H×W (e.g. flat:1x28x28), found '" + layout + "'");
            }
            try {
                return of(Layout.FLAT, r, Integer.parseInt(chw[0]), Integer.parseInt(chw[1]), Integer.parseInt(chw[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected flat:C×H×W (e.g. flat:1x28x28), found '" + layout + "'");
            }
        }
        Layout lay = switch (l) {
            case "nchw" -> Layout.NCHW;
            case "nhwc" -> Layout.NHWC;
            default -> throw new IllegalArgumentException("expected the format nchw, nhwc or flat:C×H×W, found '" + layout
                    + "'");
        };
        if (outputShape == null || outputShape.length != 4) {
            throw new IllegalArgumentException("format " + l + " needs a rank-4 generator output, found "
                    + (outputShape == null ? "none" : Arrays.toString(outputShape)));
        }
        return lay == Layout.NCHW ? of(lay, r, (int) outputShape[1], (int) outputShape[2], (int) outputShape[3])
                : of(lay, r, (int) outputShape[3], (int) outputShape[1], (int) outputShape[2]);
    }

    /** Parses {@code -1,1}, {@code 0,1} or {@code 0,255}. */
    public static InputRange parseRange(String range) {
        return switch (java.util.Objects.requireNonNull(range, "range").replace(" ", "")) {
            case "-1,1" -> InputRange.MINUS_ONE_ONE;
            case "0,1" -> InputRange.ZERO_ONE;
            case "0,255" -> InputRange.ZERO_255;
            default -> throw new IllegalArgumentException("expected the range -1,1, 0,1 or 0,255, found '" + range + "'");
        };
    }

    /** The command line's description of the layout: {@code nchw}, {@code nhwc} or {@code flat:C×H×W}. */
    public String describeLayout() {
        return layout == Layout.FLAT ? "flat:" + channels + "x" + height + "x" + width
                : layout.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The command line's description of the range: {@code -1,1}, {@code 0,1} or {@code 0,255}. */
    public String describeRange() {
        return switch (range) {
            case MINUS_ONE_ONE -> "-1,1";
            case ZERO_ONE -> "0,1";
            case ZERO_255, UINT8 -> "0,255";
        };
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
