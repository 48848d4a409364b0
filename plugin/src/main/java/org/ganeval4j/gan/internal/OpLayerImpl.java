package org.ganeval4j.gan.internal;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime {@link SameDiffLayer} with its gradients corrected. In DL4J 1.0.0-M2.1 the
 * external-errors op that feeds the layer's output gradient into its SameDiff graph counts that
 * gradient twice ({@code ExternalErrorsFunction.doDiff} registers the gradient placeholder as the
 * output's gradient and {@code DifferentialFunction.diff} then adds the returned placeholder to it),
 * so every parameter and input gradient of a SameDiff layer is exactly twice the true one — invisible
 * to Adam, which is scale invariant, but wrong for SGD, gradient checks and the gradient reaching a
 * generator through a frozen discriminator. When the gradient graph shows that doubling (the output's
 * gradient is {@code add(g, g)} of the placeholder {@code g}), the gradients are halved, which is exact
 * in floating point; otherwise they are left alone.
 */
class OpLayerImpl extends SameDiffLayer {
    private double gradientScale = Double.NaN;

    OpLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> r = super.backpropGradient(epsilon, workspaceMgr);
        if (Double.isNaN(gradientScale)) {
            gradientScale = outputGradientCountedTwice() ? 0.5 : 1.0;
        }
        if (gradientScale != 1.0) {
            if (gradients != null) {
                gradients.muli(gradientScale);
            }
            r.getSecond().muli(gradientScale);
        }
        return r;
    }

    /** Whether the gradient function computes the output's gradient as {@code g + g}. */
    boolean outputGradientCountedTwice() {
        SameDiff grad = sameDiff.getFunction("grad");
        if (grad == null || !grad.hasVariable(outputKey)) {
            return false;
        }
        SDVariable g = grad.getVariable(outputKey).getGradient();
        DifferentialFunction op = g == null ? null : grad.getVariableOutputOp(g.name());
        if (op == null || !"add".equals(op.opName())) {
            return false;
        }
        SDVariable[] args = op.args();
        String placeholder = fn.getGradPlaceholderName();
        return args.length == 2 && placeholder.equals(args[0].name()) && placeholder.equals(args[1].name());
    }
}
