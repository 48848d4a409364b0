package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import java.util.SplittableRandom;

/** Seeded synthetic feature matrices for property tests. */
final class Synthetic {
    private Synthetic() {
    }

    /** Gaussian rows: N(shift, scale²) per value, float32. */
    static FeatureMatrix gaussian(int rows, int cols, long seed, double shift, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (shift + scale * gaussian(r));
        }
        return FeatureMatrix.of(x, rows, cols);
    }

    /** Small integer coordinates in [0, levels): distances repeat exactly, so ties with radii are common. */
    static FeatureMatrix lattice(int rows, int cols, long seed, int levels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(levels);
        }
        return FeatureMatrix.of(x, rows, cols);
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
