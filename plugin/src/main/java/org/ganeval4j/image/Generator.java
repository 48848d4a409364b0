package org.ganeval4j.image;

import java.util.Objects;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Produces generated images from latent vectors (and class labels for a conditional GAN).
 *
 * <p>The adapters run the network in inference mode ({@code train = false}) with detached outputs:
 * parameters, updater state, layer inputs and ND4J's random stream are left as they were. For a
 * custom training loop, any function {@code z -> images} will do ({@link #of(Function)}).
 */
@FunctionalInterface
public interface Generator {
    /**
     * Images for a batch of latents.
     *
     * @param z      latent batch [N, dim] (or [N, dim, 1, 1])
     * @param labels one-hot class labels [N, classes], or null for an unconditional generator
     * @return images, in the layout and range the {@link ImageFormat} describes
     */
    INDArray sample(INDArray z, INDArray labels);

    /** An unconditional generator from a function. */
    static Generator of(Function<INDArray, INDArray> sample) {
        Objects.requireNonNull(sample, "sample");
        return (z, labels) -> {
            if (labels != null) {
                throw new IllegalStateException("this generator is unconditional but class labels were configured");
            }
            return sample.apply(z);
        };
    }

    /**
     * A {@link MultiLayerNetwork} generator: its output for z (for a conditional generator, for z
     * concatenated with the one-hot labels along dimension 1).
     */
    static ModelGenerator of(MultiLayerNetwork net) {
        return ModelGenerator.of(Objects.requireNonNull(net, "net"));
    }

    /**
     * A {@link ComputationGraph} generator with one output: inputs {@code [z]}, or {@code [z, labels]}
     * for a conditional generator with two inputs.
     */
    static ModelGenerator of(ComputationGraph graph) {
        return ModelGenerator.of(Objects.requireNonNull(graph, "graph"));
    }

    /**
     * The generator inside a combined GAN network (generator layers followed by discriminator layers
     * in one {@link MultiLayerNetwork}): the activations of layer {@code generatorOutputLayer} (0-based).
     */
    static ModelGenerator layerOf(MultiLayerNetwork combined, int generatorOutputLayer) {
        return ModelGenerator.layerOf(Objects.requireNonNull(combined, "combined"), generatorOutputLayer);
    }

    /** The generator inside a combined GAN {@link ComputationGraph}: the activations of the named vertex. */
    static ModelGenerator layerOf(ComputationGraph combined, String generatorOutput) {
        return ModelGenerator.layerOf(Objects.requireNonNull(combined, "combined"), generatorOutput);
    }
}
