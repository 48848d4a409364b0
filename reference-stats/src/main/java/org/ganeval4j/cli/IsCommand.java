package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.metric.InceptionScoreResult;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ganeval4j is LOGITS.npy}: Inception Score, as torch-fidelity. */
@Command(name = "is", mixinStandardHelpOptions = true,
        description = {"Inception Score of a .npy logits matrix (rows = samples), or of images (a folder, .tar.gz, IDX,"
                + " uint8 .npy or float .npy with --range) through the FID Inception network's logits_unbiased, as torch-fidelity 0.4. Prints the"
                + " mean, then the standard deviation over splits."})
final class IsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Option(names = "--splits", defaultValue = "10", description = "Splits (default ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--no-shuffle", description = "Split the rows in file order.")
    boolean noShuffle;

    @Option(names = "--seed", defaultValue = "2020", description = "numpy RandomState seed of the shuffle (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    /** The FID Inception network's {@code logits_unbiased} of every image, one row per image in the source's order. */
    static FeatureMatrix inceptionLogits(Path images, org.ganeval4j.image.InputRange range, Path weights, String resize,
                                         int batch, boolean progress, java.io.PrintWriter err) throws java.io.IOException {
        var choice = new org.ganeval4j.feature.Extractors.Choice(org.ganeval4j.feature.FidInceptionV3.ID, weights,
                org.ganeval4j.preprocess.ResizeMode.fromId(resize), null, batch);
        try (var net = org.ganeval4j.feature.Extractors.create(choice);
             var source = ImageInputs.open(images, 0, 0, range)) {
            String out = org.ganeval4j.eval.InceptionScoreMetric.LOGITS;
            return ImageInputs.features(source, net, batch, java.util.Set.of(out), progress, err).get(out);
        } catch (org.ganeval4j.assets.AssetUnavailableException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        FeatureMatrix x = ImageInputs.isImages(logits)
                ? inceptionLogits(logits, range.get(), weights, resize, batch, progress, spec.commandLine().getErr())
                : FeatureInputs.load(logits);
        InceptionScoreResult r = InceptionScore.builder().splits(splits).shuffle(!noShuffle).seed(seed).build().compute(x);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("isc_mean", r.mean());
            o.put("isc_std", r.std());
            o.put("splits", splits);
            o.put("shuffle", !noShuffle);
            o.put("seed", seed);
            o.put("n", x.rows());
            o.put("classes", x.cols());
            out.println(Json.write(o));
        } else {
            out.println(r.mean());
            out.println(r.std());
        }
        return 0;
    }
}
