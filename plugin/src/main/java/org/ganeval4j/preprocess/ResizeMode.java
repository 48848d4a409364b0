package org.ganeval4j.preprocess;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.ganeval4j.preprocess.internal.PillowBicubic;
import org.ganeval4j.preprocess.internal.PlaneResizer;
import org.ganeval4j.preprocess.internal.Tf1Bilinear;
import org.ganeval4j.preprocess.internal.TorchAntialias;
import org.ganeval4j.preprocess.internal.TorchBilinear;
import org.ganeval4j.preprocess.internal.Workspace;

/**
 * How images are resized and normalised before a feature network, reproducing one reference library bit for bit.
 * A mode is part of a feature extractor's identity and of reference-statistics metadata (by its {@link #id()}):
 * FID values computed with different modes are not comparable.
 *
 * <p>Each mode resizes in its own value <em>domain</em> ({@link #domainMax()}): {@code [0,1]} for {@link #PYTORCH},
 * {@code 0..255} for the others; channels are resized independently. {@link #normalize(float)} then maps the domain
 * to network input. For an unchanged size every mode's resize is the exact identity.
 */
public enum ResizeMode {
    /**
     * pytorch-fid ({@code InceptionV3(resize_input=True, normalize_input=True)}): {@code x = u8/255f} (float32 true
     * division), {@code F.interpolate(x, size, mode='bilinear', align_corners=False)} without antialiasing, then
     * {@code 2x - 1}. Half-pixel centres: output index {@code i} samples {@code (i+0.5)*in/out - 0.5}; shrinking
     * aliases. Bit-exact with torch 1.13 CPU (float32 weights, fused multiply-add) for RGB batches, which is what
     * pytorch-fid feeds; a 1x1 source image is the exception (torch takes its channels-last kernel for an
     * {@code (N,C,1,1)} tensor), within 2 ulps.
     */
    PYTORCH("pytorch", 1f),
    /**
     * torch-fidelity (every version), torchmetrics up to 1.7.4 (FID, KID, IS) and torchmetrics 1.8.0 or later with
     * {@code FrechetInceptionDistance(antialias=False)}: TensorFlow 1.x bilinear resize
     * ({@code interpolate_bilinear_2d_like_tensorflow1x}, no half-pixel offset: output index {@code i} samples
     * {@code i*in/out}) of the 0..255 floats, then {@code (x - 128)/128}. Bit-exact.
     */
    TF1("tf1", 255f),
    /**
     * clean-fid mode 'clean': per channel, Pillow's bicubic ({@code a = -0.5}) resize of the float32 image (mode
     * 'F', antialiased when shrinking), {@code clip(0, 255)}, not quantised, then {@code (x - 128)/128}. Bit-exact
     * with Pillow 9.x.
     */
    CLEAN("clean", 255f),
    /**
     * torchmetrics 1.8.0 or later, its default for FID, KID and IS (PR #3177 added {@code antialias=True} to
     * {@code NoTrainInceptionV3}): {@code F.interpolate(float(u8), size, 'bilinear',
     * align_corners=False, antialias=True)} (a Pillow-like triangle filter whose support grows with the shrink
     * factor), then {@code (x - 128)/128}. Equals {@link #PYTORCH}'s resize (times 255, up to rounding) when
     * upscaling.
     */
    ANTIALIAS("antialias", 255f);

    private static final Map<List<Integer>, PlaneResizer> RESIZERS = new ConcurrentHashMap<>();
    private static final int RESIZER_CACHE_LIMIT = 256;

    private final String id;
    private final float domainMax;

    ResizeMode(String id, float domainMax) {
        this.id = id;
        this.domainMax = domainMax;
    }

    /** The stable lowercase id used by CLI options ({@code --resize pytorch|tf1|clean|antialias}) and metadata. */
    public String id() {
        return id;
    }

    /**
     * The mode with this id (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the valid ids when there is no such mode
     */
    public static ResizeMode fromId(String id) {
        Objects.requireNonNull(id, "id");
        String key = id.strip().toLowerCase(Locale.ROOT);
        for (ResizeMode m : values()) {
            if (m.id.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown resize mode '" + id + "', expected one of " + ids());
    }

    /** All ids, in declaration order: {@code [pytorch, tf1, clean, antialias]}. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ResizeMode::id).toList();
    }

    /** The upper end of the value domain the resize works in: 1 ({@code [0,1]}) or 255 ({@code 0..255}). */
    public float domainMax() {
        return domainMax;
    }

    /**
     * Maps a resized value from this mode's domain to network input, in float32: {@code 2*x - 1} for
     * {@link #PYTORCH} ({@code [0,1] -> [-1,1]}), {@code (x - 128)/128} for the others
     * ({@code [0,255] -> [-1, 127/128]}).
     */
    public float normalize(float x) {
        return this == PYTORCH ? 2f * x - 1f : (x - 128f) / 128f;
    }

    /**
     * Resizes a C×H×W image (C-order) in this mode's value domain; channels are resized independently.
     *
     * @param image {@code channels*height*width} values; not modified
     * @return a new array of {@code channels*outHeight*outWidth} values
     */
    public float[] resize(float[] image, int channels, int height, int width, int outHeight, int outWidth) {
        Objects.requireNonNull(image, "image");
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        PlaneResizer r = planeResizer(height, width, outHeight, outWidth);
        long in = (long) channels * height * width;
        if (image.length != in) {
            throw new IllegalArgumentException("expected " + in + " values for a " + channels + "x" + height + "x"
                    + width + " (CxHxW) image, found " + image.length);
        }
        long outLength = (long) channels * outHeight * outWidth;
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output of " + outLength + " values exceeds one Java array");
        }
        float[] out = new float[(int) outLength];
        Workspace ws = new Workspace();
        int inPlane = height * width;
        int outPlane = outHeight * outWidth;
        for (int c = 0; c < channels; c++) {
            r.resize(image, c * inPlane, out, c * outPlane, ws);
        }
        return out;
    }

    /** Resizes one H×W plane (row-major) in this mode's value domain; a new array of {@code outHeight*outWidth}. */
    public float[] resizePlane(float[] plane, int height, int width, int outHeight, int outWidth) {
        return resize(plane, 1, height, width, outHeight, outWidth);
    }

    /** The cached kernel for one size pair; tables are built once per (in, out) pair and axis. */
    PlaneResizer planeResizer(int height, int width, int outHeight, int outWidth) {
        List<Integer> key = List.of(ordinal(), height, width, outHeight, outWidth);
        PlaneResizer r = RESIZERS.get(key);
        if (r == null) {
            r = switch (this) {
                case PYTORCH -> new TorchBilinear(height, width, outHeight, outWidth);
                case TF1 -> new Tf1Bilinear(height, width, outHeight, outWidth);
                case CLEAN -> new PillowBicubic(height, width, outHeight, outWidth);
                case ANTIALIAS -> new TorchAntialias(height, width, outHeight, outWidth);
            };
            if (RESIZERS.size() >= RESIZER_CACHE_LIMIT) {
                RESIZERS.clear();
            }
            RESIZERS.put(key, r);
        }
        return r;
    }
}
