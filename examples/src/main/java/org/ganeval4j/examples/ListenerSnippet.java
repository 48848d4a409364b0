package org.ganeval4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.ganeval4j.ui.UiSink;

/** The README's listener snippet, compiled with the examples (and by CI's project outside this repository). */
public final class ListenerSnippet {
    private ListenerSnippet() {
    }

    /**
     * Attaches ganeval4j to a GAN in DL4J's combined-network pattern: {@code ganNet} holds the generator's
     * layers 0..{@code generatorOutputLayer} followed by the discriminator's layers (frozen), and its fit()
     * trains the generator on 28×28 gray images in [-1, 1] from 100-dimensional normal latents.
     */
    public static GanMetricsListener attach(MultiLayerNetwork ganNet, int generatorOutputLayer, Path referenceStats,
                                            Path out) throws IOException {
        // FID Inception when its weights resolve, else FD-SqueezeNet (3 MB, in the offline assets)
        FeatureExtractor features = Extractors.preferred(AssetResolver.fromEnvironment()).extractor();
        // statistics of the real images from `ganeval4j stats`, made with the same extractor (checked)
        FrechetMetric fid = FrechetMetric.fromFile(referenceStats, features);
        GanEvaluator evaluator = GanEvaluator.builder(Generator.layerOf(ganNet, generatorOutputLayer),
                        ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 1, 28, 28),
                        LatentSpec.normal(100, 42))
                .samples(500).metric(fid).build();
        GanMetricsListener metrics = GanMetricsListener.builder(evaluator)
                .schedule(EvaluationSchedule.everyIterations(500)).outputDirectory(out)
                .monitor(MetricMonitor.builder(fid.name()).stopWhen(TerminationCondition.patience(5)).build())
                .saveBestModel(true).build();
        ganNet.addListeners(metrics); // then: train while !metrics.shouldStop(); metrics.finish() at the end
        return metrics;
    }

    /** The same listener with the DL4J UI page (needs deeplearning4j-vertx; the UI listens on port 9000). */
    public static GanMetricsListener.Builder withUi(GanMetricsListener.Builder builder) {
        UIServer ui = UIServer.getInstance();
        StatsStorage storage = new InMemoryStatsStorage();
        ui.attach(storage);
        return builder.sink(UiSink.to(storage, "my-gan", "my GAN")); // http://localhost:9000/ganeval4j
    }
}
