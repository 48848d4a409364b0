package org.ganeval4j.preprocess;

import org.ganeval4j.image.InputRange;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.preprocess.internal.PlaneResizer;
import org.ganeval4j.preprocess.internal.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a batch of images into a feature network's input: NCHW images (1 or 3 channels, any size) are mapped from
 * their {@link InputRange} into the {@link ResizeMode}'s domain, resized to {@code height x width}, normalised
 * ({@link ResizeMode#normalize(float)}) and returned as float32 NCHW {@code (N, 3, height, width)}. Grayscale
 * images are replicated to three identical channels (after resizing, which is identical per channel).
 *
 * <p>Per value: {@code out = mode.normalize(resize(range.toDomain(x)))}; e.g. pytorch-fid's FID Inception input
 * is {@code of(299, PYTORCH, UINT8)}: {@code 2*bilinear(u8/255f) - 1}.
 *
 * <p>Integer-typed data ({@link NpyArray} uint8, or an {@link INDArray} of an integer type) is always read as
 * 0..255 pixel values, whatever the declared range; floating-point {@code INDArray}s (cast to float32) must lie in
 * the declared range, with a slack of {@link #rangeSlack()} times the range's span on either side for rounding
 * noise (values within the slack are used as they are, not clipped; {@link InputRange#UINT8} floats must be exact
 * integers 0..255). The batch size never changes a result: each image is processed on its own, possibly in
 * parallel over images. Immutable and thread safe.
 */
public final class ImagePreprocessor {
    /** Default {@link #rangeSlack()}: 0.1% of the range's span. */
    public static final double DEFAULT_RANGE_SLACK = 1e-3;
    /** Below this many output values per batch the work stays on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;

    private final int height;
    private final int width;
    private final ResizeMode mode;
    private final InputRange inputRange;
    private final double rangeSlack;
    private final boolean parallel;

    private ImagePreprocessor(Builder b) {
        this.height = b.height;
        this.width = b.width;
        this.mode = b.mode;
        this.inputRange = b.inputRange;
        this.rangeSlack = b.rangeSlack;
        this.parallel = b.parallel;
    }

    /** A builder for output {@code height x width}, the resize mode and the range of float inputs. */
    public static Builder builder(int height, int width, ResizeMode mode, InputRange inputRange) {
        return new Builder(height, width, mode, inputRange);
    }

    /** A square {@code size x size} preprocessor with default options. */
    public static ImagePreprocessor of(int size, ResizeMode mode, InputRange inputRange) {
        return builder(size, size, mode, inputRange).build();
    }

    /** Output height. */
    public int height() {
        return height;
    }

    /** Output width. */
    public int width() {
        return width;
    }

    public ResizeMode mode() {
        return mode;
    }

    /** The declared range of floating-point inputs. */
    public InputRange inputRange() {
        return inputRange;
    }

    /** Tolerated excursion outside the declared range, as a fraction of the range's span. */
    public double rangeSlack() {
        return rangeSlack;
    }

    /** The output shape for {@code n} images: {@code [n, 3, height, width]}. */
    public long[] outputShape(long n) {
        return new long[] {n, 3, height, width};
    }

    /**
     * Preprocesses an NCHW batch: floating point in the declared range, or any integer type holding 0..255.
     *
     * @return a new float32 {@code (N, 3, height, width)} array, C order
     * @throws IllegalArgumentException for a wrong rank or channel count, NaN or values out of range
     */
    public INDArray preprocess(INDArray images) {
        Objects.requireNonNull(images, "images");
        long[] shape = images.shape();
        DataType t = images.dataType();
        InputRange range;
        if (t.isFPType()) {
            range = inputRange;
        } else if (t.isIntType()) {
            range = InputRange.UINT8;
        } else {
            throw new IllegalArgumentException("expected floating-point or integer images, found data type " + t
                    + " with shape " + Arrays.toString(shape));
        }
        int[] dims = checkShape(shape);
        INDArray f = t == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        if (f.isView() || f.ordering() != 'c' || f.data().length() != f.length()) {
            f = f.dup('c');
        }
        float[] data = f.data().asFloat();
        return toIndArray(run(data, null, range, dims), dims[0]);
    }

    /**
     * Preprocesses a uint8 {@code (N, C, H, W)} NumPy batch (as the reference data and {@code .npz} datasets hold
     * it); values are pixel values 0..255 whatever the declared range.
     */
    public INDArray preprocess(NpyArray images) {
        Objects.requireNonNull(images, "images");
        if (images.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("expected a uint8 (N, C, H, W) array, found " + images.descriptor()
                    + " " + Arrays.toString(images.shape()) + "; pass float images as an INDArray with a declared "
                    + "InputRange");
        }
        int[] dims = checkShape(images.shape());
        return toIndArray(run(null, images.toByteArray(), InputRange.UINT8, dims), dims[0]);
    }

    /**
     * Preprocesses {@code n x channels x inHeight x inWidth} floats (C order) in the declared range.
     *
     * @return {@code n*3*height*width} floats, C order
     */
    public float[] preprocess(float[] images, int n, int channels, int inHeight, int inWidth) {
        Objects.requireNonNull(images, "images");
        long[] shape = {n, channels, inHeight, inWidth};
        int[] dims = checkShape(shape);
        long expected = (long) n * channels * inHeight * inWidth;
        if (images.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " values for shape " + Arrays.toString(shape)
                    + ", found " + images.length);
        }
        return run(images, null, inputRange, dims);
    }

    private INDArray toIndArray(float[] out, int n) {
        return Nd4j.create(out, outputShape(n), 'c');
    }

    /** Checks an (N, C, H, W) shape and returns it as ints. */
    private int[] checkShape(long[] shape) {
        if (shape.length != 4) {
            String hint = shape.length == 3 ? "; for one image use reshape(1, C, H, W)" : "";
            throw new IllegalArgumentException("expected a rank-4 (N, C, H, W) batch, found rank " + shape.length
                    + " with shape " + Arrays.toString(shape) + hint);
        }
        long n = shape[0];
        long c = shape[1];
        long h = shape[2];
        long w = shape[3];
        if (c != 1 && c != 3) {
            String hint = (shape[3] == 1 || shape[3] == 3) ? "; this looks like NHWC, permute(0, 3, 1, 2) first" : "";
            throw new IllegalArgumentException("expected 1 (grayscale) or 3 (RGB) channels in dimension 1 of an "
                    + "(N, C, H, W) batch, i.e. shape [N, 1|3, H, W], found " + c + " in shape "
                    + Arrays.toString(shape) + hint);
        }
        if (n < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("expected at least one image of at least 1x1 pixels, found shape "
                    + Arrays.toString(shape));
        }
        if (n * c * h * w > Integer.MAX_VALUE - 8 || n * 3 * height * (long) width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch of shape " + Arrays.toString(shape) + " -> "
                    + Arrays.toString(outputShape(n)) + " exceeds one Java array; split it into smaller batches");
        }
        return new int[] {(int) n, (int) c, (int) h, (int) w};
    }

    /** Exactly one of {@code floats} / {@code bytes} is non-null; {@code range} applies to floats. */
    private float[] run(float[] floats, byte[] bytes, InputRange range, int[] dims) {
        int n = dims[0];
        int c = dims[1];
        int h = dims[2];
        int w = dims[3];
        if (floats != null) {
            validate(floats, range, dims);
        }
        PlaneResizer resizer = mode.planeResizer(h, w, height, width);
        int inPlane = h * w;
        int outPlane = height * width;
        float[] lut = new float[256];
        for (int k = 0; k < 256; k++) {
            lut[k] = InputRange.UINT8.toDomain(k, mode.domainMax());
        }
        float[] out = new float[n * 3 * outPlane];
        IntStream images = IntStream.range(0, n);
        if (parallel && n > 1 && (long) n * 3 * outPlane >= PARALLEL_THRESHOLD) {
            images = images.parallel();
        }
        images.forEach(i -> {
            Workspace ws = new Workspace();
            float[] buf = new float[inPlane];
            for (int ch = 0; ch < c; ch++) {
                int src = (i * c + ch) * inPlane;
                if (floats != null) {
                    for (int p = 0; p < inPlane; p++) {
                        buf[p] = range.toDomain(floats[src + p], mode.domainMax());
                    }
                } else {
                    for (int p = 0; p < inPlane; p++) {
                        buf[p] = lut[bytes[src + p] & 0xFF];
                    }
                }
                int dst = (i * 3 + ch) * outPlane;
                resizer.resize(buf, 0, out, dst, ws);
                for (int p = dst, end = dst + outPlane; p < end; p++) {
                    out[p] = mode.normalize(out[p]);
                }
            }
            if (c == 1) {
                int dst = i * 3 * outPlane;
                System.arraycopy(out, dst, out, dst + outPlane, outPlane);
                System.arraycopy(out, dst, out, dst + 2 * outPlane, outPlane);
            }
        });
        return out;
    }

    /** Rejects NaN, values outside the range plus slack, and non-integers for UINT8. */
    private void validate(float[] data, InputRange range, int[] dims) {
        boolean integers = range == InputRange.UINT8;
        double slack = integers ? 0 : rangeSlack * (range.max() - range.min());
        double lo = range.min() - slack;
        double hi = range.max() + slack;
        int bad = -1;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            if (bad < 0 && !(v >= lo && v <= hi && (!integers || v == Math.rint(v)))) {
                bad = i;
            }
        }
        if (bad < 0) {
            return;
        }
        int plane = dims[2] * dims[3];
        int image = bad / (dims[1] * plane);
        int channel = (bad / plane) % dims[1];
        int y = (bad % plane) / dims[3];
        int x = bad % dims[3];
        String expected = integers ? "integer values 0..255 (InputRange.UINT8)"
                : String.format(Locale.ROOT, "values in [%s, %s] (InputRange.%s, slack %s of the span)",
                        num(range.min()), num(range.max()), range, num(rangeSlack));
        String found = String.format(Locale.ROOT, "found %s at image %d, channel %d, y=%d, x=%d",
                num(data[bad]), image, channel, y, x);
        String summary = Float.isNaN(data[bad]) ? " (NaN in the batch)"
                : String.format(Locale.ROOT, " (batch values span [%s, %s])", num(min), num(max));
        throw new IllegalArgumentException("expected " + expected + ", " + found + summary + hint(range, min, max));
    }

    private static String hint(InputRange range, float min, float max) {
        if (max > 2f && range != InputRange.ZERO_255 && range != InputRange.UINT8) {
            return "; 0..255 data needs InputRange.ZERO_255 or UINT8";
        }
        if (min < -0.01f && max <= 1.01f && range == InputRange.ZERO_ONE) {
            return "; [-1,1] data (tanh) needs InputRange.MINUS_ONE_ONE";
        }
        if (range == InputRange.UINT8 && max <= 255f && min >= 0f) {
            return "; non-integer 0..255 data needs InputRange.ZERO_255";
        }
        return "";
    }

    /** Integers without ".0"; floats (data values) as float, the slack as double. */
    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return v == (float) v ? Float.toString((float) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePreprocessor p && height == p.height && width == p.width && mode == p.mode
                && inputRange == p.inputRange && Double.compare(rangeSlack, p.rangeSlack) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, mode, inputRange, rangeSlack);
    }

    /** E.g. {@code ImagePreprocessor[299x299, mode=pytorch, input=UINT8, slack=0.001]}. */
    @Override
    public String toString() {
        return "ImagePreprocessor[" + height + "x" + width + ", mode=" + mode.id() + ", input=" + inputRange
                + ", slack=" + rangeSlack + "]";
    }

    /** Builds an {@link ImagePreprocessor}; required values in the constructor, options by method. */
    public static final class Builder {
        private final int height;
        private final int width;
        private final ResizeMode mode;
        private final InputRange inputRange;
        private double rangeSlack = DEFAULT_RANGE_SLACK;
        private boolean parallel = true;

        private Builder(int height, int width, ResizeMode mode, InputRange inputRange) {
            this.height = height;
            this.width = width;
            this.mode = mode;
            this.inputRange = inputRange;
        }

        /** Tolerated excursion outside the declared range as a fraction of its span, in [0, 0.5]; default 1e-3. */
        public Builder rangeSlack(double fractionOfSpan) {
            this.rangeSlack = fractionOfSpan;
            return this;
        }

        /** Whether large batches are processed in parallel over images (common fork-join pool); default true. */
        public Builder parallel(boolean parallel) {
            this.parallel = parallel;
            return this;
        }

        /** @throws IllegalArgumentException for a size below 1 or too large, a missing mode/range, a bad slack */
        public ImagePreprocessor build() {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("output size must be at least 1x1, got " + height + "x" + width
                        + " (HxW)");
            }
            if (3L * height * width > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("output size " + height + "x" + width
                        + " is too large: 3*H*W must fit one Java array");
            }
            if (mode == null) {
                throw new IllegalArgumentException("resize mode is required, one of " + ResizeMode.ids());
            }
            if (inputRange == null) {
                throw new IllegalArgumentException("input range is required, one of "
                        + Arrays.toString(InputRange.values()));
            }
            if (!(rangeSlack >= 0 && rangeSlack <= 0.5)) {
                throw new IllegalArgumentException("range slack must be in [0, 0.5] (a fraction of the range's "
                        + "span), got " + rangeSlack);
            }
            return new ImagePreprocessor(this);
        }
    }
}
