package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsNet;
import org.ganeval4j.feature.LpipsResult;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.DiversityResult;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.metric.PairwiseDiversity;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * LPIPS diversity through the Gram route against brute force (one LPIPS call per pair) on 50
 * natural 64×64 images: the 16 images of the 64×64 reference pairs and 34 crops of the 256×256 ones.
 */
class LpipsDiversityTest {
    private static Lpips alex;
    private static INDArray images;
    private static double[] bruteForce;
    private static double[][] bruteForceLayers;
    private static int[] pi;
    private static int[] pj;

    @BeforeAll
    static void setUp() throws IOException {
        alex = Lpips.builder(LpipsNet.ALEX).trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.1/alex.pth")).batchSize(32).build();
        List<INDArray> list = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            INDArray a = load("lpips/pairs_64x64_in" + side + ".npy");
            for (int i = 0; i < a.size(0); i++) {
                list.add(a.get(NDArrayIndex.point(i)));
            }
        }
        int[][] at = {{0, 0}, {96, 150}, {190, 37}, {30, 181}};
        outer:
        for (int side = 0; side < 2; side++) {
            INDArray a = load("lpips/pairs_256x256_in" + side + ".npy");
            for (int i = 0; i < a.size(0); i++) {
                for (int[] yx : at) {
                    if (list.size() == 50) {
                        break outer;
                    }
                    list.add(a.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(yx[0], yx[0] + 64),
                            NDArrayIndex.interval(yx[1], yx[1] + 64)));
                }
            }
        }
        assertThat(list.size()).isEqualTo(50);
        images = Nd4j.stack(0, list.toArray(new INDArray[0])).dup('c');
        int n = 50;
        int pairs = n * (n - 1) / 2;
        pi = new int[pairs];
        pj = new int[pairs];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pi[p] = i;
                pj[p++] = j;
            }
        }
        INDArray a = images.get(NDArrayIndex.indices(toLong(pi)));
        INDArray b = images.get(NDArrayIndex.indices(toLong(pj)));
        LpipsResult r = alex.compare(a, b, false);
        bruteForce = r.distances();
        bruteForceLayers = r.layerTerms();
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static INDArray load(String name) throws IOException {
        NpyArray a = Npy.read(TestData.testdata(name));
        return Nd4j.create(a.toFloatArray(), a.shape(), 'c');
    }

    @AfterAll
    static void tearDown() {
        if (alex != null) {
            alex.close();
        }
    }

    @Test
    void allPairsFromTheGramMatrixEqualBruteForce() {
        DiversityResult r = LpipsDiversity.of(alex).compute(images);
        double mean = java.util.Arrays.stream(bruteForce).average().orElseThrow();
        System.out.printf("diversity of 50 images: gram %.12f, brute force %.12f, relative difference %.2g%n",
                r.mean(), mean, Math.abs(r.mean() - mean) / mean);
        assertThat(r.route()).isEqualTo("gram");
        assertThat(r.pairs()).isEqualTo(1225);
        assertThat(r.mean()).isCloseTo(mean, within(1e-6 * mean));
        assertThat(r.standardError()).isCloseTo(PairwiseDiversity.standardError(50, pi, pj, bruteForce),
                within(1e-4 * r.standardError()));
        double[] layers = r.layerMeans();
        for (int l = 0; l < layers.length; l++) {
            double s = 0;
            for (double[] t : bruteForceLayers) {
                s += t[l];
            }
            assertThat(layers[l]).as(r.layerNames().get(l)).isCloseTo(s / bruteForce.length, within(1e-6 * mean));
        }
        assertThat(r.standardError()).isGreaterThan(0).isLessThan(0.2 * r.mean());
    }

    @Test
    void randomPairsAreReproducibleForASeed() {
        LpipsDiversity k7 = LpipsDiversity.builder(alex).pairs(PairSelection.random(300, 7)).build();
        DiversityResult a = k7.compute(images);
        DiversityResult b = k7.compute(images);
        DiversityResult c = LpipsDiversity.builder(alex).pairs(PairSelection.random(300, 8)).build().compute(images);
        assertThat(a.route()).isEqualTo("pairs");
        assertThat(b.mean()).isEqualTo(a.mean());
        assertThat(b.standardError()).isEqualTo(a.standardError());
        assertThat(c.mean()).isNotEqualTo(a.mean());
        // the same pairs by brute force
        java.util.Set<Long> chosen = new java.util.HashSet<>();
        for (long key : PairSelection.random(300, 7).choose(50)) {
            chosen.add(key);
        }
        double s = 0;
        int k = 0;
        int p = 0;
        for (int i = 0; i < 50; i++) {
            for (int j = i + 1; j < 50; j++, p++) {
                if (chosen.contains((long) i * 50 + j)) {
                    s += bruteForce[p];
                    k++;
                }
            }
        }
        assertThat(k).isEqualTo(300);
        assertThat(a.mean()).isCloseTo(s / k, within(1e-6 * a.mean()));
    }

    @Test
    void throughTheEvaluatorTheResultIsTheSame() {
        AtomicInteger next = new AtomicInteger();
        Generator g = Generator.of(z -> {
            int n = (int) z.size(0);
            int from = next.getAndAdd(n) % 50;
            return images.get(NDArrayIndex.interval(from, from + n)).dup();
        });
        LpipsDiversity metric = LpipsDiversity.of(alex);
        assertThat(metric.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(metric.name()).isEqualTo("LPIPS-diversity");
        GanEvaluator ev = GanEvaluator.builder(g, ImageFormat.of(ImageFormat.Layout.NCHW, InputRange.ZERO_255, 3, 64, 64),
                LatentSpec.normal(8, 1)).samples(50).batchSize(16).previewImages(0).metric(metric).build();
        Evaluation e = ev.evaluate(100, 1);
        MetricResult r = e.result("LPIPS-diversity");
        assertThat(r.ok()).as(String.valueOf(r.failure())).isTrue();
        DiversityResult direct = metric.compute(images);
        assertThat(r.value()).isCloseTo(direct.mean(), within(1e-6 * direct.mean()));
        assertThat(r.std()).isCloseTo(direct.standardError(), within(1e-4 * direct.standardError()));
        assertThat(r.extractorId()).isEqualTo("lpips-alex-v0.1");
        assertThat(r.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    @Test
    void collapsedSamplesHaveZeroDiversity() {
        INDArray same = Nd4j.concat(0, images.get(NDArrayIndex.interval(3, 4)), images.get(NDArrayIndex.interval(3, 4)),
                images.get(NDArrayIndex.interval(3, 4)));
        DiversityResult r = LpipsDiversity.of(alex).compute(same);
        assertThat(r.mean()).isCloseTo(0.0, within(1e-12));
        // rows of one trunk batch may differ in the last float32 bits, so "0" is 0 up to round-off
        DiversityResult k = LpipsDiversity.builder(alex).pairs(PairSelection.random(2, 1)).build().compute(same);
        assertThat(k.mean()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aHeadWithNegativeWeightsFallsBackToBruteForce() throws IOException {
        float[][] heads = new float[5][];
        for (int l = 0; l < 5; l++) {
            heads[l] = alex.head(l);
            heads[l][l] = -0.05f;
        }
        try (Lpips signed = Lpips.builder(LpipsNet.ALEX).trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .heads(heads).build()) {
            assertThat(signed.headsNonNegative()).isFalse();
            INDArray few = images.get(NDArrayIndex.interval(0, 12));
            DiversityResult r = LpipsDiversity.of(signed).compute(few);
            assertThat(r.route()).isEqualTo("brute-force");
            List<INDArray> a = new ArrayList<>();
            List<INDArray> b = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                for (int j = i + 1; j < 12; j++) {
                    a.add(few.get(NDArrayIndex.interval(i, i + 1)));
                    b.add(few.get(NDArrayIndex.interval(j, j + 1)));
                }
            }
            double[] d = signed.distance(Nd4j.concat(0, a.toArray(new INDArray[0])), Nd4j.concat(0, b.toArray(new INDArray[0])));
            double mean = java.util.Arrays.stream(d).average().orElseThrow();
            assertThat(r.mean()).isCloseTo(mean, within(1e-6 * Math.abs(mean)));
        }
    }
}
