package org.ganeval4j.gan.internal;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** What the op layers share: DL4J activation functions as SameDiff ops, weight initialisation. */
final class OpLayers {
    private OpLayers() {
    }

    /** Refuses an activation that {@link #define} cannot express. */
    static void check(IActivation a) {
        boolean plainRelu = a instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null
                && r.getNegativeSlope() == null;
        if (!(a instanceof ActivationIdentity || plainRelu || a instanceof ActivationLReLU
                || a instanceof ActivationTanH || a instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("activation must be identity, ReLU (without max/threshold/slope), "
                    + "leaky ReLU, tanh or sigmoid, got " + a);
        }
    }

    /** {@code a(z)} as a SameDiff op. */
    static SDVariable define(SameDiff sd, SDVariable z, IActivation a) {
        if (a instanceof ActivationIdentity) {
            return z;
        }
        if (a instanceof ActivationReLU) {
            return sd.nn().relu(z, 0);
        }
        if (a instanceof ActivationLReLU l) {
            return sd.nn().leakyRelu(z, l.getAlpha());
        }
        if (a instanceof ActivationTanH) {
            return sd.nn().tanh(z);
        }
        if (a instanceof ActivationSigmoid) {
            return sd.nn().sigmoid(z);
        }
        throw new IllegalArgumentException("unsupported activation " + a);
    }

    /** The layer's initialisation for {@code param}: its per-parameter setting, else its weight init. */
    static IWeightInit weightInit(SameDiffLayer layer, String param) {
        if (layer.getParamWeightInit() != null && layer.getParamWeightInit().containsKey(param)) {
            return layer.getParamWeightInit().get(param);
        }
        return layer.getWeightInit().getWeightInitFunction();
    }
}
