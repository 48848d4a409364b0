package org.ganeval4j.gan.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A 2-D convolution layer (NCHW), {@code a = act(W ⊛ x + b)}, computed by libnd4j's {@code conv2d} and
 * {@code conv2d_bp} custom ops through DL4J's {@link SameDiffLayer} extension point. With the oneDNN build
 * of nd4j-native the ops run oneDNN's convolution primitives, many times faster than DL4J 1.0.0-M2.1's
 * {@link ConvolutionLayer}, which without its (never enabled) helper does im2col and the matrix product
 * in Java.
 *
 * <p>Parameters and results are those of a {@link ConvolutionLayer} with the same settings (NCHW,
 * dilation 1, {@link ConvolutionMode#Same}, or {@link ConvolutionMode#Truncate} with explicit zero
 * padding): weights {@value #WEIGHT_KEY} are {@code [nOut, nIn, kH, kW]}, bias {@value #BIAS_KEY}
 * {@code [nOut]}; the builder's weight initialisation (default Xavier) uses the same fan-in
 * {@code nIn·kH·kW} and fan-out {@code nOut·kH·kW/(sH·sW)}, biases start at 0. Same mode pads like
 * TensorFlow and DL4J (the odd extra row and column at the bottom and right). Activations: identity,
 * ReLU, leaky ReLU, tanh, sigmoid. Gradients are corrected for M2.1's doubling in SameDiff layers (see
 * {@link OpLayerImpl}), so they equal {@link ConvolutionLayer}'s.
 *
 * <p>Serialises with the network (JSON configuration, {@code ModelSerializer}). Not API.
 */
public class Conv2dOpLayer extends SameDiffLayer {
    /** Weight parameter key, {@code [nOut, nIn, kH, kW]}. */
    public static final String WEIGHT_KEY = "W";
    /** Bias parameter key, {@code [nOut]}. */
    public static final String BIAS_KEY = "b";

    @JsonProperty("nIn")
    private long nIn;
    @JsonProperty("nOut")
    private long nOut;
    private int[] kernel;
    private int[] stride;
    private int[] padding;
    private ConvolutionMode convolutionMode;
    private IActivation activation;
    private boolean hasBias;

    /** For JSON. */
    protected Conv2dOpLayer() {
    }

    private Conv2dOpLayer(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.kernel = b.kernel.clone();
        this.stride = b.stride.clone();
        this.padding = b.padding.clone();
        this.convolutionMode = b.convolutionMode;
        this.activation = b.activation;
        this.hasBias = b.hasBias;
    }

    /** A builder for a {@code kH × kW} kernel. */
    public static Builder builder(int kH, int kW) {
        return new Builder(kH, kW);
    }

    @JsonProperty("nIn")
    public long getNIn() {
        return nIn;
    }

    @JsonProperty("nOut")
    public long getNOut() {
        return nOut;
    }

    public int[] getKernel() {
        return kernel.clone();
    }

    public int[] getStride() {
        return stride.clone();
    }

    public int[] getPadding() {
        return padding.clone();
    }

    public ConvolutionMode getConvolutionMode() {
        return convolutionMode;
    }

    public IActivation getActivation() {
        return activation;
    }

    public boolean isHasBias() {
        return hasBias;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        Conv2DConfig c = Conv2DConfig.builder().kH(kernel[0]).kW(kernel[1]).sH(stride[0]).sW(stride[1])
                .pH(padding[0]).pW(padding[1]).dH(1).dW(1)
                .paddingMode(convolutionMode == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        // the op's own OIYX weights format fails conv2d_bp's shape validation inside SameDiff (M2.1): pass the
        // [kH, kW, nIn, nOut] (YXIO) view of DL4J's [nOut, nIn, kH, kW] weights
        SDVariable w = params.get(WEIGHT_KEY).permute(2, 3, 1, 0);
        SDVariable z = hasBias ? sd.cnn().conv2d(input, w, params.get(BIAS_KEY), c) : sd.cnn().conv2d(input, w, c);
        return OpLayers.define(sd, z, activation);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHT_KEY, nOut, nIn, kernel[0], kernel[1]);
        if (hasBias) {
            params.addBiasParam(BIAS_KEY, nOut);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        double fanIn = (double) nIn * kernel[0] * kernel[1];
        double fanOut = (double) nOut * kernel[0] * kernel[1] / ((double) stride[0] * stride[1]);
        INDArray w = params.get(WEIGHT_KEY);
        OpLayers.weightInit(this, WEIGHT_KEY).init(fanIn, fanOut, w.shape(), 'c', w);
        if (hasBias) {
            params.get(BIAS_KEY).assign(0);
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType networkDataType) {
        OpLayerImpl layer = new OpLayerImpl(conf, networkDataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = convolutionalInput(inputType);
        return InputType.convolutional(outSize(in.getHeight(), 0), outSize(in.getWidth(), 1), nOut);
    }

    private long outSize(long in, int dim) {
        if (convolutionMode == ConvolutionMode.Same) {
            return (in + stride[dim] - 1) / stride[dim];
        }
        long padded = in + 2L * padding[dim];
        if (padded < kernel[dim]) {
            throw new IllegalArgumentException("input size " + in + " with padding " + padding[dim]
                    + " is smaller than the kernel " + kernel[dim] + " in layer " + getLayerName());
        }
        return (padded - kernel[dim]) / stride[dim] + 1;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = convolutionalInput(inputType).getChannels();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    @Override
    public void validateInput(INDArray input) {
        if (input.rank() != 4 || input.size(1) != nIn) {
            throw new IllegalArgumentException("layer " + getLayerName() + " expects NCHW input [N, " + nIn
                    + ", H, W], found " + Arrays.toString(input.shape()));
        }
    }

    private InputType.InputTypeConvolutional convolutionalInput(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c;
        }
        if (t instanceof InputType.InputTypeConvolutionalFlat f) {
            return (InputType.InputTypeConvolutional) InputType.convolutional(f.getHeight(), f.getWidth(),
                    f.getDepth());
        }
        throw new IllegalArgumentException("layer " + getLayerName() + " expects convolutional input, found " + t);
    }

    @Override
    public Conv2dOpLayer clone() {
        Conv2dOpLayer c = (Conv2dOpLayer) super.clone();
        c.kernel = kernel.clone();
        c.stride = stride.clone();
        c.padding = padding.clone();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conv2dOpLayer l && super.equals(o) && nIn == l.nIn && nOut == l.nOut
                && Arrays.equals(kernel, l.kernel) && Arrays.equals(stride, l.stride)
                && Arrays.equals(padding, l.padding)
                && convolutionMode == l.convolutionMode && activation.equals(l.activation) && hasBias == l.hasBias;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Arrays.hashCode(kernel) + 7 * Arrays.hashCode(stride) + Long.hashCode(nOut);
    }

    @Override
    public String toString() {
        return "Conv2dOpLayer(" + getLayerName() + ", " + nIn + "→" + nOut + ", kernel " + Arrays.toString(kernel)
                + ", stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ", "
                + convolutionMode + ", " + activation + ")";
    }

    /** Builds a {@link Conv2dOpLayer}; validates in {@link #build()}. */
    public static final class Builder extends SameDiffLayer.Builder<Builder> {
        private final int[] kernel;
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};
        private long nIn;
        private long nOut;
        private ConvolutionMode convolutionMode = ConvolutionMode.Same;
        private IActivation activation = Activation.IDENTITY.getActivationFunction();
        private boolean hasBias = true;

        private Builder(int kH, int kW) {
            this.kernel = new int[] {kH, kW};
        }

        /** Strides (default 1, 1). */
        public Builder stride(int sH, int sW) {
            this.stride = new int[] {sH, sW};
            return this;
        }

        /** Zero padding on each side (default 0, 0); {@link ConvolutionMode#Truncate} only. */
        public Builder padding(int pH, int pW) {
            this.padding = new int[] {pH, pW};
            return this;
        }

        /** Input channels; usually set from the network's input type. */
        public Builder nIn(long n) {
            this.nIn = n;
            return this;
        }

        /** Output channels. */
        public Builder nOut(long n) {
            this.nOut = n;
            return this;
        }

        /**
         * {@link ConvolutionMode#Same} (default; output size ⌈in/stride⌉, padding computed) or
         * {@link ConvolutionMode#Truncate} (output size ⌊(in + 2·padding − kernel)/stride⌋ + 1).
         */
        public Builder convolutionMode(ConvolutionMode mode) {
            this.convolutionMode = mode;
            return this;
        }

        /** Identity (default), ReLU, leaky ReLU, tanh or sigmoid. */
        public Builder activation(IActivation a) {
            this.activation = a;
            return this;
        }

        /** Identity (default), ReLU, leaky ReLU, tanh or sigmoid. */
        public Builder activation(Activation a) {
            return activation(a.getActivationFunction());
        }

        /** With a bias (default) or without. */
        public Builder hasBias(boolean b) {
            this.hasBias = b;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Conv2dOpLayer build() {
            if (kernel[0] < 1 || kernel[1] < 1 || stride[0] < 1 || stride[1] < 1 || padding[0] < 0 || padding[1] < 0) {
                throw new IllegalArgumentException("kernel and stride must be >= 1 and padding >= 0, got kernel "
                        + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + " and padding "
                        + Arrays.toString(padding));
            }
            if (nOut < 1 || nIn < 0) {
                throw new IllegalArgumentException("nOut must be >= 1 and nIn >= 0 (0: from the input type), got nOut "
                        + nOut + " and nIn " + nIn);
            }
            if (convolutionMode != ConvolutionMode.Same && convolutionMode != ConvolutionMode.Truncate) {
                throw new IllegalArgumentException("convolution mode must be Same or Truncate, got " + convolutionMode);
            }
            if (convolutionMode == ConvolutionMode.Same && (padding[0] != 0 || padding[1] != 0)) {
                throw new IllegalArgumentException("Same mode computes its own padding; got explicit padding "
                        + Arrays.toString(padding) + " (use Truncate)");
            }
            OpLayers.check(activation);
            return new Conv2dOpLayer(this);
        }
    }
}
