package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.eval.FeatureDistances;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.metric.FeatureDistance;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ganeval4j distance A B}: paired distances in feature space. */
@Command(name = "distance", mixinStandardHelpOptions = true,
        description = {"Feature-space distance between image k of A and image k of B (Euclidean or cosine on the"
                + " extractor's features, e.g. the 2048-d FID Inception pool), one per line. A and B: images (a folder,"
                + " .tar.gz, IDX or uint8 .npy, in their order) or .npy feature matrices with as many rows."})
final class DistanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RangeOption range;

    @Parameters(index = "0", paramLabel = "A")
    Path a;

    @Parameters(index = "1", paramLabel = "B")
    Path b;

    @Option(names = "--metric", defaultValue = "euclidean", paramLabel = "euclidean|cosine",
            description = "The distance (default ${DEFAULT-VALUE}).")
    String metric;

    @Mixin
    ExtractorOptions extractor;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--json", description = "Print a JSON object with every distance and their mean.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FeatureDistance.Kind kind = FeatureDistance.Kind.fromId(metric);
        PrintWriter err = spec.commandLine().getErr();
        double[] d;
        String extractorId = null;
        if (ImageInputs.isImages(a) && ImageInputs.isImages(b)) {
            try (FeatureExtractor fx = extractor.create(err);
                 ImageSource sa = ImageInputs.open(a, 0, 0, range.get());
                 ImageSource sb = ImageInputs.open(b, 0, 0, range.get())) {
                extractorId = fx.spec().id();
                d = FeatureDistances.paired(fx, sa, sb, extractor.batch, kind);
                ImageInputs.reportSkipped(sa, err);
                ImageInputs.reportSkipped(sb, err);
            }
        } else if (!ImageInputs.isImages(a) && !ImageInputs.isImages(b)) {
            FeatureMatrix fa = FeatureInputs.load(a);
            FeatureMatrix fb = FeatureInputs.load(b);
            FeatureInputs.requireSameDim(a, fa, b, fb);
            d = FeatureDistance.paired(fa, fb, kind);
        } else {
            throw new BadInputException("A and B must both be images or both be .npy features, found " + a + " and " + b);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            var o = Json.object();
            o.put("metric", kind.id());
            if (extractorId != null) {
                o.put("extractor", extractorId);
            }
            o.put("n", d.length);
            o.put("mean", java.util.Arrays.stream(d).average().orElse(Double.NaN));
            var arr = o.putArray("distances");
            for (double v : d) {
                arr.add(v);
            }
            out.println(Json.write(o));
        } else {
            for (double v : d) {
                out.println(v);
            }
        }
        return 0;
    }
}
