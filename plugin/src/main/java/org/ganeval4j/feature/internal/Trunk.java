package org.ganeval4j.feature.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ganeval4j.feature.internal.TrunkArch.Conv;
import org.ganeval4j.feature.internal.TrunkArch.Fire;
import org.ganeval4j.feature.internal.TrunkArch.Op;
import org.ganeval4j.feature.internal.TrunkArch.Pool;
import org.ganeval4j.feature.internal.weights.TensorLayout;
import org.ganeval4j.feature.internal.weights.TorchCheckpoint;
import org.ganeval4j.feature.internal.weights.TorchTensor;
import org.ganeval4j.io.FileFormatException;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A torchvision {@code features} trunk ({@link TrunkArch}) run natively with ND4J's libnd4j operations
 * (float32, NCHW): {@code conv2d} (weights in torch's OIHW layout as they are, explicit zero
 * padding, output {@code floor((H + 2p − k)/s) + 1} as torch), in-place ReLU, {@code maxpool2d} and
 * {@code concat} — the kernels DL4J's layers and SameDiff run on. A SqueezeNet Fire module is
 * squeeze 1×1 + ReLU, then [expand1x1, expand3x3] concatenated over channels + ReLU (the same as
 * torch's concatenation of the two ReLU outputs). The trunk calls the operations one by one rather
 * than building a DL4J {@code ComputationGraph} of {@code ConvolutionLayer}s: on this CPU backend the
 * layers' extra im2col/permute copies made the same network 3.5–6.5× slower, with the same results
 * up to float32 round-off.
 *
 * <p>{@code MaxPool2d(3, 2, ceil_mode=True)}: libnd4j's pooling, like DL4J's {@code ConvolutionMode},
 * has no ceil mode, and {@code Same} mode is not it (it gives {@code ceil(H/s)} outputs with the padding
 * split over both sides; torch gives {@code ceil((H − k)/s) + 1} windows starting at 0, the last one cut
 * at the border). The trunk pads one zero row and column at the bottom and right and pools in floor
 * mode: {@code floor((H + 1 − k)/s) + 1 = ceil((H − k)/s) + 1} for {@code s = 2}; the pooled values follow
 * a ReLU (≥ 0), so a window's maximum over the real values equals its maximum with the added zeros.
 * Without padding torch never drops the last window ({@code (out − 1)·s < H}), so nothing else differs.
 *
 * <p>Not thread safe.
 */
public final class Trunk implements AutoCloseable {
    private final TrunkArch arch;
    private final Map<String, INDArray> params;
    private final String contentSha256;

    private Trunk(TrunkArch arch, Map<String, INDArray> params, String contentSha256) {
        this.arch = arch;
        this.params = params;
        this.contentSha256 = contentSha256;
    }

    /**
     * Reads the trunk's tensors from a torchvision checkpoint: either the whole classifier's state dict
     * ({@code features.*} and {@code classifier.*}; the classifier is not read) or a features-only
     * state dict, with ({@code features.0.weight}) or without ({@code 0.weight}) the prefix.
     *
     * @return the tensors by name without the prefix
     * @throws FileFormatException when the file is no checkpoint or holds neither layout
     */
    public static Map<String, TorchTensor> readFeatures(Path file) throws IOException {
        boolean prefixed = false;
        for (TensorLayout l : TorchCheckpoint.layout(file)) {
            if (l.name().startsWith("features.")) {
                prefixed = true;
                break;
            }
        }
        return TorchCheckpoint.read(file, prefixed ? "features." : "");
    }

    /**
     * Builds the trunk with the given weights.
     *
     * @param tensors the {@code features} state dict without the prefix; tensors the trunk does not use
     *                must not be there except under other top-level names (a torchvision file's
     *                classifier is dropped by {@link #readFeatures})
     * @param source  where the tensors come from, for messages
     * @throws IllegalArgumentException when a tensor is missing, has the wrong shape, or is unexpected
     */
    public static Trunk load(TrunkArch arch, Map<String, TorchTensor> tensors, String source) {
        Map<String, long[]> expected = arch.parameterShapes();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TorchTensor t = tensors.get(e.getKey());
            if (t == null) {
                problems.add("missing " + e.getKey() + " " + Arrays.toString(e.getValue()));
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.add(e.getKey() + " has shape " + Arrays.toString(t.shape()) + ", expected "
                        + Arrays.toString(e.getValue()));
            } else if (!t.dtype().isFloating()) {
                problems.add(e.getKey() + " holds " + t.dtype().pythonName() + " values, expected floating point");
            }
        }
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(expected.keySet());
        if (!unexpected.isEmpty()) {
            problems.add("unexpected tensors " + (unexpected.size() <= 6 ? unexpected
                    : new ArrayList<>(unexpected).subList(0, 6) + " and " + (unexpected.size() - 6) + " more"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " is not a torchvision " + arch.id() + " features state dict: "
                    + String.join("; ", problems));
        }
        MessageDigest sha = sha256();
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            TorchTensor t = tensors.get(name);
            float[] v = t.toFloatArray();
            params.put(name, Nd4j.create(v, t.shape(), 'c'));
            sha.update((name + Arrays.toString(t.shape())).getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            sha.update(b);
        }
        return new Trunk(arch, params, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The architecture. */
    public TrunkArch arch() {
        return arch;
    }

    /**
     * SHA-256 over the loaded parameters (for each tensor in {@link TrunkArch#parameterShapes()} order:
     * its name and shape as text, then its float32 values little-endian): the same for a torchvision
     * file and a features-only copy of it.
     */
    public String contentSha256() {
        return contentSha256;
    }

    /**
     * Runs the trunk.
     *
     * @param input float32 NCHW batch, 3 channels, already normalised as the trunk expects; at least
     *              {@link TrunkArch#minSize()} pixels high and wide; not modified
     * @return one float32 NCHW array per tap
     */
    public INDArray[] taps(INDArray input) {
        if (input.rank() != 4 || input.size(1) != 3) {
            throw new IllegalArgumentException("trunk input must be [N, 3, H, W], got " + Arrays.toString(input.shape()));
        }
        if (arch.tapShapes((int) input.size(2), (int) input.size(3)) == null) {
            throw new IllegalArgumentException(arch.id() + " needs images of at least " + arch.minSize() + "×"
                    + arch.minSize() + " pixels, got " + input.size(2) + "×" + input.size(3));
        }
        List<INDArray> taps = new ArrayList<>();
        INDArray x = input.castTo(DataType.FLOAT);
        for (Op op : arch.ops()) {
            INDArray next;
            if (op instanceof Conv c) {
                next = Transforms.relu(conv(x, c.key(), c.kernel(), c.stride(), c.padding()), false);
            } else if (op instanceof Fire f) {
                INDArray s = Transforms.relu(conv(x, f.key() + ".squeeze", 1, 1, 0), false);
                INDArray e1 = conv(s, f.key() + ".expand1x1", 1, 1, 0);
                INDArray e3 = conv(s, f.key() + ".expand3x3", 3, 1, 1);
                next = Transforms.relu(Nd4j.concat(1, e1, e3), false);
                s.close();
                e1.close();
                e3.close();
            } else if (op instanceof Pool p) {
                next = pool(x, p);
            } else {
                taps.add(x);
                continue;
            }
            if (x != input && !taps.contains(x) && x.closeable()) {
                x.close();
            }
            x = next;
        }
        return taps.toArray(new INDArray[0]);
    }

    private INDArray conv(INDArray x, String key, int k, int stride, int pad) {
        Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        return Nd4j.exec(new Conv2D(new INDArray[] {x, params.get(key + ".weight"), params.get(key + ".bias")}, null, c))[0];
    }

    private static INDArray pool(INDArray x, Pool p) {
        INDArray in = x;
        if (p.ceil()) {
            if (p.stride() != 2) {
                throw new IllegalStateException("ceil-mode pooling is emulated for stride 2 only");
            }
            long[] s = x.shape();
            in = Nd4j.zeros(DataType.FLOAT, s[0], s[1], s[2] + 1, s[3] + 1);
            in.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, s[2]), NDArrayIndex.interval(0, s[3]))
                    .assign(x);
        }
        Pooling2DConfig c = Pooling2DConfig.builder().kH(p.kernel()).kW(p.kernel()).sH(p.stride()).sW(p.stride())
                .pH(0).pW(0).dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        INDArray out = Nd4j.exec(new MaxPooling2D(in, null, c))[0];
        if (in != x) {
            in.close();
        }
        return out;
    }

    /** Parameters by state-dict name (copies), for tests. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.dup()));
        return m;
    }

    /** Releases the parameters' native memory. */
    @Override
    public void close() {
        params.values().forEach(INDArray::close);
    }
}
