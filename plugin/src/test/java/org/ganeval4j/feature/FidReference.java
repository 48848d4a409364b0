package org.ganeval4j.feature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.preprocess.ResizeMode;
import org.ganeval4j.testing.TestData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The FID Inception reference vectors of {@code ../shared/testdata/fid} (made by pytorch-fid with
 * the random-weight checkpoint; see that folder's README.md): groups are discovered from the files
 * {@code inputs_<group>.npy} + {@code ref_<group>.npz}, so new groups are tested without code changes.
 * One network per JVM, shared by the test classes.
 */
public final class FidReference {
    /** The random-weight checkpoint in the real file's layout. */
    public static final String CHECKPOINT = "fid-inception-random.pth";
    /** The README's tolerance: {@code |a-b| <= REL * max|ref row| + ABS}. */
    public static final double REL = 1e-3;
    /** Absolute part of the tolerance. */
    public static final double ABS = 1e-6;

    private static FidInceptionV3 net;
    private static final Map<ResizeMode, FidInceptionV3> BY_MODE = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, NpyArray>> REFS = new ConcurrentHashMap<>();

    private FidReference() {
    }

    /** The shared network on {@link #CHECKPOINT} (default options, batch size 16). */
    public static synchronized FidInceptionV3 network() {
        if (net == null) {
            try {
                net = FidInceptionV3.load(TestData.testdata(CHECKPOINT));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return net;
    }

    /** The shared network with another resize mode (same weights in memory). */
    public static synchronized FidInceptionV3 network(ResizeMode mode) {
        return mode == ResizeMode.PYTORCH ? network() : BY_MODE.computeIfAbsent(mode, m -> network().withResizeMode(m));
    }

    /** The reference key of {@code pool_2048} fed the way {@code mode}'s library feeds it. */
    public static String pool2048Key(ResizeMode mode) {
        return switch (mode) {
            case PYTORCH -> "pool_2048";
            case TF1 -> "pool_2048_tf1x";
            case CLEAN -> "pool_2048_cleanfid";
            case ANTIALIAS -> "pool_2048_aa";
        };
    }

    /** The group names, sorted: every {@code inputs_<g>.npy} with a {@code ref_<g>.npz}. */
    public static List<String> groups() {
        Path dir = TestData.testdata("fid");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> groups = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("inputs_") && n.endsWith(".npy"))
                    .map(n -> n.substring("inputs_".length(), n.length() - ".npy".length()))
                    .filter(g -> Files.exists(dir.resolve("ref_" + g + ".npz")))
                    .sorted().toList();
            if (groups.isEmpty()) {
                TestData.missing("no inputs_<group>.npy + ref_<group>.npz pairs in " + dir);
            }
            return groups;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uint8 (N, C, H, W) input images of a group. */
    public static NpyArray inputs(String group) throws IOException {
        NpyArray a = Npy.read(TestData.testdata("fid/inputs_" + group + ".npy"));
        if (a.dtype() != DType.UINT8 || a.ndim() != 4) {
            throw new IllegalStateException("inputs_" + group + ".npy: expected uint8 (N,C,H,W), found " + a.descriptor()
                    + " " + Arrays.toString(a.shape()));
        }
        return a;
    }

    /** The input images as float32 0..255, as {@link FeatureExtractor} takes them. */
    public static INDArray images(String group) throws IOException {
        NpyArray a = inputs(group);
        byte[] b = a.toByteArray();
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = b[i] & 0xff;
        }
        return Nd4j.create(f, a.shape(), 'c');
    }

    /** The reference arrays of a group ({@code pool_64}, ..., {@code pool_2048_tf1x}, ...). */
    public static Map<String, NpyArray> refs(String group) {
        return REFS.computeIfAbsent(group, g -> {
            try {
                return Npz.read(TestData.testdata("fid/ref_" + g + ".npz"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One reference array as a float32 {@code [N, D]} ND4J array. */
    public static INDArray ref(String group, String key) {
        NpyArray a = refs(group).get(key);
        if (a == null) {
            throw new IllegalStateException("ref_" + group + ".npz has no '" + key + "' (keys " + refs(group).keySet() + ")");
        }
        return Nd4j.create(a.toFloatArray(), a.shape(), 'c').castTo(DataType.FLOAT);
    }

    /**
     * Row-relative errors: per row, {@code max|a-b| / max|ref row|}; and whether every element is
     * within {@code REL * max|ref row| + ABS}.
     */
    public record RowErrors(double[] rowRelative, boolean withinTolerance, String firstViolation) {
        /** The largest row-relative error. */
        public double max() {
            return Arrays.stream(rowRelative).max().orElse(0);
        }
    }

    /** Compares {@code actual} with {@code expected} row by row (both {@code [N, D]}). */
    public static RowErrors compare(INDArray actual, INDArray expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError("shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        int n = (int) expected.size(0);
        int d = (int) expected.size(1);
        float[] a = actual.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] e = expected.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[] rel = new double[n];
        boolean ok = true;
        String first = null;
        for (int r = 0; r < n; r++) {
            double max = 0;
            double diff = 0;
            for (int j = r * d; j < (r + 1) * d; j++) {
                max = Math.max(max, Math.abs(e[j]));
            }
            double tol = REL * max + ABS;
            for (int j = r * d; j < (r + 1) * d; j++) {
                double x = Math.abs((double) a[j] - e[j]);
                if (!(x <= tol) && ok) {
                    ok = false;
                    first = "row " + r + " column " + (j - r * d) + ": " + a[j] + " vs " + e[j] + " (tolerance " + tol + ")";
                }
                diff = Math.max(diff, Double.isNaN(x) ? Double.POSITIVE_INFINITY : x);
            }
            rel[r] = max == 0 ? diff : diff / max;
        }
        return new RowErrors(rel, ok, first);
    }
}
