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
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.ganeval4j.feature.internal.TrunkArch.Conv;
import org.ganeval4j.feature.internal.TrunkArch.Fire;
import org.ganeval4j.feature.internal.TrunkArch.Op;
import org.ganeval4j.feature.internal.TrunkArch.Pool;
import org.ganeval4j.feature.internal.TrunkArch.Tap;
import org.ganeval4j.feature.weights.TensorLayout;
import org.ganeval4j.feature.weights.TorchCheckpoint;
import org.ganeval4j.feature.weights.TorchTensor;
import org.ganeval4j.io.FileFormatException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A torchvision {@code features} trunk ({@link TrunkArch}) built natively as a DL4J
 * {@link ComputationGraph} (float32, NCHW), whose outputs are the taps.
 *
 * <p>Layer mapping: {@code Conv2d + ReLU} is a {@link ConvolutionLayer} with
 * {@link ConvolutionMode#Truncate} and the same explicit padding (output {@code floor((H + 2p − k)/s) + 1},
 * as torch); its weight is torch's OIHW tensor as is. A SqueezeNet Fire module is three such layers
 * and a {@link MergeVertex} over channels (torch.cat([expand1x1, expand3x3], 1)).
 *
 * <p>{@code MaxPool2d(3, 2, ceil_mode=True)}: DL4J has no ceil mode. {@link ConvolutionMode#Same}
 * is not it (it gives {@code ceil(H/s)} outputs with padding split over both sides; torch gives
 * {@code ceil((H − k)/s) + 1} windows starting at 0, the last one cut at the border). The trunk pads
 * one zero row and column at the bottom and right ({@link ZeroPaddingLayer}) and pools in floor mode:
 * {@code floor((H + 1 − k)/s) + 1 = ceil((H − k)/s) + 1} for {@code s = 2}, and since the pooled
 * values follow a ReLU (≥ 0), a window's maximum over the real values equals its maximum with the
 * added zeros. Floor-mode pools are plain {@link SubsamplingLayer}s.
 *
 * <p>Not thread safe (the graph is not).
 */
public final class Trunk implements AutoCloseable {
    private final TrunkArch arch;
    private final ComputationGraph graph;
    private final String contentSha256;

    private Trunk(TrunkArch arch, ComputationGraph graph, String contentSha256) {
        this.arch = arch;
        this.graph = graph;
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
        ComputationGraph g = new ComputationGraph(configuration(arch));
        g.init();
        MessageDigest sha = sha256();
        for (String name : expected.keySet()) {
            TorchTensor t = tensors.get(name);
            float[] v = t.toFloatArray();
            int dot = name.lastIndexOf('.');
            String layer = layerName(name.substring(0, dot));
            boolean weight = name.endsWith(".weight");
            INDArray a = weight ? Nd4j.create(v, t.shape(), 'c') : Nd4j.create(v, new long[] {1, v.length}, 'c');
            g.getLayer(layer).setParam(weight ? "W" : "b", a);
            sha.update((name + Arrays.toString(t.shape())).getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            sha.update(b);
        }
        return new Trunk(arch, g, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String layerName(String key) {
        return "f" + key;
    }

    private static ComputationGraphConfiguration configuration(TrunkArch arch) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.ZERO)
                .convolutionMode(ConvolutionMode.Truncate)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs("input");
        String prev = "input";
        int pools = 0;
        List<String> outputs = new ArrayList<>();
        for (Op op : arch.ops()) {
            if (op instanceof Conv c) {
                String name = layerName(c.key());
                b.addLayer(name, conv(c.in(), c.out(), c.kernel(), c.stride(), c.padding()), prev);
                prev = name;
            } else if (op instanceof Fire f) {
                String base = layerName(f.key());
                b.addLayer(base + ".squeeze", conv(f.in(), f.squeeze(), 1, 1, 0), prev);
                b.addLayer(base + ".expand1x1", conv(f.squeeze(), f.expand1(), 1, 1, 0), base + ".squeeze");
                b.addLayer(base + ".expand3x3", conv(f.squeeze(), f.expand3(), 3, 1, 1), base + ".squeeze");
                b.addVertex(base + ".cat", new MergeVertex(), base + ".expand1x1", base + ".expand3x3");
                prev = base + ".cat";
            } else if (op instanceof Pool p) {
                pools++;
                if (p.ceil()) {
                    if (p.stride() != 2) {
                        throw new IllegalStateException("ceil-mode pooling is emulated for stride 2 only");
                    }
                    b.addLayer("pad" + pools, new ZeroPaddingLayer.Builder(0, 1, 0, 1)
                            .dataFormat(CNN2DFormat.NCHW).build(), prev);
                    prev = "pad" + pools;
                }
                b.addLayer("pool" + pools, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(p.kernel(), p.kernel()).stride(p.stride(), p.stride())
                        .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NCHW).build(), prev);
                prev = "pool" + pools;
            } else if (op instanceof Tap) {
                outputs.add(prev);
            }
        }
        b.setOutputs(outputs.toArray(new String[0]));
        return b.build();
    }

    private static ConvolutionLayer conv(int in, int out, int k, int s, int p) {
        return new ConvolutionLayer.Builder(k, k).stride(s, s).padding(p, p).nIn(in).nOut(out)
                .activation(Activation.RELU).convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(CNN2DFormat.NCHW).hasBias(true).build();
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
     *              {@link TrunkArch#minSize()} pixels high and wide
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
        INDArray[] out = graph.output(false, input.castTo(DataType.FLOAT));
        return out;
    }

    /** Parameters by state-dict name (copies), for tests. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : arch.parameterShapes().keySet()) {
            String layer = layerName(name.substring(0, name.lastIndexOf('.')));
            m.put(name, graph.getLayer(layer).getParam(name.endsWith(".weight") ? "W" : "b").dup());
        }
        return m;
    }

    @Override
    public void close() {
        graph.close();
    }
}
