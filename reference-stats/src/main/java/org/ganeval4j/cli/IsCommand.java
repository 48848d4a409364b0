package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.metric.InceptionScoreResult;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ganeval4j is LOGITS.npy}: Inception Score, as torch-fidelity. */
@Command(name = "is", mixinStandardHelpOptions = true,
        description = {"Inception Score of a .npy logits matrix (rows = samples), or of images (a folder, .tar.gz, IDX,"
                + " uint8 .npy or float .npy with --range) through the FID Inception network's logits_unbiased, as torch-fidelity 0.4. Prints the"
                + " mean, then the standard deviation over splits."})
final class IsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LogitsInput input;

    @Option(names = "--splits", defaultValue = "10", description = "Splits (default ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--no-shuffle", description = "Split the rows in file order.")
    boolean noShuffle;

    @Option(names = "--seed", defaultValue = "2020", description = "numpy RandomState seed of the shuffle (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FeatureMatrix x = input.load(spec.commandLine().getErr());
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
