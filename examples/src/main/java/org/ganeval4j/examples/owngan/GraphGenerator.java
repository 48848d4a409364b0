package org.ganeval4j.examples.owngan;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * A user's generator, as layers of a DL4J {@code ComputationGraph}: latent z → dense {@code hidden}
 * (ReLU) → dense {@code 2·hidden} (ReLU) → dense {@code pixels} (tanh, images in [−1, 1] flattened
 * C·H·W). Its output vertex is {@value #OUTPUT}.
 */
public final class GraphGenerator {
    /** The generator's output vertex. */
    public static final String OUTPUT = "g_out";

    private final int hidden;
    private final int pixels;

    /**
     * @param hidden units of the first hidden layer (the second has twice as many)
     * @param pixels C·H·W of an image
     */
    public GraphGenerator(int hidden, int pixels) {
        if (hidden < 1 || pixels < 1) {
            throw new IllegalArgumentException("hidden units and pixels must be >= 1, got " + hidden + " and " + pixels);
        }
        this.hidden = hidden;
        this.pixels = pixels;
    }

    /** Adds the generator's layers after {@code input}; returns the output vertex's name. */
    public String addTo(GraphBuilder graph, String input) {
        graph.addLayer("g1", new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build(), input)
                .addLayer("g2", new DenseLayer.Builder().nOut(2L * hidden).activation(Activation.RELU).build(), "g1")
                .addLayer(OUTPUT, new DenseLayer.Builder().nOut(pixels).activation(Activation.TANH).build(), "g2");
        return OUTPUT;
    }
}
