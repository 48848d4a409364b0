package org.ganeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import org.ganeval4j.assets.AssetUnavailableException;
import org.ganeval4j.eval.InceptionScoreMetric;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FidInceptionV3;
import org.ganeval4j.preprocess.ResizeMode;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The input of {@code is} and {@code is-inf} (a picocli mixin): a {@code .npy} logits matrix, or images
 * read through the FID Inception network's {@code logits_unbiased}, with the options images need.
 */
final class LogitsInput {
    @Parameters(index = "0", paramLabel = "LOGITS|INPUT")
    Path logits;

    @Mixin
    RangeOption range;

    @Option(names = "--weights", paramLabel = "FILE", description = "FID Inception weights (default: resolved).")
    Path weights;

    @Option(names = "--resize", paramLabel = "MODE", defaultValue = "tf1",
            description = "Resize mode for images (default ${DEFAULT-VALUE}, as torch-fidelity).")
    String resize;

    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    /** The logits, one row per sample: the {@code .npy} matrix, or the images' in the source's order. */
    FeatureMatrix load(PrintWriter err) throws IOException {
        if (!ImageInputs.isImages(logits)) {
            return FeatureInputs.load(logits);
        }
        var choice = new Extractors.Choice(FidInceptionV3.ID, weights, ResizeMode.fromId(resize), null, batch);
        try (var net = Extractors.create(choice);
             var source = ImageInputs.open(logits, 0, 0, range.get())) {
            String out = InceptionScoreMetric.LOGITS;
            return ImageInputs.features(source, net, batch, Set.of(out), progress, err).get(out);
        } catch (AssetUnavailableException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
