package org.ganeval4j.image;

import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Generator} backed by a DL4J network — a generator network, or a layer of a combined GAN
 * network — that can {@link #snapshot()} its parameters for background evaluation and hand its
 * model over for saving. Inference only ({@code train = false}); the network is never modified.
 */
public final class ModelGenerator implements Generator {
    private final Model model;
    private final int layerIndex;
    private final String vertex;

    private ModelGenerator(Model model, int layerIndex, String vertex) {
        this.model = Objects.requireNonNull(model, "model");
        this.layerIndex = layerIndex;
        this.vertex = vertex;
    }

    static ModelGenerator of(MultiLayerNetwork net) {
        return new ModelGenerator(net, -1, null);
    }

    static ModelGenerator of(ComputationGraph graph) {
        return new ModelGenerator(graph, -1, null);
    }

    static ModelGenerator layerOf(MultiLayerNetwork combined, int layer) {
        int n = combined.getnLayers();
        if (layer < 0 || layer >= n) {
            throw new IllegalArgumentException("generator output layer must be in [0, " + (n - 1) + "], got " + layer);
        }
        return new ModelGenerator(combined, layer, null);
    }

    static ModelGenerator layerOf(ComputationGraph combined, String vertex) {
        if (combined.getVertex(vertex) == null) {
            throw new IllegalArgumentException("no vertex '" + vertex + "' in the graph (vertices: "
                    + java.util.Arrays.stream(combined.getVertices()).map(v -> v.getVertexName()).toList() + ")");
        }
        return new ModelGenerator(combined, -1, vertex);
    }

    /** The network (the whole combined network when the generator is one of its layers). */
    public Model model() {
        return model;
    }

    /** The same generator over a copy of the network's current parameters. */
    public ModelGenerator snapshot() {
        Model copy = model instanceof MultiLayerNetwork m ? m.clone() : ((ComputationGraph) model).clone();
        return new ModelGenerator(copy, layerIndex, vertex);
    }

    /** The same kind of generator over another network of the same architecture (e.g. a restored best model). */
    public ModelGenerator withModel(Model other) {
        if (other.getClass() != model.getClass()) {
            throw new IllegalArgumentException("expected a " + model.getClass().getSimpleName() + ", got "
                    + other.getClass().getSimpleName());
        }
        return new ModelGenerator(other, layerIndex, vertex);
    }

    @Override
    public INDArray sample(INDArray z, INDArray labels) {
        if (model instanceof MultiLayerNetwork net) {
            INDArray in = concat(z, labels);
            return layerIndex < 0 ? net.output(in, false) : net.feedForwardToLayer(layerIndex, in, false).get(layerIndex + 1);
        }
        ComputationGraph graph = (ComputationGraph) model;
        INDArray[] in = labels == null ? new INDArray[] {z} : new INDArray[] {z, labels};
        if (in.length != graph.getNumInputArrays()) {
            throw new IllegalArgumentException("the generator graph has " + graph.getNumInputArrays() + " inputs, got "
                    + in.length + (labels == null ? " (z)" : " (z, labels)"));
        }
        if (vertex == null) {
            return graph.outputSingle(false, in);
        }
        Map<String, INDArray> acts = graph.feedForward(in, false, false);
        return acts.get(vertex);
    }

    private static INDArray concat(INDArray z, INDArray labels) {
        if (labels == null) {
            return z;
        }
        INDArray flatZ = z.rank() == 2 ? z : z.reshape(z.size(0), z.length() / z.size(0));
        return Nd4j.concat(1, flatZ, labels.castTo(flatZ.dataType()));
    }
}
