package org.ganeval4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The generator part of combined GAN networks as a network of its own: the layers up to the
 * generator's last (MultiLayerNetwork), the vertices the generator's output depends on
 * (ComputationGraph, with a merged class-label input), over copies of the parameters.
 */
class ModelGeneratorTest {
    /** z (4) → 8 → 12 (generator) → 6 → 1 (discriminator). */
    static MultiLayerNetwork combinedMln() {
        var conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.LEAKYRELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build())
                .setInputType(InputType.feedForward(4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** (z (4), labels (3)) → merge → g1 (8) → g_out (12) → d1 (6) → d_out (1). */
    static ComputationGraph combinedGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(1e-3))
                .graphBuilder().addInputs("z", "labels")
                .addVertex("zin", new MergeVertex(), "z", "labels")
                .addLayer("g1", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "zin")
                .addLayer("g_out", new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build(), "g1")
                .addLayer("d1", new DenseLayer.Builder().nOut(6).activation(Activation.LEAKYRELU).build(), "g_out")
                .addLayer("d_out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build(), "d1")
                .setOutputs("d_out").setInputTypes(InputType.feedForward(4), InputType.feedForward(3)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void theLayersOfACombinedNetworkStandAloneWithTheSameOutput() {
        MultiLayerNetwork combined = combinedMln();
        ModelGenerator g = Generator.layerOf(combined, 1);
        assertThat(g.part()).isEqualTo(new ModelGenerator.Part(1, null));
        ModelGenerator alone = g.standalone();
        MultiLayerNetwork net = (MultiLayerNetwork) alone.model();
        assertThat(net.getnLayers()).isEqualTo(2);
        assertThat(net.numParams()).isEqualTo(4 * 8 + 8 + 8 * 12 + 12);
        assertThat(alone.part().whole()).isTrue();
        INDArray z = LatentSpec.normal(4, 1).latents(0, 5);
        assertThat(net.output(z, false).data().asFloat()).containsExactly(g.sample(z, null).data().asFloat());
        // a copy: changing the combined network afterwards leaves the standalone generator as it was
        INDArray before = net.output(z, false).dup();
        combined.params().addi(1);
        assertThat(net.output(z, false).data().asFloat()).containsExactly(before.data().asFloat());
        assertThat(alone.standalone()).isSameAs(alone);
    }

    @Test
    void theVerticesAGraphGeneratorNeedsStandAloneWithItsInputs() {
        ComputationGraph combined = combinedGraph();
        ModelGenerator g = Generator.layerOf(combined, "g_out");
        ComputationGraph alone = (ComputationGraph) g.standalone().model();
        assertThat(alone.getConfiguration().getNetworkInputs()).containsExactly("z", "labels");
        assertThat(alone.getConfiguration().getNetworkOutputs()).containsExactly("g_out");
        assertThat(alone.getConfiguration().getVertices().keySet()).containsExactlyInAnyOrder("zin", "g1", "g_out");
        LatentSpec latent = LatentSpec.normal(4, 9).withClasses(3);
        INDArray z = latent.latents(0, 6);
        INDArray labels = latent.labels(0, 6);
        INDArray expected = g.sample(z, labels);
        assertThat(alone.outputSingle(false, z, labels).data().asFloat()).containsExactly(expected.data().asFloat());
        assertThat(g.snapshot().sample(z, labels).data().asFloat()).containsExactly(expected.data().asFloat());
    }

    @Test
    void aPartIsFoundAgainInARestoredNetwork() {
        MultiLayerNetwork combined = combinedMln();
        ModelGenerator g = ModelGenerator.of(combined, new ModelGenerator.Part(1, null));
        INDArray z = LatentSpec.normal(4, 2).latents(0, 3);
        assertThat(g.sample(z, null).data().asFloat())
                .containsExactly(Generator.layerOf(combined, 1).sample(z, null).data().asFloat());
        assertThat(ModelGenerator.of(combined, new ModelGenerator.Part(3, null)).part().whole())
                .as("the last layer is the whole network").isTrue();
        assertThatThrownBy(() -> ModelGenerator.of(combined, new ModelGenerator.Part(-1, "g_out")))
                .hasMessageContaining("a MultiLayerNetwork has layers, not vertices");
        assertThatThrownBy(() -> Generator.layerOf(combinedGraph(), "nope")).hasMessageContaining("no vertex 'nope'");
        assertThatThrownBy(() -> new ModelGenerator.Part(2, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
