package org.ganeval4j.feature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.Assets;
import org.ganeval4j.feature.internal.InceptionGraph;
import org.ganeval4j.feature.internal.weights.TorchCheckpoint;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.preprocess.ImagePreprocessor;
import org.ganeval4j.preprocess.ResizeMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * pytorch-fid's FID Inception-v3 (Heusel et al., "GANs Trained by a Two Time-Scale Update Rule
 * Converge to a Local Nash Equilibrium", NeurIPS 2017; the TensorFlow 2015-12-05 Inception graph as
 * ported by {@code pytorch_fid.inception.fid_inception_v3}), run natively in DL4J and matching
 * pytorch-fid number for number.
 *
 * <h2>Outputs</h2>
 * Any subset of these, from one forward pass (only the part of the network the subset needs runs):
 * <ul>
 *   <li>{@code pool_64}: block 0 (Conv2d_1a/2a/2b, max pool; 64x73x73) averaged over space;</li>
 *   <li>{@code pool_192}: block 1 (Conv2d_3b/4a, max pool; 192x35x35) averaged over space;</li>
 *   <li>{@code pool_768}: block 2 (Mixed_5b..Mixed_6e; 768x17x17) averaged over space;</li>
 *   <li>{@code pool_2048}: block 3 (Mixed_7a..7c, average pool), the FID feature;</li>
 *   <li>{@code logits}: {@code fc(pool_2048)}, 1008 classes with bias;</li>
 *   <li>{@code logits_unbiased}: {@code pool_2048 · fc.weightᵀ} without bias (torch-fidelity's
 *       definition, used for the Inception Score).</li>
 * </ul>
 * {@link ExtractorSpec#layer()} names the default output ({@code pool_2048} unless
 * {@link Builder#layer(String)} chose another).
 *
 * <h2>Input</h2>
 * Images as {@link FeatureExtractor} says: NCHW floats on the 0..255 scale, 1 (replicated to RGB) or
 * 3 channels (RGB), any size. The {@link ResizeMode} (part of the {@link ExtractorSpec}) says how they
 * become the 299x299 network input in [-1,1], reproducing one library bit for bit:
 * {@link ResizeMode#PYTORCH} (pytorch-fid, the default: {@code x/255}, bilinear, {@code 2x-1}),
 * {@link ResizeMode#TF1} (torch-fidelity, torchmetrics ≤ 1.7.4), {@link ResizeMode#CLEAN} (clean-fid) and
 * {@link ResizeMode#ANTIALIAS} (torchmetrics ≥ 1.8.0, its default); FID values of different
 * modes are not comparable. {@link #extractNetworkInput} takes images already prepared.
 *
 * <p>Weights: pytorch-fid's {@code pt_inception-2015-12-05-6726825d.pth} (or any state dict of the
 * same layout), from an explicit path or through an {@link AssetResolver}. BatchNorm (eps 0.001,
 * running statistics) is folded into the convolutions by default; the float32 difference this makes
 * is below 1e-5 of the features' scale.
 *
 * <p>Images are processed in batches of {@link #batchSize()}; the batch size changes results only by
 * float32 rounding. Thread safe: calls on one network (this instance and those sharing its network)
 * are serialised. {@link #withResizeMode}
 * gives an extractor sharing the loaded network; the network's native memory is released when the
 * last extractor sharing it is {@linkplain #close() closed}.
 */
public final class FidInceptionV3 implements FeatureExtractor {
    /** The extractor id in {@link ExtractorSpec} and statistics metadata. */
    public static final String ID = "fid-inception";
    /** Spatial mean of block 0, 64 dims. */
    public static final String POOL_64 = "pool_64";
    /** Spatial mean of block 1, 192 dims. */
    public static final String POOL_192 = "pool_192";
    /** Spatial mean of block 2, 768 dims. */
    public static final String POOL_768 = "pool_768";
    /** The FID feature, 2048 dims. */
    public static final String POOL_2048 = "pool_2048";
    /** fc with bias, 1008 dims. */
    public static final String LOGITS = "logits";
    /** fc without bias, 1008 dims (Inception Score). */
    public static final String LOGITS_UNBIASED = "logits_unbiased";
    /** Side of the square network input. */
    public static final int INPUT_SIZE = InceptionGraph.INPUT_SIZE;
    /** Default {@link Builder#batchSize(int)}. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    private static final Map<String, Integer> OUTPUTS;

    static {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(POOL_64, 64);
        m.put(POOL_192, 192);
        m.put(POOL_768, 768);
        m.put(POOL_2048, 2048);
        m.put(LOGITS, InceptionGraph.CLASSES);
        m.put(LOGITS_UNBIASED, InceptionGraph.CLASSES);
        OUTPUTS = Collections.unmodifiableMap(m);
    }

    /** The loaded network, shared by the extractors derived from one another, released with the last. */
    private static final class Shared {
        final InceptionGraph net;
        int users = 1;

        Shared(InceptionGraph net) {
            this.net = net;
        }
    }

    private final Shared shared;
    private final InceptionGraph net;
    private final ExtractorSpec spec;
    private final Path weights;
    private final int batchSize;
    private final ImagePreprocessor preprocessor;
    private volatile boolean closed;

    private FidInceptionV3(Shared shared, ExtractorSpec spec, Path weights, int batchSize, ResizeMode mode) {
        this.shared = shared;
        this.net = shared.net;
        this.spec = spec;
        this.weights = weights;
        this.batchSize = batchSize;
        this.preprocessor = ImagePreprocessor.of(INPUT_SIZE, mode, InputRange.ZERO_255);
    }

    /** A builder; give it {@link Builder#weights(Path)} or {@link Builder#assets(AssetResolver)}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The network with default options and the weights at {@code weights}. */
    public static FidInceptionV3 load(Path weights) throws IOException {
        return builder().weights(weights).build();
    }

    /**
     * The network with default options and the weights found by {@link AssetResolver#fromEnvironment()}
     * (asset directory, cache, else a download of pytorch-fid's release file).
     */
    public static FidInceptionV3 fromAssets() throws IOException {
        return builder().assets(AssetResolver.fromEnvironment()).build();
    }

    @Override
    public ExtractorSpec spec() {
        return spec;
    }

    /** The six outputs in the order of the class comment, with their dimensions. */
    @Override
    public Map<String, Integer> outputs() {
        return OUTPUTS;
    }

    /** The weights file the network was loaded from. */
    public Path weights() {
        return weights;
    }

    /** How images become network input. */
    public ResizeMode resizeMode() {
        return preprocessor.mode();
    }

    /**
     * An extractor with another resize mode sharing this one's network (no second copy of the
     * weights); both must be closed for the network to be released.
     *
     * @throws IllegalStateException when this extractor is closed
     */
    public FidInceptionV3 withResizeMode(ResizeMode mode) {
        Objects.requireNonNull(mode, "mode");
        synchronized (shared) {
            if (closed) {
                throw new IllegalStateException(ID + " has been closed");
            }
            shared.users++;
        }
        return new FidInceptionV3(shared, new ExtractorSpec(ID, spec.layer(), spec.dims(), mode.id(),
                spec.weightsSha256()), weights, batchSize, mode);
    }

    /** Images per forward pass. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether BatchNorm is folded into the convolutions. */
    public boolean foldBatchNorm() {
        return net.foldBatchNorm();
    }

    /**
     * The activations of any modules for prepared network input ({@code [N, 3, 299, 299]} in [-1,1]),
     * by PyTorch module name ({@code Conv2d_1a_3x3}, {@code Mixed_5b.branch_pool}, {@code Mixed_6e},
     * {@code block0.MaxPool2d}, ...; each BasicConv2d after its ReLU) or output name; for debugging
     * against per-module references.
     */
    public Map<String, INDArray> activations(INDArray input, List<String> modules) {
        synchronized (shared) {
            if (closed) {
                throw new IllegalStateException(ID + " has been closed");
            }
            return net.run(input, modules);
        }
    }

    /** Multiply-adds of one image's forward pass (~5.7e9, i.e. ~11.4 GFLOP). */
    public long multiplyAddsPerImage() {
        return net.multiplyAdds();
    }

    @Override
    public Map<String, INDArray> extract(INDArray images, Set<String> outputs) {
        Objects.requireNonNull(images, "images");
        Set<String> wanted = checkOutputs(outputs);
        long[] s = images.shape();
        if (images.rank() != 4 || (s[1] != 1 && s[1] != 3) || s[0] < 1 || s[2] < 1 || s[3] < 1) {
            throw new IllegalArgumentException("expected images [N >= 1, C = 1 or 3, H, W] (NCHW), found shape "
                    + Arrays.toString(s) + (images.rank() == 4 && (s[3] == 1 || s[3] == 3) && s[1] != 1 && s[1] != 3
                    ? " (NHWC? permute(0, 3, 1, 2) first)" : ""));
        }
        if (!images.dataType().isFPType()) {
            throw new IllegalArgumentException("expected floating-point images on the 0..255 scale, found "
                    + images.dataType());
        }
        return run(images, wanted, true);
    }

    /**
     * The outputs for images already prepared as network input: float {@code [N, 3, 299, 299]} in
     * [-1,1] (resized and normalised by the caller).
     */
    public Map<String, INDArray> extractNetworkInput(INDArray input, Set<String> outputs) {
        Objects.requireNonNull(input, "input");
        Set<String> wanted = checkOutputs(outputs);
        long[] s = input.shape();
        if (input.rank() != 4 || s[0] < 1 || s[1] != 3 || s[2] != INPUT_SIZE || s[3] != INPUT_SIZE) {
            throw new IllegalArgumentException("expected network input [N >= 1, 3, 299, 299], found shape "
                    + Arrays.toString(s));
        }
        return run(input, wanted, false);
    }

    private Set<String> checkOutputs(Set<String> outputs) {
        Objects.requireNonNull(outputs, "outputs");
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("ask for at least one output of " + OUTPUTS.keySet());
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String o : OUTPUTS.keySet()) {
            if (outputs.contains(o)) {
                wanted.add(o);
            }
        }
        if (wanted.size() != outputs.size()) {
            List<String> unknown = outputs.stream().filter(o -> !OUTPUTS.containsKey(o)).toList();
            throw new IllegalArgumentException("unknown output(s) " + unknown + "; " + ID + " gives " + OUTPUTS.keySet());
        }
        return wanted;
    }

    private Map<String, INDArray> run(INDArray images, Set<String> wanted, boolean prepare) {
        synchronized (shared) {
            if (closed) {
                throw new IllegalStateException(ID + " has been closed");
            }
            return runLocked(images, wanted, prepare);
        }
    }

    private Map<String, INDArray> runLocked(INDArray images, Set<String> wanted, boolean prepare) {
        List<String> names = List.copyOf(wanted);
        long n = images.size(0);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (String o : wanted) {
                out.put(o, Nd4j.create(DataType.FLOAT, n, OUTPUTS.get(o)));
            }
            for (long from = 0; from < n; from += batchSize) {
                long to = Math.min(n, from + batchSize);
                INDArray chunk = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.all());
                INDArray x = prepare ? networkInput(chunk) : chunk.castTo(DataType.FLOAT).dup('c');
                Map<String, INDArray> got = net.run(x, names);
                for (String o : wanted) {
                    out.get(o).get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(got.get(o));
                }
            }
            return out;
        }
    }

    /** The resize mode's recipe to 299x299 in [-1,1]; grey replicated to RGB. */
    private INDArray networkInput(INDArray chunk) {
        return preprocessor.preprocess(chunk);
    }

    /** Releases the network's native memory once every extractor sharing it is closed; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (shared) {
            if (--shared.users == 0) {
                net.release();
            }
        }
    }

    @Override
    public String toString() {
        return "FidInceptionV3[" + spec.id() + ", weights=" + weights + ", batchSize=" + batchSize
                + (net.foldBatchNorm() ? "" : ", unfolded BatchNorm") + "]";
    }

    /** Validating builder: weights from a path or an asset resolver; everything else has a default. */
    public static final class Builder {
        private Path weights;
        private AssetResolver assets;
        private String layer = POOL_2048;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private boolean foldBatchNorm = true;
        private ResizeMode resizeMode = ResizeMode.PYTORCH;

        private Builder() {
        }

        /** The weights file (pytorch-fid's {@code pt_inception-2015-12-05-6726825d.pth} or the same layout). */
        public Builder weights(Path file) {
            this.weights = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Find the weights with this resolver ({@link Assets#FID_INCEPTION}); with {@link #weights(Path)}
         * too, the resolver is given that path as the explicit one.
         */
        public Builder assets(AssetResolver resolver) {
            this.assets = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The default output, {@link ExtractorSpec#layer()}: one of {@link FidInceptionV3#outputs()}. */
        public Builder layer(String output) {
            this.layer = Objects.requireNonNull(output, "output");
            return this;
        }

        /** How images become network input (default {@link ResizeMode#PYTORCH}, pytorch-fid's). */
        public Builder resizeMode(ResizeMode mode) {
            this.resizeMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Images per forward pass (default {@value FidInceptionV3#DEFAULT_BATCH_SIZE}). Larger batches use
         * the CPU better (batch 1 runs at a fraction of batch 16's images/s); the process's resident
         * memory grows by ~65 MB per image of batch (about 1 GB at batch 1, 2 GB at batch 16).
         */
        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** Fold BatchNorm into the convolutions (default true; false keeps separate BatchNorm layers). */
        public Builder foldBatchNorm(boolean fold) {
            this.foldBatchNorm = fold;
            return this;
        }

        /**
         * Loads the weights and builds the network.
         *
         * @throws IllegalArgumentException for an unknown layer, a batch size below 1, or no weights given
         * @throws IOException              when the weights cannot be found or read, or are not a FID
         *                                  Inception state dict ({@link org.ganeval4j.io.FileFormatException})
         */
        public FidInceptionV3 build() throws IOException {
            if (!OUTPUTS.containsKey(layer)) {
                throw new IllegalArgumentException("unknown layer '" + layer + "', expected one of " + OUTPUTS.keySet());
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (weights == null && assets == null) {
                throw new IllegalArgumentException("give the weights: weights(path) or assets(resolver)");
            }
            Path file = assets != null ? assets.resolve(Assets.FID_INCEPTION, weights) : weights;
            InceptionGraph net;
            try {
                net = InceptionGraph.build(TorchCheckpoint.read(file), file.toString(), foldBatchNorm);
            } catch (IllegalArgumentException e) {
                throw new org.ganeval4j.io.FileFormatException(e.getMessage(), e);
            }
            String sha = AssetResolver.sha256(file);
            ExtractorSpec spec = new ExtractorSpec(ID, layer, OUTPUTS.get(layer), resizeMode.id(), sha);
            return new FidInceptionV3(new Shared(net), spec, file, batchSize, resizeMode);
        }
    }
}
