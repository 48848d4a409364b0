package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

/**
 * Timings of the sample-based metrics on synthetic features (not a test; speed targets belong to
 * {@code ganeval4j bench}). Run: {@code java -cp target/classes:target/test-classes:$(deps)
 * org.ganeval4j.metric.MetricsBench [kid|prdc|all] [N]}.
 */
public final class MetricsBench {
    private MetricsBench() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int d = 2048;
        FeatureMatrix real = Synthetic.gaussian(n, d, 1, 0, 1);
        FeatureMatrix fake = Synthetic.gaussian(n, d, 2, 0.02, 1);
        if (what.equals("kid") || what.equals("all")) {
            time("KID default (100 × 1000), N=" + n + ", d=" + d, () -> KernelInceptionDistance.defaults().compute(real, fake));
        }
        if (what.equals("prdc") || what.equals("all")) {
            time("PRDC k=5, N=" + n + ", d=" + d, () -> DensityCoverage.defaults().compute(real, fake));
        }
        if (what.equals("pr") || what.equals("all")) {
            time("PR k=3, N=" + n + ", d=" + d, () -> PrecisionRecall.defaults().compute(real, fake));
        }
    }

    private static void time(String label, java.util.function.Supplier<Object> run) {
        long t0 = System.nanoTime();
        Object r = run.get();
        System.out.printf("%s: %.2f s  %s%n", label, (System.nanoTime() - t0) / 1e9, r);
    }
}
