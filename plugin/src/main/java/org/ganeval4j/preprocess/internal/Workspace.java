package org.ganeval4j.preprocess.internal;

/**
 * Scratch buffers for {@link PlaneResizer#resize}, grown on demand and reused between planes. Not thread safe:
 * one per thread.
 */
public final class Workspace {
    private float[] floats = new float[0];
    private double[] doubles = new double[0];

    /** A float buffer of at least {@code n} elements; contents undefined. */
    float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }

    /** A double buffer of at least {@code n} elements; contents undefined. */
    double[] doubles(int n) {
        if (doubles.length < n) {
            doubles = new double[n];
        }
        return doubles;
    }
}
