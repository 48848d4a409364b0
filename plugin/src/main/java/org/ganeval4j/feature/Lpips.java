package org.ganeval4j.feature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.Assets;
import org.ganeval4j.internal.HostValues;
import org.ganeval4j.feature.internal.Trunk;
import org.ganeval4j.feature.internal.weights.TorchCheckpoint;
import org.ganeval4j.feature.internal.weights.TorchTensor;
import org.ganeval4j.preprocess.ResizeMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LPIPS, the Learned Perceptual Image Patch Similarity of Zhang et al., "The Unreasonable
 * Effectiveness of Deep Features as a Perceptual Metric", CVPR 2018 — number for number as the
 * Python {@code lpips} package computes it ({@code lpips.LPIPS(net, version)} in eval mode).
 *
 * <h2>Definition</h2>
 * <ol>
 *   <li>Pixels {@code k} on the 0..255 scale become {@code x = (2k − 255)/255} in float32, i.e.
 *       [−1, 1] (for whole grey levels this is exactly lpips' {@code im2tensor}, {@code k/127.5 − 1} in
 *       float64 rounded to float32). Gray images are replicated to RGB.</li>
 *   <li>v0.1 only (the "ScalingLayer"; v0.0 feeds x as is): {@code (x − shift)/scale} per RGB channel,
 *       shift = (−0.030, −0.088, −0.188), scale = (0.458, 0.448, 0.450), float32.</li>
 *   <li>The trunk ({@link LpipsNet}) gives L taps {@code y_l} of C_l×H_l×W_l; each is normalised over
 *       channels, {@code f̂ = y / (√(Σ_c y²) + 1e-10)} (the epsilon is added to the norm).</li>
 *   <li>Per tap, the linear head ({@code lin_l}: a 1×1 convolution to one channel, no bias, weights
 *       {@code w_l}) of the squared difference, averaged over H_l×W_l:
 *       {@code d_l = (1/H_lW_l) Σ_{h,w} Σ_c w_lc (f̂_l(x0) − f̂_l(x1))²}.</li>
 *   <li>{@code LPIPS(x0, x1) = Σ_l d_l}.</li>
 * </ol>
 * The trunk runs in float32 (libnd4j on oneDNN, channels last); normalisation, heads and means are
 * evaluated in float64 from the float32 tap values. Both images of each pair go through the trunk in
 * the same pass (the first images in the first rows, the second ones after them): a network's
 * arithmetic on one image does not depend on its row, so identical images give exactly 0 (tested at
 * several sizes). Any H×W of at least {@link LpipsNet#minImageSize()}
 * works; both images of a pair must have the same size.
 *
 * <h2>Heads</h2>
 * The heads of lpips v0.1 and v0.0 (alex, squeeze, vgg) are all non-negative ({@link #headsNonNegative()}
 * is checked on loading), which makes LPIPS a squared Euclidean distance between embeddings
 * ({@link #embed}): the basis of the fast all-pairs diversity.
 *
 * <p>Weights: the trunk from a torchvision checkpoint ({@code alexnet-owt-7be5be79.pth},
 * {@code squeezenet1_1-b8a52dc0.pth}, {@code vgg16-397923af.pth}; classifier tensors are ignored) or a
 * features-only state dict with or without the {@code features.} prefix; the heads from lpips'
 * {@code weights/v0.1/<net>.pth} files. Both resolve through {@link AssetResolver} unless given.
 *
 * <p>Not thread safe (the DL4J graph is not). Close it to release the network.
 */
public final class Lpips implements AutoCloseable {
    /** The version {@code lpips.LPIPS()} uses by default. */
    public static final String DEFAULT_VERSION = "0.1";

    private static final float[] SHIFT = {-0.030f, -0.088f, -0.188f};
    private static final float[] SCALE = {0.458f, 0.448f, 0.450f};
    private static final double EPS = 1e-10;
    /** The network input of each whole grey level 0..255 per channel, v0.1 (ScalingLayer) and v0.0. */
    private static final float[][] LEVELS_V01 = levels(true);
    private static final float[][] LEVELS_V00 = levels(false);

    private final LpipsNet net;
    private final String version;
    private final Trunk trunk;
    private final float[][] heads;
    private final int[][] kept;
    private final boolean nonNegative;
    private final int batchSize;
    private final String headSource;
    /**
     * Heap buffers every call reuses (an Lpips is not thread safe): pixels of a batch of each side, the
     * trunk's input, a tap, its norms. Fresh heap memory costs a page fault on its first touch, which on
     * small images took more time than the arithmetic until the heap had been used once over.
     */
    private final float[][] pixels = {new float[0], new float[0]};
    private float[] input = new float[0];
    private float[] tap = new float[0];
    private double[] norms = new double[0];

    private Lpips(LpipsNet net, String version, Trunk trunk, float[][] heads, int batchSize, String headSource) {
        this.net = net;
        this.version = version;
        this.trunk = trunk;
        this.heads = heads;
        this.batchSize = batchSize;
        this.headSource = headSource;
        this.kept = new int[heads.length][];
        boolean nonNeg = true;
        for (int l = 0; l < heads.length; l++) {
            float[] hl = heads[l];
            kept[l] = java.util.stream.IntStream.range(0, hl.length).filter(i -> hl[i] != 0f).toArray();
            for (float v : hl) {
                nonNeg &= v >= 0f;
            }
        }
        this.nonNegative = nonNeg;
    }

    /** LPIPS v0.1 on {@code net}, weights resolved from the environment ({@link AssetResolver#fromEnvironment()}). */
    public static Lpips load(LpipsNet net) throws IOException {
        return builder(net).build();
    }

    /** A builder for LPIPS on {@code net}. */
    public static Builder builder(LpipsNet net) {
        return new Builder(net);
    }

    /** Validating builder; {@link #build()} reads the weights. */
    public static final class Builder {
        private final LpipsNet net;
        private String version = DEFAULT_VERSION;
        private Path trunkWeights;
        private Path headWeights;
        private float[][] heads;
        private AssetResolver resolver;
        private int batchSize;

        private Builder(LpipsNet net) {
            this.net = Objects.requireNonNull(net, "net");
        }

        /** {@code 0.1} (default) or {@code 0.0}. */
        public Builder version(String v) {
            this.version = Objects.requireNonNull(v, "version");
            return this;
        }

        /** The trunk checkpoint (torchvision file or features-only state dict) instead of the asset. */
        public Builder trunkWeights(Path file) {
            this.trunkWeights = file;
            return this;
        }

        /** The lpips head file ({@code lin<l>.model.1.weight} tensors) instead of the asset. */
        public Builder headWeights(Path file) {
            this.headWeights = file;
            return this;
        }

        /**
         * Head weights given directly, one array of C_l values per tap (e.g. a re-trained head); they
         * replace any head file. Negative values are allowed: LPIPS is then no longer a squared
         * Euclidean distance ({@link #headsNonNegative()} is false).
         */
        public Builder heads(float[]... perLayer) {
            float[][] copy = new float[perLayer.length][];
            for (int i = 0; i < perLayer.length; i++) {
                copy[i] = perLayer[i].clone();
            }
            this.heads = copy;
            return this;
        }

        /** Where assets are found (default {@link AssetResolver#fromEnvironment()}). */
        public Builder assets(AssetResolver r) {
            this.resolver = Objects.requireNonNull(r, "resolver");
            return this;
        }

        /**
         * Pairs ({@link #compare}, both sides in one pass) or images ({@link #embed}) per trunk pass; by
         * default as many as make about 2^18 input pixels per side (64 of 64×64, 4 of 256×256, at most 256),
         * which bounds memory. Never changes a value beyond float32 noise.
         */
        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /**
         * Reads the weights and builds the network.
         *
         * @throws IllegalArgumentException for a bad version, batch size or weights that do not fit the net
         * @throws IOException              when a weights file cannot be found or read
         */
        public Lpips build() throws IOException {
            if (!version.equals("0.1") && !version.equals("0.0")) {
                throw new IllegalArgumentException("LPIPS version must be 0.1 or 0.0, got '" + version + "'");
            }
            if (batchSize < 0) {
                throw new IllegalArgumentException("batch size must be >= 1 (or 0 for automatic), got " + batchSize);
            }
            AssetResolver r = resolver;
            float[][] h;
            String headSource;
            if (heads != null) {
                h = heads;
                headSource = "custom heads";
                checkHeads(net, h, headSource);
            } else {
                if (r == null && headWeights == null) {
                    r = AssetResolver.fromEnvironment();
                }
                Path file = headWeights != null ? headWeights : r.resolve(Assets.lpips(version, net.id()));
                h = readHeads(file, net);
                headSource = file.toString();
            }
            if (r == null && trunkWeights == null) {
                r = AssetResolver.fromEnvironment();
            }
            Path trunkFile = trunkWeights != null ? trunkWeights : r.resolve(net.trunkAsset());
            Trunk t = Trunk.load(net.arch(), Trunk.readFeatures(trunkFile), trunkFile.toString());
            return new Lpips(net, version, t, h, batchSize, headSource);
        }
    }

    /**
     * Reads lpips head weights: tensors {@code lin<l>.model.1.weight} of shape [1, C_l, 1, 1].
     *
     * @throws IllegalArgumentException when the file's tensors do not fit {@code net}
     */
    static float[][] readHeads(Path file, LpipsNet net) throws IOException {
        Map<String, TorchTensor> t = TorchCheckpoint.read(file);
        int[] channels = net.channels();
        float[][] h = new float[channels.length][];
        List<String> problems = new ArrayList<>();
        TreeSet<String> unexpected = new TreeSet<>(t.keySet());
        for (int l = 0; l < channels.length; l++) {
            String key = "lin" + l + ".model.1.weight";
            unexpected.remove(key);
            TorchTensor w = t.get(key);
            long[] want = {1, channels[l], 1, 1};
            if (w == null) {
                problems.add("missing " + key + " " + Arrays.toString(want));
            } else if (!Arrays.equals(w.shape(), want)) {
                problems.add(key + " has shape " + Arrays.toString(w.shape()) + ", expected " + Arrays.toString(want));
            } else {
                h[l] = w.toFloatArray();
            }
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected tensors " + unexpected);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no LPIPS-" + net.id() + " heads: " + String.join("; ", problems));
        }
        checkHeads(net, h, file.toString());
        return h;
    }

    private static void checkHeads(LpipsNet net, float[][] h, String source) {
        int[] channels = net.channels();
        if (h.length != channels.length) {
            throw new IllegalArgumentException(source + ": LPIPS-" + net.id() + " needs " + channels.length
                    + " heads, got " + h.length);
        }
        for (int l = 0; l < h.length; l++) {
            if (h[l].length != channels[l]) {
                throw new IllegalArgumentException(source + ": head " + l + " of LPIPS-" + net.id() + " needs "
                        + channels[l] + " weights, got " + h[l].length);
            }
            for (float v : h[l]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(source + ": head " + l + " holds a non-finite weight " + v);
                }
            }
        }
    }

    /** The backbone. */
    public LpipsNet net() {
        return net;
    }

    /** {@code 0.1} or {@code 0.0}. */
    public String version() {
        return version;
    }

    /** Tap names, as lpips names them. */
    public List<String> layerNames() {
        return net.layerNames();
    }

    /** The head weights of tap {@code l} (a copy). */
    public float[] head(int l) {
        return heads[l].clone();
    }

    /** Where the heads came from (a file, or "custom heads"). */
    public String headSource() {
        return headSource;
    }

    /** SHA-256 of the trunk's parameter values (the same for a torchvision file and its features-only copy). */
    public String trunkSha256() {
        return trunk.contentSha256();
    }

    /**
     * True when no head weight is negative: then LPIPS(x, y) = ‖φ(x) − φ(y)‖² ({@link #embed}). True for
     * every lpips v0.1 and v0.0 head (alex, squeeze, vgg).
     */
    public boolean headsNonNegative() {
        return nonNegative;
    }

    /**
     * LPIPS distances of the pairs (row k of {@code a}, row k of {@code b}).
     *
     * @param a images NCHW, 1 or 3 channels, pixel values 0..255
     * @param b images of the same N, H and W
     */
    public double[] distance(INDArray a, INDArray b) {
        return compare(a, b, false).distances();
    }

    /**
     * Distances, per-layer terms and, with {@code spatial}, the per-layer maps of the pairs
     * (row k of {@code a}, row k of {@code b}).
     *
     * @throws IllegalArgumentException for arrays that are not matching NCHW image batches on the 0..255 scale
     */
    public LpipsResult compare(INDArray a, INDArray b, boolean spatial) {
        long[] sa = checkImages(a, "first");
        long[] sb = checkImages(b, "second");
        if (sa[0] != sb[0] || sa[2] != sb[2] || sa[3] != sb[3]) {
            throw new IllegalArgumentException("LPIPS compares images pairwise: expected two batches of the same N, H"
                    + " and W, got " + Arrays.toString(sa) + " and " + Arrays.toString(sb));
        }
        int n = (int) sa[0];
        int h = (int) sa[2];
        int w = (int) sa[3];
        int[][] shapes = net.tapShapes(h, w);
        int layers = shapes.length;
        double[] dist = new double[n];
        double[][] terms = new double[n][layers];
        float[][] maps = spatial ? new float[layers][] : null;
        if (spatial) {
            for (int l = 0; l < layers; l++) {
                maps[l] = new float[n * shapes[l][1] * shapes[l][2]];
            }
        }
        int batch = batchFor(h, w);
        float[][] whole = new float[2][];
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            // both sides in one pass: rows 0..count-1 the first images, count..2count-1 the second ones
            float[] input = inputFor(2 * count, h, w);
            networkInputNhwc(batchPixels(a, 0, whole, from, count), from, count, (int) sa[1], h, w, input, 0);
            networkInputNhwc(batchPixels(b, 1, whole, from, count), from, count, (int) sb[1], h, w, input, count);
            Trunk.Taps taps = trunk.run(input, 2 * count, h, w, true);
            for (int l = 0; l < layers; l++) {
                int c = shapes[l][0];
                int hw = shapes[l][1] * shapes[l][2];
                float[] yl = tapFor(2 * count * hw * c);
                double[] il = normsFor(2 * count * hw);
                int layer = l;
                int first = from;
                // pairs are independent: both cores share the reading, normalising and weighting
                IntStream.range(0, count).parallel().forEach(i -> {
                    taps.read(layer, yl, i, 1);
                    taps.read(layer, yl, count + i, 1);
                    inverseNorms(yl, i * hw, hw, c, il);
                    inverseNorms(yl, (count + i) * hw, hw, c, il);
                    terms[first + i][layer] = layerTerm(yl, il, i * hw, (count + i) * hw, hw, c, heads[layer],
                            kept[layer], spatial ? maps[layer] : null, (first + i) * hw);
                });
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < layers; l++) {
                s += terms[i][l];
            }
            dist[i] = s;
        }
        List<INDArray> spatialMaps = new ArrayList<>();
        if (spatial) {
            for (int l = 0; l < layers; l++) {
                spatialMaps.add(Nd4j.create(maps[l], new long[] {n, 1, shapes[l][1], shapes[l][2]}, 'c'));
            }
        }
        return new LpipsResult(layerNames(), dist, terms, spatialMaps);
    }

    /**
     * lpips' {@code LPIPS(spatial=True)} map: each layer's map ({@link LpipsResult#spatialMaps()})
     * upsampled to the image size (bilinear, {@code align_corners=False}, float32) and summed over
     * layers; {@code [N, 1, H, W]} float32. Its mean over H×W approximates, but is not exactly, the distance.
     */
    public INDArray spatialDistance(INDArray a, INDArray b) {
        LpipsResult r = compare(a, b, true);
        int n = r.size();
        int h = (int) a.size(2);
        int w = (int) a.size(3);
        float[] out = new float[n * h * w];
        for (INDArray m : r.spatialMaps()) {
            int mh = (int) m.size(2);
            int mw = (int) m.size(3);
            float[] v = m.dup('c').data().asFloat();
            for (int i = 0; i < n; i++) {
                float[] up = ResizeMode.PYTORCH.resizePlane(Arrays.copyOfRange(v, i * mh * mw, (i + 1) * mh * mw), mh, mw, h, w);
                for (int p = 0; p < h * w; p++) {
                    out[i * h * w + p] += up[p];
                }
            }
        }
        return Nd4j.create(out, new long[] {n, 1, h, w}, 'c');
    }

    /**
     * The embeddings φ of the images (see {@link LpipsEmbedding}): one trunk pass per image, after which
     * the LPIPS distance of any two of them is {@code Σ_k s_k (φ_k(x) − φ_k(y))²}.
     */
    public LpipsEmbedding embed(INDArray images) {
        long[] s = checkImages(images, "");
        int n = (int) s[0];
        int[][] shapes = net.tapShapes((int) s[2], (int) s[3]);
        int layers = shapes.length;
        int[] offsets = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            offsets[l + 1] = Math.addExact(offsets[l], Math.multiplyExact(kept[l].length, shapes[l][1] * shapes[l][2]));
        }
        int dim = offsets[layers];
        float[] values = new float[Math.multiplyExact(n, dim)];
        int h = (int) s[2];
        int w = (int) s[3];
        int batch = batchFor(h, w);
        float[][] whole = new float[2][];
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            float[] input = inputFor(count, h, w);
            networkInputNhwc(batchPixels(images, 0, whole, from, count), from, count, (int) s[1], h, w, input, 0);
            Trunk.Taps taps = trunk.run(input, count, h, w, true);
            for (int l = 0; l < layers; l++) {
                int c = shapes[l][0];
                int hw = shapes[l][1] * shapes[l][2];
                float[] yl = tapFor(count * hw * c);
                int[] k = kept[l];
                double[] scale = new double[k.length];
                for (int j = 0; j < k.length; j++) {
                    scale[j] = Math.sqrt(Math.abs((double) heads[l][k[j]]) / hw);
                }
                double[] inv = normsFor(count * hw);
                int layer = l;
                int first = from;
                IntStream.range(0, count).parallel().forEach(i -> {
                    taps.read(layer, yl, i, 1);
                    inverseNorms(yl, i * hw, hw, c, inv);
                    int out = (first + i) * dim + offsets[layer];
                    for (int p = 0; p < hw; p++) {
                        int at = (i * hw + p) * c;
                        double ip = inv[i * hw + p];
                        for (int j = 0; j < k.length; j++) {
                            values[out + j * hw + p] = (float) (scale[j] * (yl[at + k[j]] * ip));
                        }
                    }
                });
            }
        }
        boolean[] negative = null;
        if (!nonNegative) {
            negative = new boolean[dim];
            for (int l = 0; l < layers; l++) {
                int hw = shapes[l][1] * shapes[l][2];
                for (int j = 0; j < kept[l].length; j++) {
                    if (heads[l][kept[l][j]] < 0) {
                        Arrays.fill(negative, offsets[l] + j * hw, offsets[l] + (j + 1) * hw, true);
                    }
                }
            }
        }
        return new LpipsEmbedding(values, n, dim, offsets, layerNames(), negative);
    }

    /** Length of the embedding of an {@code h × w} image. */
    public int embeddingDim(int h, int w) {
        int[][] shapes = net.tapShapes(h, w);
        long d = 0;
        for (int l = 0; l < shapes.length; l++) {
            d += (long) kept[l].length * shapes[l][1] * shapes[l][2];
        }
        return Math.toIntExact(d);
    }

    /** Images per trunk pass for {@code h × w} images. */
    int batchFor(int h, int w) {
        if (batchSize > 0) {
            return batchSize;
        }
        return (int) Math.max(1, Math.min(256, (1L << 18) / ((long) h * w)));
    }

    /**
     * One pair's term of one layer, {@code (1/HW) Σ_p Σ_{c kept} w_c (y_0·inv_0 − y_1·inv_1)²} in float64,
     * from a channels-last tap {@code y} whose images start at pixels {@code p0} and {@code p1}, with
     * their inverse norms {@code inv}; the per-pixel sums go to {@code map} (from {@code map0}) when it
     * is not null.
     */
    private static double layerTerm(float[] y, double[] inv, int p0, int p1, int hw, int c, float[] wl, int[] k,
                                    float[] map, int map0) {
        boolean all = k.length == c;
        double sum = 0;
        for (int p = 0; p < hw; p++) {
            int a = (p0 + p) * c;
            int b = (p1 + p) * c;
            double i0 = inv[p0 + p];
            double i1 = inv[p1 + p];
            double acc = 0;
            if (all) {
                // four running sums (a fixed order, the same for every pair): not one dependent chain
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int ch = 0;
                for (; ch + 3 < c; ch += 4) {
                    double d0 = y[a + ch] * i0 - y[b + ch] * i1;
                    double d1 = y[a + ch + 1] * i0 - y[b + ch + 1] * i1;
                    double d2 = y[a + ch + 2] * i0 - y[b + ch + 2] * i1;
                    double d3 = y[a + ch + 3] * i0 - y[b + ch + 3] * i1;
                    s0 += wl[ch] * d0 * d0;
                    s1 += wl[ch + 1] * d1 * d1;
                    s2 += wl[ch + 2] * d2 * d2;
                    s3 += wl[ch + 3] * d3 * d3;
                }
                for (; ch < c; ch++) {
                    double d = y[a + ch] * i0 - y[b + ch] * i1;
                    s0 += wl[ch] * d * d;
                }
                acc = (s0 + s1) + (s2 + s3);
            } else {
                for (int ch : k) {
                    double diff = y[a + ch] * i0 - y[b + ch] * i1;
                    acc += wl[ch] * diff * diff;
                }
            }
            sum += acc;
            if (map != null) {
                map[map0 + p] = (float) acc;
            }
        }
        return sum / hw;
    }

    /** {@code 1/(√(Σ_c y²) + 1e-10)} for {@code pixels} pixels from {@code pixel0} on of a channels-last tap. */
    private static void inverseNorms(float[] y, int pixel0, int pixels, int c, double[] out) {
        for (int p = pixel0; p < pixel0 + pixels; p++) {
            int at = p * c;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int ch = 0;
            for (; ch + 3 < c; ch += 4) {
                double v0 = y[at + ch];
                double v1 = y[at + ch + 1];
                double v2 = y[at + ch + 2];
                double v3 = y[at + ch + 3];
                s0 += v0 * v0;
                s1 += v1 * v1;
                s2 += v2 * v2;
                s3 += v3 * v3;
            }
            for (; ch < c; ch++) {
                double v = y[at + ch];
                s0 += v * v;
            }
            out[p] = 1.0 / (Math.sqrt((s0 + s1) + (s2 + s3)) + EPS);
        }
    }

    private long[] checkImages(INDArray a, String which) {
        Objects.requireNonNull(a, "images");
        String what = which.isEmpty() ? "images" : which + " images";
        if (a.rank() != 4 || (a.size(1) != 1 && a.size(1) != 3) || a.size(0) < 1) {
            throw new IllegalArgumentException("LPIPS expects " + what + " as NCHW [N, 1 or 3, H, W], got shape "
                    + Arrays.toString(a.shape()));
        }
        if (!a.dataType().isFPType() && !a.dataType().isIntType()) {
            throw new IllegalArgumentException("LPIPS expects numeric " + what + ", got " + a.dataType());
        }
        net.tapShapes((int) a.size(2), (int) a.size(3));
        return a.shape();
    }

    /**
     * The trunk's input for images on the 0..255 scale: {@code (2k − 255)/255}, then for v0.1 the
     * ScalingLayer, in float32; gray replicated to RGB. {@code [N, 3, H, W]}.
     *
     * @throws IllegalArgumentException for values outside [0, 255] or not finite
     */
    INDArray networkInput(INDArray images) {
        int n = (int) images.size(0);
        int c = (int) images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        float[] nhwc = new float[Math.multiplyExact(n, 3 * h * w)];
        networkInputNhwc(HostValues.floats(images), 0, n, c, h, w, nhwc, 0);
        float[] out = new float[nhwc.length];
        int hw = h * w;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < hw; p++) {
                for (int ch = 0; ch < 3; ch++) {
                    out[(i * 3 + ch) * hw + p] = nhwc[(i * hw + p) * 3 + ch];
                }
            }
        }
        return Nd4j.create(out, new long[] {n, 3, h, w}, 'c');
    }

    /**
     * {@link #networkInput} for images {@code from .. from + count − 1}, whose NCHW pixel values
     * ({@code c} = 1 or 3 channels) {@code px} holds from index 0 on, channels last: {@code [count, H, W, 3]}.
     */
    private void networkInputNhwc(float[] px, int from, int count, int c, int h, int w, float[] out, int outImage) {
        int hw = h * w;
        boolean scaling = version.equals("0.1");
        float[][] levels = scaling ? LEVELS_V01 : LEVELS_V00;
        for (int i = 0; i < count; i++) {
            int image = from + i;
            for (int ch = 0; ch < 3; ch++) {
                int src = (i * c + (c == 1 ? 0 : ch)) * hw;
                int dst = (outImage + i) * 3 * hw + ch;
                float[] table = levels[ch];
                for (int p = 0; p < hw; p++) {
                    float k = px[src + p];
                    int level = (int) k;
                    if (level == k && level >= 0 && level <= 255) {
                        out[dst + 3 * p] = table[level];
                    } else if (k >= 0f && k <= 255f) {
                        out[dst + 3 * p] = networkValue(k, ch, scaling);
                    } else {
                        throw new IllegalArgumentException("LPIPS expects pixel values on the 0..255 scale, found " + k
                                + " in image " + image);
                    }
                }
            }
        }
    }

    /**
     * The pixel values of images {@code from .. from + count − 1} of {@code images}, from index 0 of a
     * buffer of side {@code side}; arrays that cannot be read a part at a time are copied whole once
     * ({@code whole[side]}).
     */
    private float[] batchPixels(INDArray images, int side, float[][] whole, int from, int count) {
        int perImage = Math.toIntExact(images.length() / images.size(0));
        int need = Math.multiplyExact(count, perImage);
        if (pixels[side].length < need) {
            pixels[side] = new float[need];
        }
        float[] dst = pixels[side];
        if (!HostValues.copyRange(images, (long) from * perImage, dst, need)) {
            if (whole[side] == null) {
                whole[side] = HostValues.floats(images);
            }
            System.arraycopy(whole[side], from * perImage, dst, 0, need);
        }
        return dst;
    }

    /** The trunk's input buffer for {@code n} images (longer than needed when it served a larger batch). */
    private float[] inputFor(int n, int h, int w) {
        int need = Math.multiplyExact(n, 3 * h * w);
        if (input.length < need) {
            input = new float[need];
        }
        return input;
    }

    private float[] tapFor(int need) {
        if (tap.length < need) {
            tap = new float[need];
        }
        return tap;
    }

    private double[] normsFor(int need) {
        if (norms.length < need) {
            norms = new double[need];
        }
        return norms;
    }

    /** {@code (2k − 255)/255}, then for v0.1 the ScalingLayer of channel {@code ch}, in float32. */
    private static float networkValue(float k, int ch, boolean scaling) {
        float x = (2f * k - 255f) / 255f;
        return scaling ? (x - SHIFT[ch]) / SCALE[ch] : x;
    }

    private static float[][] levels(boolean scaling) {
        float[][] t = new float[3][256];
        for (int ch = 0; ch < 3; ch++) {
            for (int k = 0; k < 256; k++) {
                t[ch][k] = networkValue(k, ch, scaling);
            }
        }
        return t;
    }

    /** Releases the network. */
    @Override
    public void close() {
        trunk.close();
    }
}
