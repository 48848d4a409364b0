package org.ganeval4j.feature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.internal.HostValues;
import org.ganeval4j.feature.internal.Trunk;
import org.ganeval4j.feature.internal.TrunkArch;
import org.ganeval4j.preprocess.ResizeMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Features for a Fréchet distance that needs no large download: the global-average-pooled last tap
 * of an ImageNet-trained torchvision trunk — SqueezeNet 1.1 (2.9 MB of weights, 512-d, extractor id
 * {@code squeezenet}, layer {@code pool_512}) or AlexNet (9.9 MB, 256-d, {@code alexnet},
 * {@code pool_256}). The distance on these features is <b>FD-SqueezeNet / FD-AlexNet, not FID</b>:
 * it is not comparable to published FID values (which use the FID Inception network) and its scale
 * differs; compare it only with itself.
 *
 * <h2>Preprocessing (fixed; resize-mode id {@value #RESIZE_MODE}, i.e. {@link ResizeMode#ANTIALIAS})</h2>
 * <ol>
 *   <li>Pixels on the 0..255 scale, NCHW; gray is replicated to RGB.</li>
 *   <li>Resize to 224×224 (ImageNet's training resolution) with antialiased bilinear interpolation on
 *       the 0..255 floats — torch's {@code F.interpolate(x, (224, 224), mode='bilinear', align_corners=False,
 *       antialias=True)}, the {@code antialias} mode of torchmetrics' FID: plain bilinear when
 *       enlarging (e.g. 32×32 CIFAR, 28×28 MNIST), a proper low-pass when shrinking, so large images do
 *       not alias. The whole image is used (no center crop): a crop would drop content a generator is
 *       judged on. Non-square images are stretched.</li>
 *   <li>{@code x/255}, then ImageNet normalisation {@code (x − mean)/std}, mean (0.485, 0.456, 0.406),
 *       std (0.229, 0.224, 0.225), float32 — what torchvision's classifiers were trained with.</li>
 *   <li>The trunk ({@code features}, ReLU outputs: SqueezeNet's last Fire module 512×13×13, AlexNet's
 *       relu5 256×13×13, before the final max pool), averaged over H×W in float64, returned as float32.</li>
 * </ol>
 * {@link ExtractorSpec#weightsSha256()} is the SHA-256 of the trunk's parameter values (see
 * {@link Lpips#trunkSha256()}), so torchvision's full checkpoint and its features-only copy give the
 * same provenance.
 *
 * <p>Not thread safe. Close it to release the network.
 */
public final class ImageNetFeatureExtractor implements FeatureExtractor {
    /** The preprocessing id in {@link ExtractorSpec#resizeMode()}: antialiased bilinear to 224×224, ImageNet normalisation. */
    public static final String RESIZE_MODE = "antialias";
    private static final ResizeMode RESIZE = ResizeMode.ANTIALIAS;
    /** The network input size. */
    public static final int SIZE = 224;
    /** Images per forward pass unless a batch size is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final Trunk trunk;
    private final ExtractorSpec spec;
    private final int batchSize;
    /** The network input of the last batch, reused (the extractor is not thread safe). */
    private float[] input = new float[0];
    /** The last tap of the last batch, reused. */
    private float[] y = new float[0];

    private ImageNetFeatureExtractor(Trunk trunk, String id, int batchSize) {
        this.trunk = trunk;
        int[] c = trunk.arch().tapChannels();
        int dims = c[c.length - 1];
        this.spec = new ExtractorSpec(id, "pool_" + dims, dims, RESIZE_MODE, trunk.contentSha256());
        this.batchSize = batchSize;
    }

    /** FD-SqueezeNet features with the weights resolved from the environment ({@link AssetResolver#fromEnvironment()}). */
    public static ImageNetFeatureExtractor squeezeNet() throws IOException {
        return squeezeNet(AssetResolver.fromEnvironment().resolve(LpipsNet.SQUEEZE.trunkAsset()));
    }

    /**
     * FD-SqueezeNet features from a torchvision SqueezeNet 1.1 checkpoint ({@code squeezenet1_1-b8a52dc0.pth})
     * or its features-only state dict.
     */
    public static ImageNetFeatureExtractor squeezeNet(Path weights) throws IOException {
        return of(TrunkArch.SQUEEZENET1_1, "squeezenet", weights);
    }

    /** FD-AlexNet features with the weights resolved from the environment. */
    public static ImageNetFeatureExtractor alexNet() throws IOException {
        return alexNet(AssetResolver.fromEnvironment().resolve(LpipsNet.ALEX.trunkAsset()));
    }

    /** FD-AlexNet features from a torchvision AlexNet checkpoint ({@code alexnet-owt-7be5be79.pth}) or its features-only state dict. */
    public static ImageNetFeatureExtractor alexNet(Path weights) throws IOException {
        return of(TrunkArch.ALEXNET, "alexnet", weights);
    }

    /**
     * The extractor registered under {@code id}: {@code squeezenet} or {@code alexnet}.
     *
     * @param weights the checkpoint, or null to resolve it from the environment
     * @throws IllegalArgumentException for another id
     */
    public static ImageNetFeatureExtractor byId(String id, Path weights) throws IOException {
        return byId(id, weights, DEFAULT_BATCH_SIZE);
    }

    /**
     * The extractor registered under {@code id} ({@code squeezenet} or {@code alexnet}) running
     * {@code batchSize} images per forward pass. The batch size changes memory and speed, not the
     * features (beyond float32 noise).
     *
     * @param weights   the checkpoint, or null to resolve it from the environment
     * @param batchSize images per forward pass, at least 1
     * @throws IllegalArgumentException for another id or a batch size below 1
     */
    public static ImageNetFeatureExtractor byId(String id, Path weights, int batchSize) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        TrunkArch arch = switch (Objects.requireNonNull(id, "id")) {
            case "squeezenet" -> TrunkArch.SQUEEZENET1_1;
            case "alexnet" -> TrunkArch.ALEXNET;
            default -> throw new IllegalArgumentException("unknown extractor '" + id + "' (expected squeezenet or alexnet)");
        };
        Path file = weights != null ? weights : AssetResolver.fromEnvironment().resolve(
                arch == TrunkArch.ALEXNET ? LpipsNet.ALEX.trunkAsset() : LpipsNet.SQUEEZE.trunkAsset());
        return of(arch, id, file, batchSize);
    }

    private static ImageNetFeatureExtractor of(TrunkArch arch, String id, Path weights) throws IOException {
        return of(arch, id, weights, DEFAULT_BATCH_SIZE);
    }

    private static ImageNetFeatureExtractor of(TrunkArch arch, String id, Path weights, int batchSize) throws IOException {
        return new ImageNetFeatureExtractor(Trunk.load(arch, Trunk.readFeatures(weights), weights.toString()), id, batchSize);
    }

    /** Images per forward pass. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public ExtractorSpec spec() {
        return spec;
    }

    @Override
    public Map<String, INDArray> extract(INDArray images, Set<String> outputs) {
        for (String o : outputs) {
            if (!o.equals(spec.layer())) {
                throw new IllegalArgumentException(spec.extractor() + " has no output '" + o + "' (outputs: "
                        + outputs().keySet() + ")");
            }
        }
        if (images.rank() != 4 || (images.size(1) != 1 && images.size(1) != 3) || images.size(0) < 1) {
            throw new IllegalArgumentException(spec.extractor() + " expects images as NCHW [N, 1 or 3, H, W], got shape "
                    + Arrays.toString(images.shape()));
        }
        int n = (int) images.size(0);
        int c = (int) images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        int d = spec.dims();
        float[] px = HostValues.floats(images);
        for (int i = 0; i < px.length; i++) {
            if (!(px[i] >= 0f && px[i] <= 255f)) {
                throw new IllegalArgumentException(spec.extractor() + " expects pixel values on the 0..255 scale, found "
                        + px[i] + " in image " + i / (c * h * w));
            }
        }
        float[] out = new float[n * d];
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            int first = from;
            int inputLength = count * 3 * SIZE * SIZE;
            if (input.length != inputLength) {
                input = new float[inputLength];
            }
            // images are independent: both cores share the resizing and, below, the pooling
            IntStream.range(0, count).parallel().forEach(i -> networkInput(px, first + i, c, h, w, input, i));
            Trunk.Taps taps = trunk.run(input, count, SIZE, SIZE, false);
            int last = taps.count() - 1;
            int[] shape = taps.shape(last);
            int hw = shape[1] * shape[2];
            if (y.length < count * hw * d) {
                y = new float[count * hw * d];
            }
            float[] yl = y;
            IntStream.range(0, count).parallel().forEach(i -> {
                taps.read(last, yl, i, 1);
                averagePool(yl, i * hw * d, hw, d, out, (first + i) * d);
            });
        }
        return Map.of(spec.layer(), Nd4j.create(out, new long[] {n, d}, 'c'));
    }

    /**
     * The mean over {@code hw} positions of {@code d} channels (channels last, from {@code at}), summed
     * in float64 position by position, into {@code out} from {@code to}.
     */
    private static void averagePool(float[] y, int at, int hw, int d, float[] out, int to) {
        double[] sums = new double[d];
        for (int p = 0; p < hw; p++) {
            int row = at + p * d;
            for (int ch = 0; ch < d; ch++) {
                sums[ch] += y[row + ch];
            }
        }
        for (int ch = 0; ch < d; ch++) {
            out[to + ch] = (float) (sums[ch] / hw);
        }
    }

    /**
     * Resize, /255 and ImageNet normalisation of image {@code image} of the NCHW pixel values
     * {@code px}, written channels last as image {@code slot} of {@code out} ({@code [·, 224, 224, 3]}
     * float32); a gray image's plane is resized once and used for all three channels.
     */
    private static void networkInput(float[] px, int image, int c, int h, int w, float[] out, int slot) {
        int hw = SIZE * SIZE;
        float[] plane = new float[h * w];
        float[] r = null;
        for (int ch = 0; ch < 3; ch++) {
            if (ch < c) {
                System.arraycopy(px, (image * c + ch) * h * w, plane, 0, h * w);
                r = RESIZE.resizePlane(plane, h, w, SIZE, SIZE);
            }
            int dst = slot * 3 * hw + ch;
            float mean = MEAN[ch];
            float std = STD[ch];
            for (int p = 0; p < hw; p++) {
                out[dst + 3 * p] = (r[p] / 255f - mean) / std;
            }
        }
    }

    @Override
    public void close() {
        trunk.close();
    }
}
