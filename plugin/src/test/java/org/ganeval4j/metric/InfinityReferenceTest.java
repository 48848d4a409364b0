package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.ganeval4j.io.Npy;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.testing.Python;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FID∞ and IS∞ against {@code ../shared/testdata/infinity/expected.json} (numpy/scipy, float64): every
 * FID_N and IS_N, the intercepts, slopes and R² within 1e-9 relative; the N grid equals
 * {@code numpy.linspace(...).astype(int32)}; the reshuffled form equals numpy's reshuffles.
 */
class InfinityReferenceTest {
    static final double REL = 1e-9;

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(TestData.testdata("infinity/expected.json").toFile());
    }

    static int[] ints(JsonNode a) {
        return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    static double[] doubles(JsonNode a) {
        return StreamSupport.stream(a.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }

    /** The grid of the expected sizes: linspace(first, last, count). */
    static InfinityGrid gridOf(int[] n) {
        return new InfinityGrid(n[0], n[n.length - 1], n.length);
    }

    static double rel(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    /** Asserts the fit against a block of expected.json with values under {@code valuesKey}; returns the worst relative error. */
    static double assertFit(InfinityFit fit, JsonNode e, String valuesKey, String interceptKey) {
        assertThat(fit.n()).containsExactly(ints(e.get("n")));
        double[] want = doubles(e.get(valuesKey));
        double[] got = fit.values();
        double worst = 0;
        for (int k = 0; k < want.length; k++) {
            worst = Math.max(worst, rel(got[k], want[k]));
            assertThat(rel(got[k], want[k])).as("%s at N=%d: %s vs %s", valuesKey, fit.n()[k], got[k], want[k])
                    .isLessThanOrEqualTo(REL);
        }
        double[][] pairs = {{fit.intercept(), e.get(interceptKey).asDouble()}, {fit.slope(), e.get("slope").asDouble()},
            {fit.r2(), e.get("r2").asDouble()}};
        for (double[] p : pairs) {
            worst = Math.max(worst, rel(p[0], p[1]));
            assertThat(rel(p[0], p[1])).as("%s vs %s", p[0], p[1]).isLessThanOrEqualTo(REL);
        }
        return worst;
    }

    @Test
    void fidInfinityMatchesTheReference() throws IOException {
        JsonNode e = expected().get("fid");
        GaussianStats reference = StatsFile.read(TestData.testdata("infinity/reference_stats.npz"));
        FeatureMatrix features = FeatureMatrix.read(TestData.testdata("infinity/features_in_sample_order.npy"));
        InfinityFit fit = FrechetInfinity.compute(reference, features, gridOf(ints(e.get("n"))));
        assertThat(assertFit(fit, e, "fid_n", "fid_inf")).isLessThanOrEqualTo(REL);
        assertThat(fit.intercept()).isCloseTo(e.get("fid_inf").asDouble(), org.assertj.core.data.Offset.offset(1e-8));
    }

    @Test
    void isInfinityMatchesTheReference() throws IOException {
        JsonNode e = expected().get("is");
        FeatureMatrix logits = FeatureMatrix.read(TestData.testdata(e.get("logits").asText()));
        InfinityFit fit = InceptionInfinity.compute(logits, gridOf(ints(e.get("n"))));
        assertThat(assertFit(fit, e, "is_n", "is_inf")).isLessThanOrEqualTo(REL);
    }

    @Test
    void theGridIsNumpysLinspaceCastToInt32(@TempDir Path tmp) throws Exception {
        int[][] grids = {{5000, 50000, 15}, {1000, 6000, 6}, {500, 2500, 5}, {2, 9, 8}, {100, 1000, 7}, {7, 1003, 13},
            {3333, 77777, 11}, {10, 20, 3}};
        StringBuilder args = new StringBuilder();
        for (int[] g : grids) {
            args.append(g[0]).append(',').append(g[1]).append(',').append(g[2]).append(';');
        }
        String out = Python.check("""
                import sys, numpy as np
                for g in sys.argv[1].strip(';').split(';'):
                    a, b, k = map(int, g.split(','))
                    print(' '.join(str(v) for v in np.linspace(a, b, k).astype(np.int32)))
                """, args.toString());
        String[] lines = out.strip().split("\n");
        for (int i = 0; i < grids.length; i++) {
            int[] want = java.util.Arrays.stream(lines[i].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            assertThat(new InfinityGrid(grids[i][0], grids[i][1], grids[i][2]).sizes()).as(lines[i]).containsExactly(want);
        }
        assertThat(InfinityGrid.REFERENCE.belowPaperRange()).isFalse();
        assertThat(new InfinityGrid(1000, 6000, 6).belowPaperRange()).isTrue();
    }

    @Test
    void gridsThatCannotBeFittedAreRefused() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> new InfinityGrid(100, 100, 3)).getMessage())
                .contains("n-min=100").contains("n-max=100");
        assertThat(assertThrows(IllegalArgumentException.class, () -> new InfinityGrid(100, 200, 1)).getMessage())
                .contains("points=1");
        assertThat(assertThrows(IllegalArgumentException.class, () -> new InfinityGrid(10, 12, 5)).getMessage())
                .contains("fewer than 5 distinct");
        assertThat(assertThrows(IllegalArgumentException.class, () -> new InfinityGrid(1, 12, 5)).getMessage())
                .contains(">= 2");
    }

    @Test
    void theFitIsOrdinaryLeastSquaresInOneOverN(@TempDir Path tmp) throws Exception {
        int[] n = {5000, 8214, 11428, 30000, 50000};
        double[] y = {31.2, 30.1, 29.9, 29.2, 29.05};
        String out = Python.check("""
                import numpy as np
                n = np.array([5000, 8214, 11428, 30000, 50000.]); y = np.array([31.2, 30.1, 29.9, 29.2, 29.05])
                A = np.stack([np.ones_like(n), 1 / n], 1)
                (b0, b1), *_ = np.linalg.lstsq(A, y, rcond=None)
                r2 = 1 - ((y - A @ [b0, b1]) ** 2).sum() / ((y - y.mean()) ** 2).sum()
                print(repr(float(b0)), repr(float(b1)), repr(float(r2)))
                """);
        double[] want = java.util.Arrays.stream(out.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        InfinityFit fit = InfinityFit.of(n, y);
        assertThat(rel(fit.intercept(), want[0])).isLessThan(1e-12);
        assertThat(rel(fit.slope(), want[1])).isLessThan(1e-10);
        assertThat(rel(fit.r2(), want[2])).isLessThan(1e-12);
        InfinityFit flat = InfinityFit.of(new int[] {10, 20}, new double[] {3, 3});
        assertThat(flat.intercept()).isEqualTo(3.0);
        assertThat(flat.slope()).isEqualTo(0.0);
        assertThat(flat.r2()).isEqualTo(1.0);
    }

    @Test
    void theReshuffledFormsFollowNumpysShuffles(@TempDir Path tmp) throws Exception {
        JsonNode e = expected();
        FeatureMatrix features = FeatureMatrix.read(TestData.testdata("infinity/features_in_sample_order.npy"));
        Path statsFile = TestData.testdata("infinity/reference_stats.npz");
        Path logitsFile = TestData.testdata(e.get("is").get("logits").asText());
        InfinityGrid fidGrid = new InfinityGrid(1000, 3000, 3);
        InfinityGrid isGrid = new InfinityGrid(500, 2000, 4);
        Path out = tmp.resolve("reshuffled.npy");
        // the reference implementation's loops, with numpy's global RandomState seeded
        Python.check("""
                import sys, numpy as np
                f = np.load(sys.argv[1]).astype(np.float64); z = np.load(sys.argv[2]); mu, S = z['mu'], z['sigma']
                lg = np.load(sys.argv[3]).astype(np.float64)
                def fid(x):
                    m = x.mean(0); C = np.cov(x, rowvar=False)
                    t = np.sqrt(np.clip(np.linalg.eigvals(C @ S).real, 0, None)).sum()
                    return ((m - mu) ** 2).sum() + np.trace(C) + np.trace(S) - 2 * t
                def isc(x):
                    p = np.exp(x - x.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
                    q = p.mean(0)
                    return np.exp((p * (np.log(p) - np.log(q))).sum(1).mean())
                out = []
                np.random.seed(11)
                acts = f[:3000].copy()
                for n in np.linspace(1000, 3000, 3).astype(np.int32):
                    np.random.shuffle(acts); out.append(fid(acts[:n]))
                np.random.seed(12)
                acts = lg[:2000].copy()
                for n in np.linspace(500, 2000, 4).astype(np.int32):
                    np.random.shuffle(acts); out.append(isc(acts[:n]))
                np.save(sys.argv[4], np.array(out))
                """, TestData.testdata("infinity/features_in_sample_order.npy").toString(), statsFile.toString(),
                logitsFile.toString(), out.toString());
        double[] want = Npy.read(out).toDoubleArray();
        InfinityFit fid;
        try (FrechetDistance.Reference ref = FrechetDistance.reference(StatsFile.read(statsFile))) {
            fid = FrechetInfinity.reshuffled(ref, features, fidGrid, 11);
        }
        InfinityFit is = InceptionInfinity.reshuffled(FeatureMatrix.read(logitsFile), isGrid, 12);
        for (int k = 0; k < 3; k++) {
            assertThat(rel(fid.values()[k], want[k])).as("FID_N at %d", fid.n()[k]).isLessThan(1e-8);
        }
        for (int k = 0; k < 4; k++) {
            assertThat(rel(is.values()[k], want[3 + k])).as("IS_N at %d", is.n()[k]).isLessThan(1e-8);
        }
        // the reshuffled points differ from the prefix points
        InfinityFit prefix = InceptionInfinity.compute(FeatureMatrix.read(logitsFile), isGrid);
        assertThat(prefix.values()[0]).isNotEqualTo(is.values()[0]);
        assertThat(prefix.values()[3]).as("N = nMax: all rows either way").isCloseTo(is.values()[3],
                org.assertj.core.data.Offset.offset(1e-9 * is.values()[3]));
    }

    @Test
    void tooFewSamplesAreRefusedNamingTheGrid() throws IOException {
        FeatureMatrix logits = FeatureMatrix.read(TestData.testdata(expected().get("is").get("logits").asText()));
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> InceptionInfinity.compute(logits, new InfinityGrid(500, 5000, 3))).getMessage())
                .contains("5000").contains(Integer.toString(logits.rows()));
        InceptionInfinity.Streaming s = InceptionInfinity.streaming(logits.cols(), new InfinityGrid(10, 30, 3));
        s.accept(logits.rows(0, 20).toArray(), 20);
        assertThat(assertThrows(IllegalStateException.class, s::finish).getMessage()).contains("30").contains("20");
    }

    @Test
    void batchSizesDoNotChangeThePrefixPoints() throws IOException {
        FeatureMatrix features = FeatureMatrix.read(TestData.testdata("infinity/features_in_sample_order.npy"));
        GaussianStats reference = StatsFile.read(TestData.testdata("infinity/reference_stats.npz"));
        InfinityGrid grid = new InfinityGrid(100, 1000, 4);
        InfinityFit whole = FrechetInfinity.compute(reference, features, grid);
        try (FrechetDistance.Reference ref = FrechetDistance.reference(reference);
             FrechetInfinity.Streaming s = FrechetInfinity.streaming(ref, grid)) {
            int from = 0;
            int[] sizes = {1, 99, 2, 377, 33, 600};
            for (int size : sizes) {
                s.accept(features.rowsAsDouble(from, from + size), size);
                from += size;
            }
            InfinityFit pieces = s.finish();
            for (int k = 0; k < 4; k++) {
                assertThat(rel(pieces.values()[k], whole.values()[k])).isLessThan(1e-10);
            }
        }
    }
}
