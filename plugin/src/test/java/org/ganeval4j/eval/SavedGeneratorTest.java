package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.ModelGenerator;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saved generators: the generator alone with its record, loadable by plain DL4J; no internal class
 * in a saved configuration; a file written by version 0.1 (a frozen fixture) keeps loading.
 */
class SavedGeneratorTest {
    /** The frozen fixture (written once by {@link #main}; never regenerate it: it proves old files load). */
    static final String FIXTURE = "generator-v1.zip";
    /** Its samples for {@link #FIXTURE_LATENT}'s rows 0..4. */
    static final String FIXTURE_SAMPLES = "generator-v1-samples.npy";
    static final LatentSpec FIXTURE_LATENT = LatentSpec.normal(4, 3);

    static GeneratorRecord record(LatentSpec latent, ImageFormat format, ModelGenerator.Part part) {
        return new GeneratorRecord(latent, format, part, new GeneratorRecord.Settings(100, 50,
                List.of(MetricSpec.parse("fid:extractor=squeezenet:reference=reference-FD.npz"),
                        MetricSpec.parse("lpips-diversity:net=squeeze:pairs=all"))),
                new GeneratorRecord.Recorded(40, 1, Map.of("FD-SqueezeNet", 12.5)));
    }

    @Test
    void aCombinedNetworksGeneratorIsSavedAloneWithItsRecord(@TempDir Path dir) throws Exception {
        Gan gan = Gan.build(GanConfig.mnistDcgan(3));
        GeneratorRecord r = record(gan.latentSpec(8), gan.imageFormat(), gan.generator().part());
        Path file = dir.resolve("g.zip");
        SavedGenerator.write(file, gan.generator(), r);

        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        assertThat(plain.getLayerWiseConfigurations().toJson()).doesNotContain("org.ganeval4j");
        INDArray z = gan.latentSpec(8).latents(0, 4);
        assertThat(plain.output(z, false).data().asFloat()).containsExactly(gan.generator().sample(z, null).data().asFloat());

        SavedGenerator saved = SavedGenerator.read(file);
        assertThat(saved.record()).contains(r);
        assertThat(saved.generator().sample(z, null).data().asFloat())
                .containsExactly(gan.generator().sample(z, null).data().asFloat());
        assertThat(GeneratorRecord.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.toJsonString()),
                "json")).isEqualTo(r);
    }

    @Test
    void aGeneratorNamingAnInternalClassIsRefused(@TempDir Path dir) {
        // the reference DCGAN's discriminator uses gan.internal.Conv2dOpLayer: saving the whole combined network
        // would make every saved model depend on an internal class name
        Gan gan = Gan.build(GanConfig.mnistDcgan(3));
        ModelGenerator whole = Generator.of(gan.combined());
        assertThatThrownBy(() -> SavedGenerator.write(dir.resolve("x.zip"), whole,
                record(gan.latentSpec(1), gan.imageFormat(), whole.part())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("org.ganeval4j.gan.internal.Conv2dOpLayer").hasMessageContaining("internal");
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    @Test
    void otherFilesAreRefusedNamingThem(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertThatThrownBy(() -> SavedGenerator.read(text)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("notes.zip").hasMessageContaining("not a zip archive");
        Path zip = dir.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write(1);
        }
        assertThatThrownBy(() -> SavedGenerator.read(zip)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("not a DL4J model zip");
        assertThatThrownBy(() -> SavedGenerator.read(dir.resolve("absent.zip")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void theFrozenVersionOneFileKeepsLoading(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(FIXTURE);
        try (InputStream in = SavedGeneratorTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as("fixture %s", FIXTURE).isNotNull();
            Files.copy(in, file);
        }
        Path samples = dir.resolve(FIXTURE_SAMPLES);
        try (InputStream in = SavedGeneratorTest.class.getResourceAsStream(FIXTURE_SAMPLES)) {
            Files.copy(in, samples);
        }
        SavedGenerator saved = SavedGenerator.read(file);
        GeneratorRecord r = saved.record().orElseThrow();
        assertThat(r.latent()).isEqualTo(FIXTURE_LATENT);
        assertThat(r.format()).isEqualTo(ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 1, 4, 4));
        assertThat(r.trainedPart()).isEqualTo(new ModelGenerator.Part(1, null));
        assertThat(r.evaluation().metrics()).extracting(MetricSpec::kind).containsExactly("fid", "lpips-diversity");
        float[] expected = Npy.read(samples).toFloatArray();
        assertThat(saved.generator().sample(r.latent().latents(0, 5), null).data().asFloat()).containsExactly(expected);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            String conf = new String(zip.getInputStream(zip.getEntry("configuration.json")).readAllBytes());
            assertThat(conf).as("a saved model names no ganeval4j class").doesNotContain("org.ganeval4j");
        }
    }

    /**
     * Writes the frozen fixture into {@code args[0]} (done once, for version 0.1: a 4 → 6 → 16 tanh
     * generator that was layers 0..1 of a combined network).
     */
    public static void main(String[] args) throws Exception {
        var conf = new NeuralNetConfiguration.Builder().seed(17).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build())
                .setInputType(InputType.feedForward(4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path dir = Path.of(args[0]);
        ImageFormat format = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 1, 4, 4);
        SavedGenerator.write(dir.resolve(FIXTURE), Generator.of(net),
                record(FIXTURE_LATENT, format, new ModelGenerator.Part(1, null)));
        INDArray s = net.output(FIXTURE_LATENT.latents(0, 5), false);
        Npy.write(org.ganeval4j.io.NpyArray.ofFloats(s.dup('c').data().asFloat(), 5, 16), dir.resolve(FIXTURE_SAMPLES));
    }
}
