package org.ganeval4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.LpipsDiversity;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsNet;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.sink.ChartSink;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.sink.SampleGridSink;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.ui.UiSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main example: a DCGAN trained on MNIST (from the asset directory) with ganeval4j attached.
 * Every {@code --eval-every} iterations the listener draws {@code --samples} images from a fixed,
 * seeded latent batch and records the Fréchet distance of their features against reference
 * statistics of the training images (FD-SqueezeNet by default; FID with {@code --extractor
 * fid-inception} when its weights resolve) and LPIPS diversity (squeeze, random pairs); it logs each
 * evaluation, appends {@code metrics.csv}/{@code metrics.jsonl}, redraws the PNG charts and sample
 * grid, feeds the DL4J UI page, saves the best generator and stops when the FD has not improved for
 * {@code --patience} evaluations.
 */
@Command(name = "DcganMnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a DCGAN on MNIST with ganeval4j's listener: FD + LPIPS diversity, history, charts, UI, early stopping.")
public final class DcganMnist implements Callable<Integer> {
    @Mixin
    ExampleOptions options;

    @Option(names = "--extractor", defaultValue = "squeezenet",
            description = "FD features: squeezenet (FD-SqueezeNet, no download), alexnet, or fid-inception (FID; needs the"
                    + " pt_inception weights, slow on CPU) (default ${DEFAULT-VALUE})")
    String extractor;

    @Option(names = "--patience", defaultValue = "8",
            description = "stop after this many evaluations without an FD improvement (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--architecture", defaultValue = "DCGAN", description = "DCGAN or MLP (default ${DEFAULT-VALUE})")
    GanConfig.Architecture architecture;

    @Option(names = "--lr-generator", description = "Adam learning rate of the generator (default: the preset's)")
    Double lrGenerator;

    @Option(names = "--lr-discriminator", description = "Adam learning rate of the discriminator (default: the preset's)")
    Double lrDiscriminator;

    public static void main(String[] args) {
        QuietStdout.install();
        System.exit(new CommandLine(new DcganMnist()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int iterations = ExampleOptions.or(options.iterations, 1500);
        int evalEvery = ExampleOptions.or(options.evalEvery, 150);
        int samples = ExampleOptions.or(options.samples, 250);
        Path out = options.outputFolder("dcgan-mnist");

        ImageDataset data = Examples.loadImages(options, log);
        GanConfig preset = architecture == GanConfig.Architecture.MLP ? GanConfig.mnistMlp(options.seed)
                : GanConfig.mnistDcgan(options.seed);
        GanConfig config = preset.withLearningRates(lrGenerator != null ? lrGenerator : preset.generatorLr(),
                lrDiscriminator != null ? lrDiscriminator : preset.discriminatorLr());
        if (data.channels() != config.channels() || data.height() != config.height() || data.width() != config.width()) {
            throw new IllegalArgumentException("this example trains on 28×28 gray images, got " + data.channels() + "×"
                    + data.height() + "×" + data.width());
        }
        try (FeatureExtractor fdFeatures = FdExtractors.create(extractor, log);
             Lpips lpips = Lpips.load(LpipsNet.SQUEEZE)) {
            long t0 = System.nanoTime();
            GaussianStats reference = ReferenceStatistics.compute(fdFeatures, data.canonicalBatches(100),
                    "mnist-t10k-" + data.size());
            log.printf("reference statistics: %d images, %s, %.0f s%n", reference.count(), fdFeatures.spec().id(),
                    (System.nanoTime() - t0) / 1e9);

            Gan gan = Gan.build(config);
            try (FrechetMetric fd = new FrechetMetric(reference, fdFeatures)) {
                GanEvaluator evaluator = GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(options.seed))
                        .samples(samples).batchSize(50)
                        .metric(fd)
                        .metric(LpipsDiversity.builder(lpips).pairs(PairSelection.random(2000, options.seed)).build())
                        .build();
                GanMetricsListener.Builder lb = GanMetricsListener.builder(evaluator)
                        .schedule(EvaluationSchedule.everyIterations(evalEvery)).outputDirectory(out)
                        .monitor(MetricMonitor.builder(fd.name()).stopWhen(TerminationCondition.patience(patience)).build())
                        .saveBestModel(true);
                UiSink ui = Examples.startUi(options, out, "DcganMnist-" + out.getFileName(), log);
                if (ui != null) {
                    lb.sink(ui);
                }
                GanMetricsListener listener = lb.build();
                gan.combined().addListeners(listener);
                log.printf("training a %s for up to %d iterations; %s and LPIPS diversity every %d iterations on %d samples%n",
                        config.architecture(), iterations, fd.name(), evalEvery, samples);
                if (!fd.name().equals("FID")) {
                    log.println(fd.name() + " is a Fréchet distance on " + fdFeatures.spec().extractor()
                            + " features: it tracks this run's progress but is not comparable to published FID.");
                }
                listener.evaluateNow(0, 0);
                Random rng = new Random(options.seed);
                long start = System.nanoTime();
                int done = 0;
                while (done < iterations && !listener.shouldStop()) {
                    gan.step(data.trainingBatch(rng, config.batchSize(), gan.imageFormat()));
                    done++;
                }
                listener.finish();
                double seconds = (System.nanoTime() - start) / 1e9;
                log.printf("trained %d iterations in %.0f s%s%n", done, seconds,
                        listener.stopReason().map(r -> " (stopped early: " + r + ")").orElse(""));
                listener.monitor().flatMap(m -> m.best()).ifPresent(b -> log.printf("best %s %.4g at iteration %d%n",
                        b.name(), b.value(), b.iteration()));
                MetricResult last = listener.latest().orElseThrow().result(fd.name());
                log.printf("last %s %s%n", fd.name(), last.ok() ? String.format("%.4g", last.value()) : "FAILED: " + last.failure());
                log.println("outputs in " + out.toAbsolutePath() + ":");
                log.println("  " + MetricHistory.CSV + ", " + MetricHistory.JSONL + "   metric history");
                log.println("  " + ChartSink.fileName(fd.name()) + ", " + ChartSink.fileName(LpipsDiversity.NAME)
                        + "   curves");
                log.println("  " + SampleGridSink.FILE + "   latest samples");
                log.println("  " + BestModelSaver.MODEL + ", " + BestModelSaver.RECORD + "   best generator");
                log.println("  reference-" + fd.name() + ".npz   reference statistics (ganeval4j fid/inspect read it)");
                log.println("  " + GanMetricsListener.EVALUATION_RECORD
                        + "   how the evaluation is made (ganeval4j eval best-generator.zip repeats it)");
                if (ui != null) {
                    log.println("  ui-stats.bin   DL4J UI storage (reopen with FileStatsStorage)");
                }
                Examples.holdUi(options, ui != null, out, log);
            }
        }
        return 0;
    }
}
