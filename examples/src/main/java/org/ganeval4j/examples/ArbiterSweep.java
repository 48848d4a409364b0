package org.ganeval4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.ganeval4j.arbiter.CandidateOutcome;
import org.ganeval4j.arbiter.GanMetricScoreFunction;
import org.ganeval4j.arbiter.GanSearchSpace;
import org.ganeval4j.arbiter.GanSweep;
import org.ganeval4j.arbiter.GanTaskCreator;
import org.ganeval4j.arbiter.SweepResult;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.Assets;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.ui.UiSink;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An Arbiter random search over a small MLP GAN on MNIST that minimises the Fréchet distance of its
 * samples: learning rates, β1, latent size and layer width are drawn per candidate; each candidate
 * trains with the metrics listener attached, stops early when its FD stops improving or its training
 * diverges, and writes its metric history and best generator into {@code candidate-<id>/}; the sweep
 * writes {@code sweep.csv}, prints the table and keeps the best generator as {@code best-generator.zip}.
 *
 * <p>The features are those of a small fixed CNN with random weights (FD-mnist-cnn): they rank the
 * candidates of one sweep, but the numbers are not FID and not comparable to published values.
 */
@Command(name = "ArbiterSweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Arbiter random search over an MLP GAN on MNIST, minimising the Fréchet distance (FD-mnist-cnn).")
public final class ArbiterSweep implements Callable<Integer> {
    @Option(names = "--candidates", defaultValue = "6", description = "candidates to try (default ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--iterations", defaultValue = "300",
            description = "training iterations per candidate (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--eval-every", defaultValue = "50",
            description = "evaluate every K iterations, and at the end (default ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--samples", defaultValue = "500", description = "generated samples per evaluation (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--images", defaultValue = "2000",
            description = "MNIST images to train on and compute the reference statistics from (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--patience", defaultValue = "3",
            description = "stop a candidate after this many evaluations without improvement (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--out", description = "output folder (default runs/arbiter-sweep-<date-time>); must not hold a sweep")
    Path out;

    @Option(names = "--data", description = "MNIST images (IDX, .gz allowed) instead of the asset directory's")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the search, the GANs and the data (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-ui", description = "do not start the DL4J UI")
    boolean noUi;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ArbiterSweep()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (out == null) {
            out = Path.of("runs", "arbiter-sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        Path mnistFile = AssetResolver.fromEnvironment().resolve(Assets.MNIST_T10K_IMAGES, data);
        ImageDataset mnist;
        try (ImageSource s = ImageSources.open(mnistFile, ImageSources.Options.defaults().withLimit(images, seed))) {
            mnist = ImageDataset.load(s, 0);
        }
        o.printf("MNIST: %d images from %s%n", mnist.size(), mnistFile);

        Dl4jModelExtractor extractor = mnistCnn();
        GaussianStats reference = ReferenceStatistics.compute(extractor, mnist.canonicalBatches(250),
                "mnist-t10k-" + mnist.size());
        try (FrechetMetric fd = new FrechetMetric(reference, extractor)) {
            o.println(fd.name() + ": Fréchet distance on the features of a small fixed CNN with random weights. It ranks the"
                    + " candidates of this sweep; it is not FID and not comparable to published numbers.");

            GanSearchSpace space = GanSearchSpace.builder(GanConfig.mnistMlp(seed))
                    .generatorLr(new ContinuousParameterSpace(new LogUniformDistribution(5e-5, 2e-3)))
                    .discriminatorLr(new ContinuousParameterSpace(new LogUniformDistribution(5e-5, 2e-3)))
                    .beta1(new DiscreteParameterSpace<>(0.5, 0.9))
                    .latentDim(new DiscreteParameterSpace<>(16, 32, 64))
                    .width(new DiscreteParameterSpace<>(64, 128, 256))
                    .build();
            GanTaskCreator.Builder tasks = GanTaskCreator.builder(mnist, out).metric(fd).samples(samples)
                    .iterations(iterations).evaluateEvery(evalEvery)
                    .stopWhen(TerminationCondition.patience(patience))
                    .stopWhen(TerminationCondition.consecutiveFailures(1));
            UIServer ui = null;
            if (!noUi) {
                ui = UIServer.getInstance();
                InMemoryStatsStorage storage = new InMemoryStatsStorage();
                ui.attach(storage);
                tasks.sink(id -> UiSink.to(storage, CandidateOutcome.folderName(id), "ArbiterSweep " + out.getFileName()
                        + ", candidate " + id));
                o.printf("DL4J UI: http://localhost:%d/ganeval4j (one session per candidate; --no-ui to skip)%n", ui.getPort());
            }
            o.printf("sweep: %d candidates, %d iterations each, %s every %d iterations on %d samples -> %s%n", candidates,
                    iterations, fd.name(), evalEvery, samples, out.toAbsolutePath());

            SweepResult result = GanSweep.randomSearch(space, tasks.build(), GanMetricScoreFunction.of(fd), candidates)
                    .seed(seed).report(o).build().run();

            o.println("outputs in " + out.toAbsolutePath() + ":");
            o.println("  sweep.csv                 one row per candidate: hyperparameters, best " + fd.name()
                    + ", iteration, seconds, status");
            o.println("  best-generator.zip, best.json  the best candidate's generator (combined GAN network, DL4J format)");
            o.println("  candidate-<id>/           metrics.csv, metrics.jsonl, charts, samples.png, best-generator.zip,"
                    + " candidate.json");
            if (ui != null) {
                if (System.console() != null) {
                    o.println("The UI stays up at http://localhost:" + ui.getPort() + "/ganeval4j; press Enter to stop.");
                    System.console().readLine();
                }
                ui.stop();
            }
            return result.best().isPresent() ? 0 : 1;
        }
    }

    /**
     * A small fixed CNN (random weights, seed 99) as feature extractor for 28×28 gray images: the 24
     * channels of its second convolution, globally pooled.
     */
    static Dl4jModelExtractor mnistCnn() {
        var conf = new NeuralNetConfiguration.Builder().seed(99).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(24).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Dl4jModelExtractor.builder("mnist-cnn", net).layer(2).channels(1).inputRange(InputRange.ZERO_ONE)
                .imageSize(28, 28).build();
    }
}
