package org.ganeval4j.examples.owngan;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A user's discriminator, as layers of a DL4J {@code ComputationGraph}: image → dense {@code 2·hidden}
 * (leaky ReLU 0.2) → dense {@code hidden} (leaky ReLU 0.2) → one sigmoid unit (binary cross-entropy).
 * The same layers go into the discriminator's own graph (trainable) and, frozen with backprop, after
 * the generator in the combined graph that trains the generator.
 */
public final class GraphDiscriminator {
    /** The layer names, in order (the parameters are copied by these names). */
    public static final List<String> LAYERS = List.of("d1", "d2", "d_out");

    private final int hidden;

    /** @param hidden units of the second hidden layer (the first has twice as many) */
    public GraphDiscriminator(int hidden) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden units must be >= 1, got " + hidden);
        }
        this.hidden = hidden;
    }

    /** Adds the discriminator after {@code input}, frozen (for the combined graph) or trainable. */
    public String addTo(GraphBuilder graph, String input, boolean frozen) {
        List<Layer> layers = List.of(
                new DenseLayer.Builder().nOut(2L * hidden).activation(new ActivationLReLU(0.2)).build(),
                new DenseLayer.Builder().nOut(hidden).activation(new ActivationLReLU(0.2)).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build());
        String previous = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            graph.addLayer(LAYERS.get(i), frozen ? new FrozenLayerWithBackprop(l) : l, previous);
            previous = LAYERS.get(i);
        }
        return previous;
    }
}
