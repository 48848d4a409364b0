package org.ganeval4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.arbiter.GanMetricScoreFunction;
import org.ganeval4j.arbiter.GanSweep;
import org.ganeval4j.arbiter.GanTaskCreator;
import org.ganeval4j.arbiter.HyperparameterSpace;
import org.ganeval4j.arbiter.SweepResult;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.examples.owngan.GraphGan;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.stats.GaussianStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Bring your own GAN: an Arbiter random search over a GAN that is not ganeval4j's — {@link GraphGan},
 * a {@code ComputationGraph} generator and discriminator of its own — over its learning rates and
 * width, scored by the Fréchet distance. The GAN implements {@code TrainableGan}; its factory reads the
 * candidate's values by name; ganeval4j trains each candidate with the metrics listener, stops hopeless
 * ones, records failures, and keeps the best generator (alone) in {@code best-generator.zip}, which
 * {@code ganeval4j eval} re-evaluates.
 */
@Command(name = "OwnGanSweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Arbiter random search over a user-defined ComputationGraph GAN on MNIST, minimising the Fréchet"
                + " distance.")
public final class OwnGanSweep implements Callable<Integer> {
    @Mixin
    ExampleOptions options;

    @Option(names = "--candidates", defaultValue = "4", description = "candidates to try (default ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--extractor", defaultValue = "mnist-cnn",
            description = "FD features: " + FdExtractors.IDS + " (default ${DEFAULT-VALUE})")
    String extractor;

    public static void main(String[] args) {
        QuietStdout.install();
        System.exit(new CommandLine(new OwnGanSweep()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path out = options.outputFolder("own-gan-sweep");
        ImageDataset mnist = Examples.loadImages(options, o);
        try (FeatureExtractor features = FdExtractors.create(extractor, o)) {
            GaussianStats reference = ReferenceStatistics.compute(features, mnist.canonicalBatches(250),
                    "mnist-t10k-" + mnist.size());
            try (FrechetMetric fd = new FrechetMetric(reference, features)) {
                // the searched values reach GraphGan's factory by name
                HyperparameterSpace space = HyperparameterSpace.builder()
                        .logUniform(GraphGan.GENERATOR_LR, 1e-4, 2e-3)
                        .discrete(GraphGan.HIDDEN, 64, 128, 256)
                        .build();
                GanTaskCreator tasks = GanTaskCreator.builder(GraphGan.factory(mnist, options.seed), out)
                        .metric(fd).samples(ExampleOptions.or(options.samples, 500))
                        .iterations(ExampleOptions.or(options.iterations, 300))
                        .evaluateEvery(ExampleOptions.or(options.evalEvery, 50))
                        .stopWhen(TerminationCondition.patience(3)).stopWhen(TerminationCondition.consecutiveFailures(1))
                        .build();
                SweepResult result = GanSweep.randomSearch(space, tasks, GanMetricScoreFunction.of(fd), candidates)
                        .seed(options.seed).report(o).build().run();
                o.println("re-evaluate the best generator: ganeval4j eval " + out.resolve("best-generator.zip"));
                return result.best().isPresent() ? 0 : 1;
            }
        }
    }
}
