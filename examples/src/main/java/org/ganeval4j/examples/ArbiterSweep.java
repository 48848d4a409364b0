package org.ganeval4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.ganeval4j.arbiter.CandidateOutcome;
import org.ganeval4j.arbiter.GanMetricScoreFunction;
import org.ganeval4j.arbiter.HyperparameterSpace;
import org.ganeval4j.arbiter.GanSweep;
import org.ganeval4j.arbiter.GanTaskCreator;
import org.ganeval4j.arbiter.SweepResult;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.ui.UiSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    ExampleOptions options;

    @Option(names = "--candidates", defaultValue = "6", description = "candidates to try (default ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--patience", defaultValue = "3",
            description = "stop a candidate after this many evaluations without improvement (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--extractor", defaultValue = "mnist-cnn",
            description = "FD features: mnist-cnn (fast, random weights), squeezenet, alexnet (default ${DEFAULT-VALUE})")
    String extractor;

    public static void main(String[] args) {
        QuietStdout.install();
        System.exit(new CommandLine(new ArbiterSweep()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path out = options.outputFolder("arbiter-sweep");
        long seed = options.seed;
        int iterations = ExampleOptions.or(options.iterations, 300);
        int evalEvery = ExampleOptions.or(options.evalEvery, 50);
        int samples = ExampleOptions.or(options.samples, 500);
        ImageDataset mnist = Examples.loadImages(options, o);
        FeatureExtractor features = FdExtractors.create(extractor, o);
        GaussianStats reference = ReferenceStatistics.compute(features, mnist.canonicalBatches(250),
                "mnist-t10k-" + mnist.size());
        try (FrechetMetric fd = new FrechetMetric(reference, features)) {
            o.println(fd.name() + ": a Fréchet distance on " + features.spec().extractor() + " features. It ranks the"
                    + " candidates of this sweep; it is not FID and not comparable to published numbers.");

            HyperparameterSpace space = HyperparameterSpace.builder()
                    .logUniform(GanConfig.GENERATOR_LR, 5e-5, 2e-3)
                    .logUniform(GanConfig.DISCRIMINATOR_LR, 5e-5, 2e-3)
                    .discrete(GanConfig.BETA1, 0.5, 0.9)
                    .discrete(GanConfig.LATENT_DIM, 16, 32, 64)
                    .discrete(GanConfig.WIDTH, 64, 128, 256)
                    .build();
            GanTaskCreator.Builder tasks = GanTaskCreator.builder(Gan.factory(GanConfig.mnistMlp(seed), mnist), out)
                    .metric(fd).samples(samples)
                    .iterations(iterations).evaluateEvery(evalEvery)
                    .stopWhen(TerminationCondition.patience(patience))
                    .stopWhen(TerminationCondition.consecutiveFailures(1));
            StatsStorage storage = Examples.startUiStorage(options, out, "one session per candidate; ", o);
            if (storage != null) {
                tasks.sink(id -> UiSink.to(storage, CandidateOutcome.folderName(id), "ArbiterSweep " + out.getFileName()
                        + ", candidate " + id));
            }
            o.printf("sweep: %d candidates, %d iterations each, %s every %d iterations on %d samples -> %s%n", candidates,
                    iterations, fd.name(), evalEvery, samples, out.toAbsolutePath());

            SweepResult result = GanSweep.randomSearch(space, tasks.build(), GanMetricScoreFunction.of(fd), candidates)
                    .seed(seed).report(o).build().run();

            o.println("outputs in " + out.toAbsolutePath() + ":");
            o.println("  sweep.csv                 one row per candidate: id, hyperparameters, best " + fd.name()
                    + ", iteration, seconds, status");
            o.println("  best-generator.zip, best.json  the best candidate's generator (the generator alone, DL4J format;"
                    + " ganeval4j eval re-evaluates it)");
            o.println("  candidate-<id>/           metrics.csv, metrics.jsonl, charts, samples.png, best-generator.zip,"
                    + " candidate.json");
            Examples.holdUi(options, storage != null, out, o);
            return result.best().isPresent() ? 0 : 1;
        }
    }
}
