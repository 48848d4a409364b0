package org.ganeval4j.image;

import java.util.Map;
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
    static Generator of(MultiLayerNetwork net) {
        Objects.requireNonNull(net, "net");
        return (z, labels) -> net.output(concat(z, labels), false);
    }

    /**
     * A {@link ComputationGraph} generator with one output: inputs {@code [z]}, or {@code [z, labels]}
     * for a conditional generator with two inputs.
     */
    static Generator of(ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph");
        return (z, labels) -> {
            INDArray[] in = labels == null ? new INDArray[] {z} : new INDArray[] {z, labels};
            if (in.length != graph.getNumInputArrays()) {
                throw new IllegalArgumentException("the generator graph has " + graph.getNumInputArrays()
                        + " inputs, got " + in.length + (labels == null ? " (z)" : " (z, labels)"));
            }
            return graph.outputSingle(false, in);
        };
    }

    /**
     * The generator inside a combined GAN network (generator layers followed by discriminator layers
     * in one {@link MultiLayerNetwork}): the activations of layer {@code generatorOutputLayer} (0-based).
     */
    static Generator layerOf(MultiLayerNetwork combined, int generatorOutputLayer) {
        Objects.requireNonNull(combined, "combined");
        int n = combined.getnLayers();
        if (generatorOutputLayer < 0 || generatorOutputLayer >= n) {
            throw new IllegalArgumentException("generator output layer must be in [0, " + (n - 1) + "], got "
                    + generatorOutputLayer);
        }
        return (z, labels) -> combined.feedForwardToLayer(generatorOutputLayer, concat(z, labels), false)
                .get(generatorOutputLayer + 1);
    }

    /** The generator inside a combined GAN {@link ComputationGraph}: the activations of the named vertex. */
    static Generator layerOf(ComputationGraph combined, String generatorOutput) {
        Objects.requireNonNull(combined, "combined");
        if (combined.getVertex(generatorOutput) == null) {
            throw new IllegalArgumentException("no vertex '" + generatorOutput + "' in the graph (vertices: "
                    + java.util.Arrays.stream(combined.getVertices()).map(v -> v.getVertexName()).toList() + ")");
        }
        return (z, labels) -> {
            INDArray[] in = labels == null ? new INDArray[] {z} : new INDArray[] {z, labels};
            Map<String, INDArray> acts = combined.feedForward(in, false, false);
            return acts.get(generatorOutput);
        };
    }

    private static INDArray concat(INDArray z, INDArray labels) {
        if (labels == null) {
            return z;
        }
        INDArray flatZ = z.rank() == 2 ? z : z.reshape(z.size(0), z.length() / z.size(0));
        return Nd4j.concat(1, flatZ, labels.castTo(flatZ.dataType()));
    }
}
