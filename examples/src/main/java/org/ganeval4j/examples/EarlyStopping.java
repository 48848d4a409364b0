package org.ganeval4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.api.Model;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.ui.UiSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Early stopping of a GAN loop on a ganeval4j metric: the listener's monitor stops training when the
 * Fréchet distance has not improved by {@code --min-delta} for {@code --patience} evaluations, when
 * it reaches {@code --target}, or after {@code --max-minutes}; the generator is saved whenever the
 * FD improves, and at the end the saved best generator is restored and evaluated again, reproducing
 * the recorded best value. (For DL4J's own {@code EarlyStoppingTrainer} — which can drive a GAN when
 * the discriminator step runs inside its training iterator — see {@link Dl4jEarlyStopping}, with
 * {@code GanScoreCalculator} and {@code MonitorTerminationCondition}.)
 */
@Command(name = "EarlyStopping", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Early stopping of a GAN on MNIST by the Fréchet distance: patience, target, time limit, best model.")
public final class EarlyStopping implements Callable<Integer> {
    @Mixin
    ExampleOptions options;

    @Option(names = "--extractor", defaultValue = "squeezenet",
            description = "FD features: " + FdExtractors.IDS + " (default ${DEFAULT-VALUE})")
    String extractor;

    @Option(names = "--patience", defaultValue = "3", description = "evaluations without improvement (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--min-delta", defaultValue = "1.0",
            description = "an improvement counts when it is at least this large (FD units) (default ${DEFAULT-VALUE})")
    double minDelta;

    @Option(names = "--target", description = "stop once the FD reaches this value")
    Double target;

    @Option(names = "--max-minutes", defaultValue = "10", description = "time limit in minutes (default ${DEFAULT-VALUE})")
    double maxMinutes;

    public static void main(String[] args) {
        Examples.main(new EarlyStopping(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int iterations = ExampleOptions.or(options.iterations, 3000);
        int evalEvery = ExampleOptions.or(options.evalEvery, 100);
        int samples = ExampleOptions.or(options.samples, 250);
        Path out = options.outputFolder("early-stopping");

        ImageDataset data = Examples.loadImages(options, log);
        try (FeatureExtractor features = FdExtractors.create(extractor, log)) {
            GaussianStats reference = ReferenceStatistics.compute(features, data.canonicalBatches(100),
                    "mnist-t10k-" + data.size());
            GanConfig config = GanConfig.mnistMlp(options.seed);
            Gan gan = Gan.build(config);
            try (FrechetMetric fd = new FrechetMetric(reference, features)) {
                GanEvaluator evaluator = GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(options.seed))
                        .samples(samples).metric(fd).build();
                MetricMonitor.Builder monitor = MetricMonitor.builder(fd.name()).minDelta(minDelta)
                        .stopWhen(TerminationCondition.patience(patience))
                        .stopWhen(TerminationCondition.maxTime(Duration.ofMillis((long) (maxMinutes * 60_000))))
                        .stopWhen(TerminationCondition.consecutiveFailures(2));
                if (target != null) {
                    monitor.stopWhen(TerminationCondition.target(target));
                }
                GanMetricsListener.Builder lb = GanMetricsListener.builder(evaluator)
                        .schedule(EvaluationSchedule.everyIterations(evalEvery)).outputDirectory(out)
                        .monitor(monitor.build()).saveBestModel(true);
                UiSink ui = Examples.startUi(options, out, "EarlyStopping-" + out.getFileName(), log);
                if (ui != null) {
                    lb.sink(ui);
                }
                GanMetricsListener listener = lb.build();
                gan.combined().addListeners(listener);
                log.printf("training an MLP GAN for up to %d iterations; %s every %d iterations on %d samples; stop after %d"
                        + " evaluations without an improvement of at least %s%n", iterations, fd.name(), evalEvery, samples,
                        patience, minDelta);
                Random rng = new Random(options.seed);
                int done = 0;
                while (done < iterations && !listener.shouldStop()) {
                    gan.step(data.trainingBatch(rng, config.batchSize(), gan.imageFormat()));
                    done++;
                }
                listener.finish();
                log.printf("stopped after %d iterations: %s%n", done,
                        listener.stopReason().orElse("iteration budget used up"));
                MetricResult best = listener.monitor().orElseThrow().best().orElseThrow(
                        () -> new IllegalStateException("no successful evaluation"));
                Model restored = BestModelSaver.restore(out.resolve(BestModelSaver.MODEL));
                Evaluation again = evaluator.evaluate(gan.generator().withModel(restored), best.iteration(), best.epoch());
                log.printf("best %s %.6g at iteration %d; the restored %s re-evaluates to %.6g%n", best.name(), best.value(),
                        best.iteration(), BestModelSaver.MODEL, again.result(fd.name()).value());
                log.println("outputs in " + out.toAbsolutePath() + " (metrics.csv, metrics.jsonl, charts, samples.png, "
                        + BestModelSaver.MODEL + ", " + BestModelSaver.RECORD + ")");
                Examples.holdUi(options, ui != null, out, log);
            }
        }
        return 0;
    }
}
