package org.ganeval4j.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * FD with any DL4J model: a {@link MultiLayerNetwork} layer by index or name, a {@link ComputationGraph}
 * vertex by name or layer index; spatial activations average-pooled; the name goes into the statistics'
 * metadata.
 */
class Dl4jModelExtractorTest {
    @TempDir
    java.nio.file.Path dir;

    static MultiLayerNetwork mln() {
        var conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(4).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph graph() {
        var conf = new NeuralNetConfiguration.Builder().seed(4).graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.RELU).build(), "in")
                .addLayer("dense", new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").setInputTypes(InputType.convolutional(8, 8, 3)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    static INDArray images() {
        Nd4j.getRandom().setSeed(9);
        return org.nd4j.linalg.ops.transforms.Transforms.floor(Nd4j.rand(DataType.FLOAT, 5, 3, 8, 8).muli(255), false);
    }

    @Test
    void aMultiLayerNetworkLayerByIndexOrNameGivesItsPooledActivations() {
        MultiLayerNetwork net = mln();
        INDArray x = images();
        Dl4jModelExtractor byIndex = Dl4jModelExtractor.builder("my-cnn", net).layer(1).imageSize(8, 8).build();
        Dl4jModelExtractor byName = Dl4jModelExtractor.builder("my-cnn", net).layer("conv2").imageSize(8, 8).build();
        assertThat(byIndex.spec().dims()).isEqualTo(6);
        assertThat(byName.spec().layer()).isEqualTo("conv2");
        INDArray a = byIndex.extract(x, Set.of(byIndex.spec().layer())).get(byIndex.spec().layer());
        INDArray b = byName.extract(x, Set.of("conv2")).get("conv2");
        assertThat(b.data().asFloat()).containsExactly(a.data().asFloat());
        // independent: the layer's activations on [0, 1] inputs, averaged over H and W
        INDArray act = net.feedForwardToLayer(1, x.div(255.0), false).get(2);
        INDArray expected = act.mean(2, 3);
        assertThat(a.shape()).containsExactly(5, 6);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                assertThat(a.getDouble(i, j)).isCloseTo(expected.getDouble(i, j), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        assertThatThrownBy(() -> Dl4jModelExtractor.builder("my-cnn", net).layer("conv9").imageSize(8, 8).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv9").hasMessageContaining("conv2");
        assertThatThrownBy(() -> Dl4jModelExtractor.builder("my-cnn", net).layer(3).imageSize(8, 8).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 2]").hasMessageContaining("3");
    }

    @Test
    void aComputationGraphVertexByNameOrLayerIndex() {
        ComputationGraph g = graph();
        INDArray x = images();
        Dl4jModelExtractor conv = Dl4jModelExtractor.builder("my-graph", g).layer("conv").imageSize(8, 8).build();
        Dl4jModelExtractor dense = Dl4jModelExtractor.builder("my-graph", g).layer(1).imageSize(8, 8).build();
        assertThat(conv.spec().dims()).isEqualTo(5);
        assertThat(dense.spec().layer()).isEqualTo("dense");
        assertThat(dense.spec().dims()).isEqualTo(7);
        INDArray f = dense.extract(x, Set.of("dense")).get("dense");
        INDArray expected = g.feedForward(new INDArray[] {x.div(255.0)}, false, false).get("dense");
        assertThat(f.shape()).containsExactly(5, 7);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                assertThat(f.getDouble(i, j)).isCloseTo(expected.getDouble(i, j), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        INDArray c = conv.extract(x, Set.of("conv")).get("conv");
        INDArray convExpected = g.feedForward(new INDArray[] {x.div(255.0)}, false, false).get("conv").mean(2, 3);
        assertThat(c.getDouble(2, 3)).isCloseTo(convExpected.getDouble(2, 3), org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> Dl4jModelExtractor.builder("my-graph", g).layer("nope").imageSize(8, 8).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("dense");
    }

    @Test
    void theNameGoesIntoTheStatisticsMetadata() throws Exception {
        Dl4jModelExtractor fx = Dl4jModelExtractor.builder("xray-cnn", mln()).layer("conv2").inputRange(InputRange.MINUS_ONE_ONE)
                .imageSize(8, 8).build();
        GaussianStats s = ReferenceStatistics.compute(fx, List.of(images(), images()).iterator(), "xrays");
        java.nio.file.Path file = dir.resolve("xray.npz");
        StatsFile.write(file, s);
        GaussianStats back = StatsFile.read(file);
        assertThat(back.provenance().extractor()).isEqualTo("xray-cnn");
        assertThat(back.provenance().layer()).isEqualTo("conv2");
        assertThat(back.provenance().datasetId()).isEqualTo("xrays");
        assertThat(Extractors.distanceName(back.provenance().extractor())).isEqualTo("FD-xray-cnn");
        assertThatThrownBy(() -> Dl4jModelExtractor.builder("fid-inception", mln()).layer(1).imageSize(8, 8).build())
                .hasMessageContaining("reserved");
    }
}
