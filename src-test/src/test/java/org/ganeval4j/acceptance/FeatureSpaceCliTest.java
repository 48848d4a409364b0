package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.testing.Python;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ganeval4j distance} (paired feature distances: equal to scipy's on the extracted features)
 * and {@code ganeval4j memorisation} (MNIST "generated" images holding exact copies of training
 * digits: exactly those are flagged, with their partners, and drawn in the PNG), FD-SqueezeNet
 * features.
 */
class FeatureSpaceCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int TRAIN = 48;
    static final int FAKE = 12;
    static final int[] COPIES = {2, 6, 7, 11};
    static final int[] PARTNERS = {40, 0, 47, 40};

    @TempDir
    static Path dir;
    static Path train;
    static Path fake;
    /** FD-SqueezeNet features of the training and the fake digits (from {@code ganeval4j features}). */
    static Path trainFeatures;
    static Path fakeFeatures;

    @BeforeAll
    static void images() throws Exception {
        TestData.asset("weights/squeezenet1_1-features.pth");
        byte[] all;
        try (ImageSource s = ImageSources.open(TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz"))) {
            float[] v = s.next(TRAIN + FAKE).dup('c').data().asFloat();
            all = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                all[i] = (byte) Math.round(v[i]);
            }
        }
        int px = 28 * 28;
        byte[] t = java.util.Arrays.copyOf(all, TRAIN * px);
        byte[] f = java.util.Arrays.copyOfRange(all, TRAIN * px, (TRAIN + FAKE) * px);
        for (int k = 0; k < COPIES.length; k++) {
            System.arraycopy(t, PARTNERS[k] * px, f, COPIES[k] * px, px);
        }
        train = dir.resolve("train.npy");
        fake = dir.resolve("fake.npy");
        Npy.write(NpyArray.ofUint8(t, TRAIN, 1, 28, 28), train);
        Npy.write(NpyArray.ofUint8(f, FAKE, 1, 28, 28), fake);
        trainFeatures = features(train);
        fakeFeatures = features(fake);
    }

    private static Path features(Path images) throws Exception {
        Path npz = dir.resolve(images.getFileName() + ".npz");
        Cli.Result r = Cli.run("features", images, "-o", npz, "--extractor", "squeezenet");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Path npy = dir.resolve(images.getFileName() + ".features.npy");
        Npy.write(Npz.read(npz).get("pool_512"), npy);
        return npy;
    }

    @Test
    void memorisationFindsExactlyTheCopiesAndTheirPartners() throws Exception {
        Path png = dir.resolve("pairs.png");
        Cli.Result r = Cli.run("memorisation", train, fake, "--extractor", "squeezenet", "--threshold", "1e-6", "--pairs", 5,
                "--pairs-png", png, "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode o = JSON.readTree(r.stdout());
        Map<Integer, Integer> flagged = new TreeMap<>();
        o.get("flagged").forEach(p -> flagged.put(p.get("sample").asInt(), p.get("train").asInt()));
        Map<Integer, Integer> expected = new TreeMap<>();
        for (int k = 0; k < COPIES.length; k++) {
            expected.put(COPIES[k], PARTNERS[k]);
        }
        assertThat(flagged).isEqualTo(expected);
        assertThat(o.get("fraction").asDouble()).isEqualTo(COPIES.length / (double) FAKE);
        assertThat(o.get("closest")).hasSize(5);
        assertThat(o.get("real_reference").asText()).isEqualTo("leave-one-out");
        assertThat(o.get("extractor").asText()).startsWith("squeezenet/");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getHeight()).isEqualTo(5 * 28 + 6 * 2);

        // the same on the features, plain output
        Cli.Result plain = Cli.run("memorisation", trainFeatures, fakeFeatures, "--threshold", "1e-6");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        double[] lines = plain.stdout().lines().mapToDouble(Double::parseDouble).toArray();
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(COPIES.length / (double) FAKE);
        assertThat(lines[1]).isEqualTo(1e-6);
    }

    @Test
    void pairedDistancesEqualScipyOnTheFeatures() throws Exception {
        // A = the first 12 training digits, B = the fake digits (4 of them copies of other digits)
        Path a = dir.resolve("a.npy");
        Npy.write(NpyArray.ofUint8(java.util.Arrays.copyOf(Npy.read(train).toByteArray(), FAKE * 28 * 28), FAKE, 1, 28, 28), a);
        Path pa = dir.resolve("pa.npy");
        float[] all = Npy.read(trainFeatures).toFloatArray();
        Npy.write(NpyArray.ofFloats(java.util.Arrays.copyOf(all, FAKE * 512), FAKE, 512), pa);
        Path pb = fakeFeatures;
        for (String metric : new String[] {"euclidean", "cosine"}) {
            String want = Python.check("""
                    import sys, numpy as np
                    from scipy.spatial.distance import euclidean, cosine
                    f = euclidean if sys.argv[3] == 'euclidean' else cosine
                    a = np.load(sys.argv[1]).astype(np.float64); b = np.load(sys.argv[2]).astype(np.float64)
                    print('\\n'.join(repr(float(f(x, y))) for x, y in zip(a, b)))
                    """, pa.toString(), pb.toString(), metric);
            double[] w = want.lines().mapToDouble(Double::parseDouble).toArray();
            assertThat(w).hasSize(FAKE);
            Cli.Result features = Cli.run("distance", pa, pb, "--metric", metric);
            assertThat(features.exitCode()).as(features.stderr()).isZero();
            double[] lines = features.stdout().lines().mapToDouble(Double::parseDouble).toArray();
            for (int k = 0; k < FAKE; k++) {
                assertThat(lines[k]).as("%s pair %d", metric, k).isCloseTo(w[k],
                        org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, w[k])));
            }
            if (metric.equals("cosine")) {
                // from the images: the same features (batch composition may move float32 features by ~1e-7)
                Cli.Result r = Cli.run("distance", a, fake, "--extractor", "squeezenet", "--metric", metric, "--json");
                assertThat(r.exitCode()).as(r.stderr()).isZero();
                JsonNode o = JSON.readTree(r.stdout());
                assertThat(o.get("n").asInt()).isEqualTo(FAKE);
                assertThat(o.get("metric").asText()).isEqualTo("cosine");
                for (int k = 0; k < FAKE; k++) {
                    assertThat(o.get("distances").get(k).asDouble()).as("pair %d", k)
                            .isCloseTo(w[k], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
        Cli.Result bad = Cli.run("distance", pa, trainFeatures);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("12").contains("48");
        Cli.Result badMetric = Cli.run("distance", pa, pb, "--metric", "manhattan");
        assertThat(badMetric.exitCode()).isEqualTo(2);
        assertThat(badMetric.stderr()).contains("manhattan").contains("cosine");
    }
}
