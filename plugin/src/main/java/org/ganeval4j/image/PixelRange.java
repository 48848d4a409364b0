package org.ganeval4j.image;

/** The value range of images given as floating-point numbers. */
public enum PixelRange {
    /** [−1, 1], e.g. a tanh output layer. */
    MINUS_ONE_ONE(-1f, 1f),
    /** [0, 1], e.g. a sigmoid output layer or {@code ToTensor}. */
    ZERO_ONE(0f, 1f),
    /** [0, 255], 8-bit grey levels as floats. */
    ZERO_255(0f, 255f);

    private final float min;
    private final float max;

    PixelRange(float min, float max) {
        this.min = min;
        this.max = max;
    }

    /** Lower end of the range. */
    public float min() {
        return min;
    }

    /** Upper end of the range. */
    public float max() {
        return max;
    }
}
