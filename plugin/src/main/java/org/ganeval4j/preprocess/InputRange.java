package org.ganeval4j.preprocess;

import java.util.Objects;

/**
 * The value range of the images handed to an {@link ImagePreprocessor}, and how it is mapped into a
 * {@link ResizeMode}'s domain (float32 arithmetic, one expression per value):
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

    /** Maps {@code x} from this range into the value domain of {@code mode}, as in the table above. */
    public float toDomain(float x, ResizeMode mode) {
        Objects.requireNonNull(mode, "mode");
        boolean unit = mode.domainMax() == 1f;
        return switch (this) {
            case UINT8, ZERO_255 -> unit ? x / 255f : x;
            case ZERO_ONE -> unit ? x : x * 255f;
            case MINUS_ONE_ONE -> unit ? (x + 1f) / 2f : (x + 1f) * 127.5f;
        };
    }
}
