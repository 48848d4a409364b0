package org.ganeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.ModelGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** HYPE's FAKE input may be a saved generator: its samples are those {@code ganeval4j sample} writes. */
class HypeGeneratorInputTest {
    @Test
    void aSavedGeneratorIsSampledLikeTheSampleCommand(@TempDir Path dir) throws Exception {
        var conf = new NeuralNetConfiguration.Builder().seed(4).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(3 * 6 * 6).activation(Activation.TANH).build())
                .setInputType(InputType.feedForward(5)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ImageFormat format = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 3, 6, 6);
        LatentSpec latent = LatentSpec.normal(5, 11);
        Path zip = dir.resolve("best-generator.zip");
        SavedGenerator.write(zip, Generator.of(net), new GeneratorRecord(latent, format, ModelGenerator.Part.WHOLE, null,
                null));

        HypeCommand.Side side = HypeCommand.fakeImages(zip, 130, 1, new PrintWriter(new StringWriter()));
        assertThat(side.rgb()).hasSize(130);
        assertThat(side.height()).isEqualTo(6);
        assertThat(side.width()).isEqualTo(6);
        INDArray expected = format.toCanonical(net.output(latent.latents(129, 1), false));
        byte[] last = side.rgb().get(129);
        float[] e = expected.dup('c').data().asFloat();
        for (int px = 0; px < 36; px++) {
            for (int ch = 0; ch < 3; ch++) {
                assertThat(last[px * 3 + ch] & 0xFF).isEqualTo(Math.round(e[ch * 36 + px]));
            }
        }
        assertThat(List.copyOf(side.rgb())).doesNotHaveDuplicates();
    }
}
