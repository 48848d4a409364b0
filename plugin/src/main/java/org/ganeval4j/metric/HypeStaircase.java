package org.ganeval4j.metric;

import org.ganeval4j.Beta;

/**
 * The adaptive staircase of HYPE_time (Zhou et al., "HYPE: A Benchmark for Human eYe Perceptual
 * Evaluation of Generative Models", NeurIPS 2019, §3.1): every block starts at 500 ms; after
 * {@value #CORRECT_TO_SHORTEN} correct answers in a row the exposure is shortened by 30 ms, after
 * each wrong answer it is lengthened by 10 ms, always within [100 ms, 1000 ms]. The run of correct
 * answers starts again after each change and after each wrong answer.
 *
 * <p>With shortening step d after k correct answers in a row and lengthening step u after an error,
 * the staircase settles where the expected step is zero, d·pᵏ = u·(1 − pᵏ) for the probability p of a
 * correct answer: for the paper's steps p³ = 1/4, p ≈ 0.63. The evaluator's threshold is the block's
 * modal exposure ({@link Hype#modalExposure}).
 *
 * <p>Not thread safe.
 */
@Beta
public final class HypeStaircase {
    /** The exposure every block starts at, ms. */
    public static final double START_MS = 500;
    /** The shortest exposure, ms. */
    public static final double MIN_MS = 100;
    /** The longest exposure, ms. */
    public static final double MAX_MS = 1000;
    /** The lengthening after a wrong answer, ms. */
    public static final double LONGER_MS = 10;
    /** The shortening after {@link #CORRECT_TO_SHORTEN} correct answers in a row, ms. */
    public static final double SHORTER_MS = 30;
    /** Correct answers in a row that shorten the exposure. */
    public static final int CORRECT_TO_SHORTEN = 3;

    private final double minMs;
    private final double maxMs;
    private final double longerMs;
    private final double shorterMs;
    private final int correctToShorten;
    private double exposureMs;
    private int run;

    /** The paper's staircase: 500 ms start, [100, 1000] ms, +10 ms after an error, −30 ms after 3 correct. */
    public HypeStaircase() {
        this(START_MS, MIN_MS, MAX_MS, LONGER_MS, SHORTER_MS, CORRECT_TO_SHORTEN);
    }

    /**
     * A staircase with other constants.
     *
     * @throws IllegalArgumentException unless 0 &lt; min ≤ start ≤ max, both steps &gt; 0 and the run ≥ 1
     */
    public HypeStaircase(double startMs, double minMs, double maxMs, double longerMs, double shorterMs,
                         int correctToShorten) {
        if (!(minMs > 0 && minMs <= startMs && startMs <= maxMs && Double.isFinite(maxMs))) {
            throw new IllegalArgumentException("staircase needs 0 < min <= start <= max (ms), found min=" + minMs
                    + ", start=" + startMs + ", max=" + maxMs);
        }
        if (!(longerMs > 0 && shorterMs > 0) || correctToShorten < 1) {
            throw new IllegalArgumentException("staircase steps must be > 0 ms and the run of correct answers >= 1, found"
                    + " longer=" + longerMs + ", shorter=" + shorterMs + ", run=" + correctToShorten);
        }
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.longerMs = longerMs;
        this.shorterMs = shorterMs;
        this.correctToShorten = correctToShorten;
        this.exposureMs = startMs;
    }

    /** The paper's staircase after the given answers (true = correct), in order. */
    public static HypeStaircase replay(boolean... correct) {
        HypeStaircase s = new HypeStaircase();
        for (boolean c : correct) {
            s.record(c);
        }
        return s;
    }

    /** The exposure of the next trial, ms. */
    public double exposureMs() {
        return exposureMs;
    }

    /** Correct answers in a row since the last change or error. */
    public int run() {
        return run;
    }

    /** Records the answer to the trial shown at {@link #exposureMs()} and moves the staircase. */
    public void record(boolean correct) {
        if (!correct) {
            run = 0;
            exposureMs = Math.min(maxMs, exposureMs + longerMs);
            return;
        }
        run++;
        if (run >= correctToShorten) {
            run = 0;
            exposureMs = Math.max(minMs, exposureMs - shorterMs);
        }
    }
}
