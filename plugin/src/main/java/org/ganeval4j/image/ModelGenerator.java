package org.ganeval4j.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@link Generator} backed by a DL4J network — a generator network, or the generator part of a
 * combined GAN network (a layer index of a {@link MultiLayerNetwork}, a vertex of a
 * {@link ComputationGraph}) — that can {@link #snapshot()} its parameters for background evaluation
 * and give the generator alone as a network of its own ({@link #standalone()}) for saving. Inference
 * only ({@code train = false}); the network is never modified.
 *
 * <p>Which part of the network is the generator is {@link #part()}; a standalone generator is the
 * whole network it wraps. Not thread safe (DL4J networks are not).
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
        if (graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("a generator graph must have one output, got "
                    + graph.getConfiguration().getNetworkOutputs() + ": name the generator's vertex (Generator.layerOf)");
        }
        return new ModelGenerator(graph, -1, null);
    }

    static ModelGenerator layerOf(MultiLayerNetwork combined, int layer) {
        int n = combined.getnLayers();
        if (layer < 0 || layer >= n) {
            throw new IllegalArgumentException("generator output layer must be in [0, " + (n - 1) + "], got " + layer);
        }
        return new ModelGenerator(combined, layer == n - 1 ? -1 : layer, null);
    }

    static ModelGenerator layerOf(ComputationGraph combined, String vertex) {
        if (combined.getVertex(vertex) == null) {
            throw new IllegalArgumentException("no vertex '" + vertex + "' in the graph (vertices: "
                    + Arrays.stream(combined.getVertices()).map(v -> v.getVertexName()).toList() + ")");
        }
        List<String> outputs = combined.getConfiguration().getNetworkOutputs();
        boolean whole = outputs.size() == 1 && outputs.get(0).equals(vertex);
        return new ModelGenerator(combined, -1, whole ? null : vertex);
    }

    /**
     * Where the generator sits in its network.
     *
     * @param layer  the last generator layer of a combined {@link MultiLayerNetwork}, or −1
     * @param vertex the generator's output vertex in a combined {@link ComputationGraph}, or null
     */
    public record Part(int layer, String vertex) {
        /** The whole network is the generator. */
        public static final Part WHOLE = new Part(-1, null);

        public Part {
            if (layer < -1 || (layer >= 0 && vertex != null)) {
                throw new IllegalArgumentException("a generator part is a layer index >= 0 or a vertex name, got layer "
                        + layer + " and vertex " + vertex);
            }
        }

        /** True when the whole network is the generator. */
        public boolean whole() {
            return layer < 0 && vertex == null;
        }

        @Override
        public String toString() {
            return whole() ? "the whole network" : vertex != null ? "vertex '" + vertex + "'" : "layers 0.." + layer;
        }
    }

    /** The network (the whole combined network when the generator is part of it). */
    public Model model() {
        return model;
    }

    /** Where the generator sits in {@link #model()}. */
    public Part part() {
        return new Part(layerIndex, vertex);
    }

    /** The same generator over another part of the same network (e.g. a combined model restored from a checkpoint). */
    public static ModelGenerator of(Model network, Part part) {
        Objects.requireNonNull(part, "part");
        if (network instanceof MultiLayerNetwork m) {
            if (part.vertex() != null) {
                throw new IllegalArgumentException("a MultiLayerNetwork has layers, not vertices: give a layer index, got"
                        + " vertex '" + part.vertex() + "'");
            }
            return part.whole() ? of(m) : layerOf(m, part.layer());
        }
        if (network instanceof ComputationGraph g) {
            if (part.whole()) {
                return of(g);
            }
            if (part.vertex() != null) {
                return layerOf(g, part.vertex());
            }
            int layers = g.getLayers().length;
            if (part.layer() >= layers) {
                throw new IllegalArgumentException("the graph has " + layers + " layers, got layer index " + part.layer());
            }
            return layerOf(g, g.getLayer(part.layer()).conf().getLayer().getLayerName());
        }
        throw new IllegalArgumentException("expected a MultiLayerNetwork or ComputationGraph, got "
                + (network == null ? "null" : network.getClass().getName()));
    }

    /**
     * The generator alone as a network of its own: this generator when it already is its whole
     * network, else a new network of the generator's layers (the layers up to {@link Part#layer()},
     * or the vertices {@link Part#vertex()} depends on) over copies of their parameters. Its
     * configuration names only the generator's layers — no discriminator layer class — so it can be
     * saved with {@code ModelSerializer}, loaded with plain DL4J and sampled with
     * {@code output(z)}.
     */
    public ModelGenerator standalone() {
        return part().whole() ? this : extract();
    }

    /**
     * The same generator over a copy of the network's current parameters (the generator part only),
     * for evaluation in another thread while training goes on.
     */
    public ModelGenerator snapshot() {
        if (!part().whole()) {
            return extract();
        }
        Model copy = model instanceof MultiLayerNetwork m ? m.clone() : ((ComputationGraph) model).clone();
        return new ModelGenerator(copy, -1, null);
    }

    /** The same kind of generator over another network of the same architecture (e.g. a restored best model). */
    public ModelGenerator withModel(Model other) {
        Objects.requireNonNull(other, "other");
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
            throw new IllegalArgumentException("the generator graph has " + graph.getNumInputArrays() + " inputs "
                    + graph.getConfiguration().getNetworkInputs() + ", got " + in.length
                    + (labels == null ? " (z)" : " (z, labels)"));
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

    private ModelGenerator extract() {
        return model instanceof MultiLayerNetwork m ? new ModelGenerator(firstLayers(m, layerIndex), -1, null)
                : new ModelGenerator(ancestors((ComputationGraph) model, vertex), -1, null);
    }

    /** Layers 0..last of {@code net} as a network of their own, over copies of their parameters. */
    private static MultiLayerNetwork firstLayers(MultiLayerNetwork net, int last) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        conf.setConfs(new ArrayList<>(conf.getConfs().subList(0, last + 1)));
        Map<Integer, InputPreProcessor> pre = new java.util.HashMap<>(conf.getInputPreProcessors());
        pre.keySet().removeIf(i -> i > last);
        conf.setInputPreProcessors(pre);
        conf.setValidateOutputLayerConfig(false);
        long n = 0;
        for (int i = 0; i <= last; i++) {
            n += net.getLayer(i).numParams();
        }
        MultiLayerNetwork g = new MultiLayerNetwork(conf);
        if (n == 0) {
            g.init();
        } else {
            INDArray flat = net.params().reshape(net.params().length());
            g.init(flat.get(NDArrayIndex.interval(0, n)).dup().reshape(1, n), false);
        }
        return g;
    }

    /** The vertices {@code output} depends on, as a graph of their own with {@code output} its only output. */
    private static ComputationGraph ancestors(ComputationGraph graph, String output) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        Set<String> keep = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        Map<String, List<String>> inputs = conf.getVertexInputs();
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (keep.add(v) && inputs.containsKey(v)) {
                todo.addAll(inputs.get(v));
            }
        }
        conf.getVertices().keySet().retainAll(keep);
        conf.getVertexInputs().keySet().retainAll(keep);
        conf.setNetworkInputs(new ArrayList<>(conf.getNetworkInputs().stream().filter(keep::contains).toList()));
        conf.setNetworkOutputs(new ArrayList<>(List.of(output)));
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        conf.setValidateOutputLayerConfig(false);
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        for (Layer l : g.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            if (l.numParams() > 0) {
                l.params().assign(graph.getLayer(name).params());
            }
        }
        return g;
    }
}
