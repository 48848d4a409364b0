package org.ganeval4j.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ganeval4j.Beta;

/**
 * HYPE, human eye perceptual evaluation (Zhou, Gordon, Krishna, Narcomey, Fei-Fei and Bernstein,
 * "HYPE: A Benchmark for Human eYe Perceptual Evaluation of Generative Models", NeurIPS 2019,
 * arXiv:1904.01121), scored from the judgments of the evaluators who qualified:
 * <ul>
 *   <li>HYPE∞ (§3.2): the error rate over all judgments, (fakes judged real + real images judged
 *       fake) / judgments × 100; 50% means people tell generated from real at chance;</li>
 *   <li>HYPE_time (§3.1): each evaluator's threshold is the modal exposure of each staircase block
 *       ({@link HypeStaircase}), averaged over their blocks; the score is the mean threshold over
 *       evaluators, in milliseconds.</li>
 * </ul>
 * The 95% confidence interval is the percentile bootstrap over evaluators: {@value #REPLICATES}
 * replicates by default, each drawing as many evaluators as there are, with replacement (SplitMix64
 * from the seed, evaluators in name order: replicate r draws {@code index(n)} n times), and
 * recomputing the score from the drawn evaluators' judgments; the bounds are the 2.5th and 97.5th
 * percentiles with linear interpolation between order statistics (NumPy's default).
 *
 * <p>Thread safe (stateless).
 */
@Beta
public final class Hype {
    /** Bootstrap replicates of the confidence interval. */
    public static final int REPLICATES = 10_000;
    /** Higher HYPE scores mean more realistic images. */
    public static final Direction DIRECTION = Direction.HIGHER_IS_BETTER;

    private Hype() {
    }

    /**
     * HYPE∞ of the judgments.
     *
     * @param replicates bootstrap replicates (≥ 1; {@link #REPLICATES} in the paper's protocol)
     * @param seed       the bootstrap's seed
     * @throws IllegalArgumentException without judgments, or for fewer than one replicate
     */
    public static HypeResult infinity(List<HypeJudgment> judgments, int replicates, long seed) {
        Map<String, List<HypeJudgment>> by = byEvaluator(judgments, replicates);
        List<HypeResult.EvaluatorScore> rows = new ArrayList<>();
        double[] errors = new double[by.size()];
        double[] counts = new double[by.size()];
        int i = 0;
        for (var e : by.entrySet()) {
            Tally t = Tally.of(e.getValue());
            rows.add(new HypeResult.EvaluatorScore(e.getKey(), t.n, t.errors, 100.0 * t.errors / t.n, t.fakeError(),
                    t.realError(), List.of()));
            errors[i] = t.errors;
            counts[i] = t.n;
            i++;
        }
        Tally all = Tally.of(judgments);
        double[] reps = bootstrap(errors, counts, replicates, seed);
        for (int r = 0; r < reps.length; r++) {
            reps[r] *= 100;
        }
        return result(HypeResult.Mode.INFINITY, 100.0 * all.errors / all.n, reps, all, rows, replicates, seed);
    }

    /**
     * HYPE_time of the judgments; each must carry its staircase exposure.
     *
     * @throws IllegalArgumentException without judgments, for a judgment without exposure, or for fewer
     *     than one replicate
     */
    public static HypeResult time(List<HypeJudgment> judgments, int replicates, long seed) {
        Map<String, List<HypeJudgment>> by = byEvaluator(judgments, replicates);
        List<HypeResult.EvaluatorScore> rows = new ArrayList<>();
        double[] thresholds = new double[by.size()];
        int i = 0;
        for (var e : by.entrySet()) {
            Map<Integer, List<Double>> blocks = new TreeMap<>();
            for (HypeJudgment j : e.getValue()) {
                if (Double.isNaN(j.exposureMs())) {
                    throw new IllegalArgumentException("HYPE_time needs the exposure of every judgment; " + e.getKey()
                            + " has one without (block " + j.block() + ")");
                }
                blocks.computeIfAbsent(j.block(), b -> new ArrayList<>()).add(j.exposureMs());
            }
            List<Double> modes = new ArrayList<>();
            for (List<Double> b : blocks.values()) {
                modes.add(modalExposure(b.stream().mapToDouble(Double::doubleValue).toArray()));
            }
            double threshold = modes.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            Tally t = Tally.of(e.getValue());
            rows.add(new HypeResult.EvaluatorScore(e.getKey(), t.n, t.errors, threshold, t.fakeError(), t.realError(),
                    modes));
            thresholds[i++] = threshold;
        }
        double[] ones = new double[thresholds.length];
        Arrays.fill(ones, 1);
        double[] reps = bootstrap(thresholds, ones, replicates, seed);
        double score = Arrays.stream(thresholds).average().orElseThrow();
        return result(HypeResult.Mode.TIME, score, reps, Tally.of(judgments), rows, replicates, seed);
    }

    /**
     * The modal exposure of one block: the exposure shown most often. Exposures are compared after
     * rounding to 1e-6 ms; when several are shown equally often, their mean (the paper does not say
     * how to break ties).
     *
     * @throws IllegalArgumentException for no exposures
     */
    public static double modalExposure(double[] exposuresMs) {
        if (exposuresMs.length == 0) {
            throw new IllegalArgumentException("a block needs at least one exposure to have a mode, got none");
        }
        Map<Long, Integer> counts = new TreeMap<>();
        for (double e : exposuresMs) {
            counts.merge(Math.round(e * 1e6), 1, Integer::sum);
        }
        int best = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        double sum = 0;
        int tied = 0;
        for (var c : counts.entrySet()) {
            if (c.getValue() == best) {
                sum += c.getKey() / 1e6;
                tied++;
            }
        }
        return sum / tied;
    }

    /**
     * Bootstrap replicates of a ratio over resampled units: replicate r is Σ num[d] / Σ den[d] over n
     * draws d = {@code index(n)} of one SplitMix64 stream seeded with {@code seed} (n draws per
     * replicate, replicates in order).
     */
    static double[] bootstrap(double[] num, double[] den, int replicates, long seed) {
        int n = num.length;
        SplitMix64 rng = new SplitMix64(seed);
        double[] out = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double a = 0;
            double b = 0;
            for (int k = 0; k < n; k++) {
                int d = rng.index(n);
                a += num[d];
                b += den[d];
            }
            out[r] = a / b;
        }
        return out;
    }

    /** The q-quantile (0 ≤ q ≤ 1) of sorted values, linear between order statistics (NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static HypeResult result(HypeResult.Mode mode, double score, double[] reps, Tally all,
                                     List<HypeResult.EvaluatorScore> rows, int replicates, long seed) {
        double[] sorted = reps.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(reps).average().orElseThrow();
        double ss = 0;
        for (double v : reps) {
            ss += (v - mean) * (v - mean);
        }
        double se = reps.length > 1 ? Math.sqrt(ss / (reps.length - 1)) : 0;
        return new HypeResult(mode, score, quantile(sorted, 0.025), quantile(sorted, 0.975), se, all.fakeError(),
                all.realError(), all.n, rows, replicates, seed);
    }

    private static Map<String, List<HypeJudgment>> byEvaluator(List<HypeJudgment> judgments, int replicates) {
        if (judgments.isEmpty()) {
            throw new IllegalArgumentException("HYPE needs at least one judgment, got none");
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be >= 1, got " + replicates);
        }
        Map<String, List<HypeJudgment>> by = new TreeMap<>();
        for (HypeJudgment j : judgments) {
            by.computeIfAbsent(j.evaluator(), k -> new ArrayList<>()).add(j);
        }
        return by;
    }

    /** Counts of a set of judgments. */
    private record Tally(long n, long errors, long fakes, long fakeErrors, long reals, long realErrors) {
        static Tally of(List<HypeJudgment> js) {
            long errors = 0;
            long fakes = 0;
            long fakeErrors = 0;
            long realErrors = 0;
            for (HypeJudgment j : js) {
                if (j.fake()) {
                    fakes++;
                    fakeErrors += j.judgedFake() ? 0 : 1;
                } else {
                    realErrors += j.judgedFake() ? 1 : 0;
                }
                errors += j.error() ? 1 : 0;
            }
            return new Tally(js.size(), errors, fakes, fakeErrors, js.size() - fakes, realErrors);
        }

        double fakeError() {
            return fakes == 0 ? Double.NaN : 100.0 * fakeErrors / fakes;
        }

        double realError() {
            return reals == 0 ? Double.NaN : 100.0 * realErrors / reals;
        }
    }
}
