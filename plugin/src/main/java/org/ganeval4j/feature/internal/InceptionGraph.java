package org.ganeval4j.feature.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganeval4j.feature.internal.weights.TorchTensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * pytorch-fid's FID Inception-v3 ({@code pytorch_fid.inception.fid_inception_v3()} wrapped by
 * {@code InceptionV3}) as an ND4J {@link SameDiff} graph, from the network input (NCHW, resized to
 * 299x299 and normalised to [-1,1]) to the four global-average-pooled taps and the fc outputs.
 * Inside, activations are NHWC (permuted once after the input): oneDNN's convolutions run on NHWC
 * without reordering, and the whole network ran 2-2.5x faster than the same graph in NCHW on the
 * project's 2-core AVX-512 machine (oneDNN build of nd4j-native 1.0.0-M2.1).
 *
 * <p>Why SameDiff and not a DL4J {@code ComputationGraph}: in DL4J 1.0.0-M2.1 a {@code ConvolutionLayer}
 * always runs its Java-side im2col + gemm (its oneDNN helper looks up {@code Environment.isUseMKLDNN},
 * which M2.1 renamed, so the helper never loads), several times slower than libnd4j's {@code conv2d}
 * op, which SameDiff calls directly (and which runs on oneDNN in the {@code onednn} builds of
 * {@code nd4j-native}).
 *
 * <p>Variable names are the PyTorch module names: {@code Conv2d_1a_3x3}, {@code Mixed_5b.branch5x5_2},
 * {@code Mixed_5b}, ...; a {@code BasicConv2d} variable holds conv → BatchNorm (eps 0.001, running
 * statistics) → ReLU. With {@code foldBatchNorm} the BatchNorm is folded into the convolution
 * ({@code w' = w·γ/√(σ²+ε)}, {@code b' = β − μ·γ/√(σ²+ε)}, computed in float64 and rounded once);
 * otherwise {@code <name>.conv} (no bias) is followed by libnd4j's {@code batchnorm} {@code <name>.bn}.
 * Pools: {@code block0.MaxPool2d} (64x73x73), {@code block1.MaxPool2d} (192x35x35),
 * {@code <Mixed>.branch_pool.pool}; outputs {@code pool_64}, {@code pool_192}, {@code pool_768},
 * {@code pool_2048}, {@code logits}, {@code logits_unbiased}. The placeholder is {@code input}.
 *
 * <p>Average pools divide by the number of in-image elements ({@link Pooling2D.Divisor#EXCLUDE_PADDING},
 * PyTorch's {@code count_include_pad=False}; checked by a unit test, since M2.1's {@code avgPooling2d}
 * excludes the padding whatever the divisor setting says). Convolution weights stay in
 * PyTorch's OIHW order, permuted to OHWI ({@link WeightsFormat#OYXI}) for NHWC; {@link #run} returns
 * rank-4 activations permuted back to NCHW.
 */
public final class InceptionGraph {
    /** Spatial size of the network input. */
    public static final int INPUT_SIZE = 299;
    /** pytorch-fid's BatchNorm epsilon (BasicConv2d uses {@code BatchNorm2d(eps=0.001)}). */
    public static final double BN_EPS = 1e-3;
    /** The name of the input placeholder. */
    public static final String INPUT = "input";
    /** The global-average-pooled taps, in network order. */
    public static final List<String> TAPS = List.of("pool_64", "pool_192", "pool_768", "pool_2048");
    /** Number of classes of the fc layer. */
    public static final int CLASSES = 1008;

    private final SameDiff sd;
    private final List<String> convNames;
    private final boolean foldBatchNorm;
    private final long multiplyAdds;

    private InceptionGraph(SameDiff sd, List<String> convNames, boolean foldBatchNorm, long multiplyAdds) {
        this.sd = sd;
        this.convNames = convNames;
        this.foldBatchNorm = foldBatchNorm;
        this.multiplyAdds = multiplyAdds;
    }

    /**
     * Builds the graph with the weights of a pytorch-fid state dict.
     *
     * @param tensors       the checkpoint's tensors by name
     * @param source        what the tensors came from, for messages
     * @param foldBatchNorm fold each BatchNorm into its convolution
     * @throws IllegalArgumentException when a tensor is missing or has the wrong shape
     */
    public static InceptionGraph build(Map<String, TorchTensor> tensors, String source, boolean foldBatchNorm) {
        Spec spec = new Spec(tensors, source, foldBatchNorm);
        spec.define();
        return new InceptionGraph(spec.sd, List.copyOf(spec.convNames), foldBatchNorm, spec.macs);
    }

    /** The SameDiff graph (placeholder {@link #INPUT}; see the class comment for the variable names). */
    public SameDiff sameDiff() {
        return sd;
    }

    /** Whether BatchNorm is folded into the convolutions. */
    public boolean foldBatchNorm() {
        return foldBatchNorm;
    }

    /** The names of the BasicConv2d modules, in definition order. */
    public List<String> convNames() {
        return convNames;
    }

    /** Multiply-adds of one image's forward pass (convolutions and fc), ~5.7e9. */
    public long multiplyAdds() {
        return multiplyAdds;
    }

    /**
     * Runs the graph on {@code input} ({@code [N, 3, 299, 299]} float32) and returns the named
     * variables (only the part of the graph they need is computed).
     */
    public Map<String, INDArray> run(INDArray input, List<String> outputs) {
        Map<String, INDArray> r = sd.output(Map.of(INPUT, input), outputs);
        Map<String, INDArray> out = new LinkedHashMap<>();
        r.forEach((k, v) -> out.put(k, v.rank() == 4 ? v.permute(0, 3, 1, 2) : v));
        return out;
    }

    /** Frees the native memory of the weights; the graph cannot run afterwards. */
    public void release() {
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT && v.getArr() != null
                    && v.getArr().closeable()) {
                v.getArr().close();
            }
        }
    }

    private static TorchTensor require(Map<String, TorchTensor> t, String name, String source, long... shape) {
        TorchTensor x = t.get(name);
        if (x == null) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' of shape " + Arrays.toString(shape)
                    + " is missing (expected pytorch-fid's FID Inception state dict, found " + t.size() + " tensors"
                    + (t.isEmpty() ? "" : ", e.g. '" + t.keySet().iterator().next() + "'") + ")");
        }
        if (!Arrays.equals(x.shape(), shape)) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' should have shape "
                    + Arrays.toString(shape) + ", found " + Arrays.toString(x.shape()));
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(source + ": tensor '" + name + "' should hold floating-point values, found "
                    + x.dtype().pythonName());
        }
        return x;
    }

    private enum Pool { MAX, AVG }

    /** The architecture, written once: torchvision Inception3 with pytorch-fid's FID blocks. */
    private static final class Spec {
        final SameDiff sd = SameDiff.create();
        final Map<String, SDVariable> vars = new HashMap<>();
        final Map<String, Integer> size = new HashMap<>();
        final List<String> convNames = new ArrayList<>();
        final Map<String, TorchTensor> tensors;
        final String source;
        final boolean fold;
        long macs;

        Spec(Map<String, TorchTensor> tensors, String source, boolean fold) {
            this.tensors = tensors;
            this.source = source;
            this.fold = fold;
            SDVariable in = sd.placeHolder(INPUT, DataType.FLOAT, -1, 3, INPUT_SIZE, INPUT_SIZE);
            vars.put(INPUT, sd.permute("input_nhwc", in, 0, 2, 3, 1));
            size.put(INPUT, INPUT_SIZE);
        }

        void define() {
            String x = conv("Conv2d_1a_3x3", "input", 3, 32, 3, 3, 2, 2, 0, 0);
            x = conv("Conv2d_2a_3x3", x, 32, 32, 3, 3, 1, 1, 0, 0);
            x = conv("Conv2d_2b_3x3", x, 32, 64, 3, 3, 1, 1, 1, 1);
            x = pool("block0.MaxPool2d", x, Pool.MAX, 2, 0);
            gap("pool_64", x);
            x = conv("Conv2d_3b_1x1", x, 64, 80, 1, 1, 1, 1, 0, 0);
            x = conv("Conv2d_4a_3x3", x, 80, 192, 3, 3, 1, 1, 0, 0);
            x = pool("block1.MaxPool2d", x, Pool.MAX, 2, 0);
            gap("pool_192", x);
            x = inceptionA("Mixed_5b", x, 192, 32);
            x = inceptionA("Mixed_5c", x, 256, 64);
            x = inceptionA("Mixed_5d", x, 288, 64);
            x = inceptionB("Mixed_6a", x, 288);
            x = inceptionC("Mixed_6b", x, 768, 128);
            x = inceptionC("Mixed_6c", x, 768, 160);
            x = inceptionC("Mixed_6d", x, 768, 160);
            x = inceptionC("Mixed_6e", x, 768, 192);
            gap("pool_768", x);
            x = inceptionD("Mixed_7a", x, 768);
            x = inceptionE("Mixed_7b", x, 1280, Pool.AVG);
            x = inceptionE("Mixed_7c", x, 2048, Pool.MAX);
            gap("pool_2048", x);
            fc(x);
        }

        /** FIDInceptionA: 1x1 | 1x1→5x5 | 1x1→3x3→3x3 | avgpool(exclude pad)→1x1; 224 + poolFeatures channels. */
        String inceptionA(String n, String x, int in, int poolFeatures) {
            String b1 = conv(n + ".branch1x1", x, in, 64, 1, 1, 1, 1, 0, 0);
            String b5 = conv(n + ".branch5x5_1", x, in, 48, 1, 1, 1, 1, 0, 0);
            b5 = conv(n + ".branch5x5_2", b5, 48, 64, 5, 5, 1, 1, 2, 2);
            String b3 = conv(n + ".branch3x3dbl_1", x, in, 64, 1, 1, 1, 1, 0, 0);
            b3 = conv(n + ".branch3x3dbl_2", b3, 64, 96, 3, 3, 1, 1, 1, 1);
            b3 = conv(n + ".branch3x3dbl_3", b3, 96, 96, 3, 3, 1, 1, 1, 1);
            String bp = pool(n + ".branch_pool.pool", x, Pool.AVG, 1, 1);
            bp = conv(n + ".branch_pool", bp, in, poolFeatures, 1, 1, 1, 1, 0, 0);
            return merge(n, b1, b5, b3, bp);
        }

        /** InceptionB (Mixed_6a): 3x3/2 | 1x1→3x3→3x3/2 | maxpool/2; 384 + 96 + in channels. */
        String inceptionB(String n, String x, int in) {
            String b3 = conv(n + ".branch3x3", x, in, 384, 3, 3, 2, 2, 0, 0);
            String bd = conv(n + ".branch3x3dbl_1", x, in, 64, 1, 1, 1, 1, 0, 0);
            bd = conv(n + ".branch3x3dbl_2", bd, 64, 96, 3, 3, 1, 1, 1, 1);
            bd = conv(n + ".branch3x3dbl_3", bd, 96, 96, 3, 3, 2, 2, 0, 0);
            String bp = pool(n + ".branch_pool.pool", x, Pool.MAX, 2, 0);
            return merge(n, b3, bd, bp);
        }

        /** FIDInceptionC: 1x1 | 1x1→1x7→7x1 | 1x1→7x1→1x7→7x1→1x7 | avgpool(exclude pad)→1x1; 768 channels. */
        String inceptionC(String n, String x, int in, int c7) {
            String b1 = conv(n + ".branch1x1", x, in, 192, 1, 1, 1, 1, 0, 0);
            String b7 = conv(n + ".branch7x7_1", x, in, c7, 1, 1, 1, 1, 0, 0);
            b7 = conv(n + ".branch7x7_2", b7, c7, c7, 1, 7, 1, 1, 0, 3);
            b7 = conv(n + ".branch7x7_3", b7, c7, 192, 7, 1, 1, 1, 3, 0);
            String bd = conv(n + ".branch7x7dbl_1", x, in, c7, 1, 1, 1, 1, 0, 0);
            bd = conv(n + ".branch7x7dbl_2", bd, c7, c7, 7, 1, 1, 1, 3, 0);
            bd = conv(n + ".branch7x7dbl_3", bd, c7, c7, 1, 7, 1, 1, 0, 3);
            bd = conv(n + ".branch7x7dbl_4", bd, c7, c7, 7, 1, 1, 1, 3, 0);
            bd = conv(n + ".branch7x7dbl_5", bd, c7, 192, 1, 7, 1, 1, 0, 3);
            String bp = pool(n + ".branch_pool.pool", x, Pool.AVG, 1, 1);
            bp = conv(n + ".branch_pool", bp, in, 192, 1, 1, 1, 1, 0, 0);
            return merge(n, b1, b7, bd, bp);
        }

        /** InceptionD (Mixed_7a): 1x1→3x3/2 | 1x1→1x7→7x1→3x3/2 | maxpool/2; 320 + 192 + in channels. */
        String inceptionD(String n, String x, int in) {
            String b3 = conv(n + ".branch3x3_1", x, in, 192, 1, 1, 1, 1, 0, 0);
            b3 = conv(n + ".branch3x3_2", b3, 192, 320, 3, 3, 2, 2, 0, 0);
            String b7 = conv(n + ".branch7x7x3_1", x, in, 192, 1, 1, 1, 1, 0, 0);
            b7 = conv(n + ".branch7x7x3_2", b7, 192, 192, 1, 7, 1, 1, 0, 3);
            b7 = conv(n + ".branch7x7x3_3", b7, 192, 192, 7, 1, 1, 1, 3, 0);
            b7 = conv(n + ".branch7x7x3_4", b7, 192, 192, 3, 3, 2, 2, 0, 0);
            String bp = pool(n + ".branch_pool.pool", x, Pool.MAX, 2, 0);
            return merge(n, b3, b7, bp);
        }

        /**
         * FIDInceptionE_1 (avg pool, exclude pad) / FIDInceptionE_2 (max pool): 1x1 | 1x1→[1x3, 3x1] |
         * 1x1→3x3→[1x3, 3x1] | pool→1x1; 320 + 768 + 768 + 192 = 2048 channels. The inner concatenations
         * are flattened into the block's one merge (concatenation is associative).
         */
        String inceptionE(String n, String x, int in, Pool poolType) {
            String b1 = conv(n + ".branch1x1", x, in, 320, 1, 1, 1, 1, 0, 0);
            String b3 = conv(n + ".branch3x3_1", x, in, 384, 1, 1, 1, 1, 0, 0);
            String b3a = conv(n + ".branch3x3_2a", b3, 384, 384, 1, 3, 1, 1, 0, 1);
            String b3b = conv(n + ".branch3x3_2b", b3, 384, 384, 3, 1, 1, 1, 1, 0);
            String bd = conv(n + ".branch3x3dbl_1", x, in, 448, 1, 1, 1, 1, 0, 0);
            bd = conv(n + ".branch3x3dbl_2", bd, 448, 384, 3, 3, 1, 1, 1, 1);
            String bda = conv(n + ".branch3x3dbl_3a", bd, 384, 384, 1, 3, 1, 1, 0, 1);
            String bdb = conv(n + ".branch3x3dbl_3b", bd, 384, 384, 3, 1, 1, 1, 1, 0);
            String bp = pool(n + ".branch_pool.pool", x, poolType, 1, 1);
            bp = conv(n + ".branch_pool", bp, in, 192, 1, 1, 1, 1, 0, 0);
            return merge(n, b1, b3a, b3b, bda, bdb, bp);
        }

        String conv(String name, String input, int in, int out, int kh, int kw, int sh, int sw, int ph, int pw) {
            convNames.add(name);
            int s = size.get(input);
            int oh = (s + 2 * ph - kh) / sh + 1;
            int ow = (s + 2 * pw - kw) / sw + 1;
            if (oh != ow) {
                throw new IllegalStateException(name + ": non-square output " + oh + "x" + ow);
            }
            macs += (long) oh * ow * out * in * kh * kw;
            float[] w = require(tensors, name + ".conv.weight", source, out, in, kh, kw).floatValues();
            float[] gamma = require(tensors, name + ".bn.weight", source, out).floatValues();
            float[] beta = require(tensors, name + ".bn.bias", source, out).floatValues();
            float[] mean = require(tensors, name + ".bn.running_mean", source, out).floatValues();
            float[] var = require(tensors, name + ".bn.running_var", source, out).floatValues();
            long[] wShape = {out, in, kh, kw};
            Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(sh).sW(sw).pH(ph).pW(pw).dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID).dataFormat("NHWC").weightsFormat(WeightsFormat.OYXI).build();
            SDVariable x = vars.get(input);
            SDVariable pre;
            if (fold) {
                int per = in * kh * kw;
                float[] fw = new float[w.length];
                float[] fb = new float[out];
                for (int o = 0; o < out; o++) {
                    double scale = gamma[o] / Math.sqrt((double) var[o] + BN_EPS);
                    for (int i = o * per; i < (o + 1) * per; i++) {
                        fw[i] = (float) (w[i] * scale);
                    }
                    fb[o] = (float) (beta[o] - mean[o] * scale);
                }
                pre = sd.cnn().conv2d(name + ".conv", x, sd.constant(name + ".weight", weights(fw, wShape)),
                        sd.constant(name + ".bias", Nd4j.create(fb, new long[] {out}, 'c')), cfg);
            } else {
                SDVariable c = sd.cnn().conv2d(name + ".conv", x, sd.constant(name + ".weight", weights(w, wShape)), cfg);
                pre = sd.nn().batchNorm(name + ".bn", c, vector(name + ".bn.running_mean", mean),
                        vector(name + ".bn.running_var", var), vector(name + ".bn.weight", gamma),
                        vector(name + ".bn.bias", beta), BN_EPS, 3);
            }
            vars.put(name, sd.nn().relu(name, pre, 0));
            size.put(name, oh);
            return name;
        }

        /** OIHW values as an OHWI array (oneDNN's NHWC weight layout). */
        INDArray weights(float[] oihw, long[] shape) {
            return Nd4j.create(oihw, shape, 'c').permute(0, 2, 3, 1).dup('c');
        }

        SDVariable vector(String name, float[] v) {
            return sd.constant(name, Nd4j.create(v, new long[] {v.length}, 'c'));
        }

        String pool(String name, String input, Pool type, int stride, int pad) {
            Pooling2DConfig.Pooling2DConfigBuilder b = Pooling2DConfig.builder().kH(3).kW(3).sH(stride).sW(stride)
                    .pH(pad).pW(pad).dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(true);
            SDVariable x = vars.get(input);
            vars.put(name, type == Pool.MAX
                    ? sd.cnn().maxPooling2d(name, x, b.type(Pooling2D.Pooling2DType.MAX).build())
                    : sd.cnn().avgPooling2d(name, x, b.type(Pooling2D.Pooling2DType.AVG)
                            .divisor(Pooling2D.Divisor.EXCLUDE_PADDING).build()));
            size.put(name, (size.get(input) + 2 * pad - 3) / stride + 1);
            return name;
        }

        /**
         * The spatial mean, accumulated in float64: libnd4j's float32 {@code reduce_mean} sums 73x73 =
         * 5329 values in float32, which moved {@code pool_64} by up to 5e-5 of its scale on flat
         * (MNIST) images; PyTorch's mean is more careful.
         */
        void gap(String name, String input) {
            SDVariable wide = sd.castTo(name + ".f64", vars.get(input), DataType.DOUBLE);
            vars.put(name, sd.castTo(name, sd.mean(name + ".mean", wide, 1, 2), DataType.FLOAT));
        }

        String merge(String name, String... inputs) {
            vars.put(name, sd.concat(name, 3, Arrays.stream(inputs).map(vars::get).toArray(SDVariable[]::new)));
            size.put(name, size.get(inputs[0]));
            return name;
        }

        /** {@code logits_unbiased = pool_2048 · fc.weightᵀ}, {@code logits = logits_unbiased + fc.bias}. */
        void fc(String mixed7c) {
            INDArray w = require(tensors, "fc.weight", source, CLASSES, 2048).toINDArray();
            INDArray b = require(tensors, "fc.bias", source, CLASSES).toINDArray();
            SDVariable unbiased = sd.mmul("logits_unbiased", vars.get("pool_2048"),
                    sd.constant("fc.weight_t", w.transpose().dup('c')));
            unbiased.add("logits", sd.constant("fc.bias", b));
            macs += 2048L * CLASSES;
        }
    }
}
