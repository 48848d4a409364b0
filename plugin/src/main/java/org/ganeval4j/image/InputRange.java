package org.ganeval4j.image;

import org.ganeval4j.image.internal.FloatImages;

/**
 * The value range of images given as numbers — a generator's output layer, decoded files, a NumPy
 * array — and how it maps into a preprocessing domain ([0,1] for pytorch-fid, 0..255 for the
 * others; see {@code org.ganeval4j.preprocess.ResizeMode}), in float32, one expression per value:
 *
 * <table>
 *   <caption>mapping of an input value {@code x} into the resize domain</caption>
 *   <tr><th>range</th><th>PYTORCH domain [0,1]</th><th>TF1, CLEAN, ANTIALIAS domain 0..255</th></tr>
 *   <tr><td>{@link #UINT8}, {@link #ZERO_255}</td><td>{@code x / 255f}</td><td>{@code x}</td></tr>
 *   <tr><td>{@link #ZERO_ONE}</td><td>{@code x}</td><td>{@code x * 255f}</td></tr>
 *   <tr><td>{@link #MINUS_ONE_ONE}</td><td>{@code (x + 1f) / 2f}</td><td>{@code (x + 1f) * 127.5f}</td></tr>
 * </table>
 *
 * <p>So a uint8 value {@code k} becomes {@code k/255f} for pytorch-fid (torchvision {@code ToTensor}) and the float
 * {@code k} for the 0..255 libraries. Float images are not quantised to bytes first (torchmetrics'
 * {@code normalize=True} truncates {@code (x*255).byte()}; quantise yourself to reproduce that).
 */
public enum InputRange {
    /** Integer values 0..255 (uint8 pixels), possibly stored in a float array; checked to be integers. */
    UINT8(0f, 255f),
    /** Floats in [0,1], e.g. a sigmoid output or {@code ToTensor()} images. */
    ZERO_ONE(0f, 1f),
    /** Floats in [-1,1], e.g. a tanh output. */
    MINUS_ONE_ONE(-1f, 1f),
    /** Floats in [0,255], not necessarily integers. */
    ZERO_255(0f, 255f);

    private final float min;
    private final float max;

    InputRange(float min, float max) {
        this.min = min;
        this.max = max;
    }

    /** The smallest value of the range. */
    public float min() {
        return min;
    }

    /** The largest value of the range. */
    public float max() {
        return max;
    }

    /**
     * Maps {@code x} from this range into a domain [0, {@code domainMax}] with {@code domainMax} 1 or
     * 255, as in the table above.
     */
    public float toDomain(float x, float domainMax) {
        if (domainMax != 1f && domainMax != 255f) {
            throw new IllegalArgumentException("domain maximum must be 1 or 255, got " + domainMax);
        }
        boolean unit = domainMax == 1f;
        return switch (this) {
            case UINT8, ZERO_255 -> unit ? x / 255f : x;
            case ZERO_ONE -> unit ? x : x * 255f;
            case MINUS_ONE_ONE -> unit ? (x + 1f) / 2f : (x + 1f) * 127.5f;
        };
    }

    /** The interval, e.g. {@code [-1, 1]}, {@code [0, 255]}, as error messages name it. */
    public String describe() {
        return FloatImages.describe(this);
    }

    /**
     * Checks that every value is finite and within this range (and a whole number for {@link #UINT8}).
     *
     * @param values     the values of whole images, one after another
     * @param perImage   values per image, to name the image of an offending value
     * @param firstImage the index of the image {@code values} starts with
     * @param name       the input, for the message
     * @throws IllegalArgumentException naming the first offending value, its image, the range and how many values
     *                                  lie outside it
     */
    public void check(double[] values, int perImage, long firstImage, String name) {
        FloatImages.check(values, perImage, firstImage, this, name);
    }
}
