package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.assets.Assets;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.ganeval4j.stats.GaussianStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ganeval4j bench listener}: what attaching the metrics listener costs a real training run —
 * the reference GAN on MNIST trained for {@code --iterations} with and without the listener at a
 * schedule, and the seconds of one evaluation at each {@code --samples} count.
 */
@Command(name = "listener", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Training time of the reference DCGAN on MNIST with and without the metrics listener, and the cost of"
                + " one evaluation at N samples.")
final class BenchListenerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExtractorOptions extractor;

    @Option(names = "--iterations", defaultValue = "5000", description = "Training iterations per run (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--eval-every", defaultValue = "5000",
            description = "Schedule of the run with the listener (default ${DEFAULT-VALUE}, the listener's default).")
    int evalEvery;

    @Option(names = "--eval-samples", defaultValue = "1000",
            description = "Samples per evaluation in the run with the listener (default ${DEFAULT-VALUE}).")
    int evalSamples;

    @Option(names = "--samples", split = ",", defaultValue = "500,1000",
            description = "Sample counts to time one evaluation at (default ${DEFAULT-VALUE}).")
    int[] samples;

    @Option(names = "--architecture", defaultValue = "DCGAN", description = "DCGAN or MLP (default ${DEFAULT-VALUE}).")
    GanConfig.Architecture architecture;

    @Option(names = "--data", description = "28×28 gray training images (default: MNIST from the assets).")
    Path data;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || evalEvery < 1 || evalSamples < 2) {
            throw new BadInputException("expected --iterations >= 1, --eval-every >= 1, --eval-samples >= 2");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = data != null ? data : AssetResolver.fromEnvironment().resolve(Assets.MNIST_T10K_IMAGES);
        ImageDataset mnist;
        try (ImageSource s = ImageSources.open(file, ImageSources.Options.defaults().withLimit(2000, 1))) {
            mnist = ImageDataset.load(s, 0);
        }
        GanConfig config = architecture == GanConfig.Architecture.MLP ? GanConfig.mnistMlp(1) : GanConfig.mnistDcgan(1);
        ObjectNode o = Json.object();
        o.put("architecture", config.architecture().name());
        o.put("iterations", iterations);
        o.put("threads", Runtime.getRuntime().availableProcessors());
        try (FeatureExtractor fx = extractor.create(err)) {
            o.put("extractor", fx.spec().id());
            GaussianStats reference = ReferenceStatistics.compute(fx, mnist.canonicalBatches(100), "mnist");
            try (FrechetMetric fd = new FrechetMetric(reference, fx)) {
                double plain = train(config, mnist, null);
                Gan gan = Gan.build(config);
                GanEvaluator evaluator = GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(1))
                        .samples(evalSamples).metric(fd).build();
                Path tmp = Files.createTempDirectory("ganeval4j-bench");
                GanMetricsListener listener = GanMetricsListener.builder(evaluator)
                        .schedule(new EvaluationSchedule(evalEvery, 0, false)).outputDirectory(tmp).build();
                double with = train(config, mnist, gan, listener);
                listener.finish();
                o.put("train_without_listener_s", plain);
                o.put("train_with_listener_s", with);
                o.put("eval_every", evalEvery);
                o.put("eval_samples", evalSamples);
                o.put("evaluations", listener.evaluationCount());
                o.put("overhead_percent", 100 * (with - plain) / plain);
                ArrayNode costs = o.putArray("evaluation_s");
                for (int n : samples) {
                    GanEvaluator e = GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(1)).samples(n)
                            .metric(fd).build();
                    e.evaluate(0, 0);
                    long t0 = System.nanoTime();
                    e.evaluate(0, 0);
                    ObjectNode c = costs.addObject();
                    c.put("samples", n);
                    c.put("seconds", (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        if (json) {
            out.println(Json.write(o));
        } else {
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(c -> out.println("evaluation_s samples=" + c.get("samples") + " " + c.get("seconds")));
                } else {
                    out.println(e.getKey() + " " + e.getValue().asText());
                }
            });
        }
        return 0;
    }

    private double train(GanConfig config, ImageDataset mnist, Gan existing) {
        return train(config, mnist, existing, null);
    }

    private double train(GanConfig config, ImageDataset mnist, Gan existing, GanMetricsListener listener) {
        Gan gan = existing != null ? existing : Gan.build(config);
        if (listener != null) {
            gan.combined().addListeners(listener);
        }
        Random rng = new Random(1);
        for (int i = 0; i < 5; i++) {
            gan.step(mnist.trainingBatch(rng, config.batchSize(), gan.imageFormat()));
        }
        long t0 = System.nanoTime();
        for (int i = 5; i < iterations + 5; i++) {
            gan.step(mnist.trainingBatch(rng, config.batchSize(), gan.imageFormat()));
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
