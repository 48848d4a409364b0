package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.metric.PrecisionRecall;
import org.ganeval4j.metric.PrecisionRecallResult;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ganeval4j pr REAL FAKE}: improved precision and recall (Kynkäänniemi et al.), as torch-fidelity. */
@Command(name = "pr", mixinStandardHelpOptions = true,
        description = {"Improved precision and recall (Kynkäänniemi et al. 2019) of FAKE against REAL .npy feature",
                "matrices, k-NN radii with <=, as torch-fidelity 0.4. Prints precision, then recall."})
final class PrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REAL")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE")
    Path fake;

    @Option(names = "--k", defaultValue = "3", description = "Neighbourhood size (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FeatureMatrix r = FeatureInputs.load(real);
        FeatureMatrix f = FeatureInputs.load(fake);
        FeatureInputs.requireSameDim(real, r, fake, f);
        PrecisionRecallResult p = PrecisionRecall.builder().k(k).build().compute(r, f);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("precision", p.precision());
            o.put("recall", p.recall());
            o.put("f_score", p.fScore());
            o.put("count_precision", p.precisionCount());
            o.put("count_recall", p.recallCount());
            o.put("k", k);
            out.println(Json.write(o));
        } else {
            out.println(p.precision());
            out.println(p.recall());
        }
        return 0;
    }
}
