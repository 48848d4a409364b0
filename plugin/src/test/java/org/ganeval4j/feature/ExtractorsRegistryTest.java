package org.ganeval4j.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.image.InputRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One registry of extractor names (issue 17): built-in names are reserved, so a user model can never
 * be labelled FID or FD-SqueezeNet; registered extractors are built and named through it.
 */
class ExtractorsRegistryTest {
    private static Dl4jModelExtractor.Builder model(String name) {
        var conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Dl4jModelExtractor.builder(name, net).layer(0).channels(1).inputRange(InputRange.ZERO_ONE).imageSize(8, 8);
    }

    @Test
    void builtInNamesAreReservedForUserModels() {
        for (String reserved : new String[] {"squeezenet", "alexnet", "fid-inception", "SqueezeNet"}) {
            assertThatThrownBy(() -> model(reserved).build()).as(reserved).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is reserved");
        }
        assertThat(model("xray-cnn").build().spec().extractor()).isEqualTo("xray-cnn");
        assertThatThrownBy(() -> model("two words").build()).hasMessageContaining("letters, digits");
    }

    @Test
    void distancesAreNamedInOnePlace() {
        assertThat(Extractors.distanceName("fid-inception")).isEqualTo("FID");
        assertThat(Extractors.distanceName((String) null)).as("pytorch-fid statistics say nothing").isEqualTo("FID");
        assertThat(Extractors.distanceName("squeezenet")).isEqualTo("FD-SqueezeNet");
        assertThat(Extractors.distanceName("alexnet")).isEqualTo("FD-AlexNet");
        assertThat(Extractors.distanceName("xray-cnn")).isEqualTo("FD-xray-cnn");
        assertThat(Extractors.distanceMetadata("squeezenet")).containsEntry("distance", "FD-SqueezeNet")
                .hasEntrySatisfying("note", n -> assertThat(n).contains("not comparable to published FID"));
        assertThat(Extractors.distanceMetadata("fid-inception")).containsOnlyKeys("distance");
    }

    @Test
    void aRegisteredExtractorIsBuiltByName() throws Exception {
        Extractors.register("registry-test-cnn", c -> model("registry-test-cnn").build());
        assertThat(Extractors.names()).startsWith("fid-inception", "squeezenet", "alexnet").contains("registry-test-cnn");
        try (FeatureExtractor fx = Extractors.create(Extractors.Choice.of("registry-test-cnn"))) {
            assertThat(fx.spec().extractor()).isEqualTo("registry-test-cnn");
        }
        assertThatThrownBy(() -> Extractors.register("registry-test-cnn", c -> null)).hasMessageContaining("already");
        assertThatThrownBy(() -> Extractors.register("alexnet", c -> null)).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Extractors.Choice.of("nope")).hasMessageContaining("unknown extractor 'nope'");
    }
}
