package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.metric.DensityCoverage;
import org.ganeval4j.metric.DensityCoverageResult;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ganeval4j prdc REAL FAKE}: precision, recall, density and coverage (Naeem et al.), as prdc. */
@Command(name = "prdc", mixinStandardHelpOptions = true,
        description = {"Precision, recall, density and coverage (Naeem et al. 2020) of FAKE against REAL .npy feature",
                "matrices, k-NN radii with strict <, as the prdc package. Prints the four values, one per line."})
final class PrdcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REAL")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE")
    Path fake;

    @Option(names = "--k", defaultValue = "5", description = "Neighbourhood size (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FeatureMatrix r = FeatureInputs.load(real);
        FeatureMatrix f = FeatureInputs.load(fake);
        FeatureInputs.requireSameDim(real, r, fake, f);
        DensityCoverageResult d = DensityCoverage.builder().k(k).build().compute(r, f);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("precision", d.precision());
            o.put("recall", d.recall());
            o.put("density", d.density());
            o.put("coverage", d.coverage());
            o.put("k", k);
            out.println(Json.write(o));
        } else {
            out.println(d.precision());
            out.println(d.recall());
            out.println(d.density());
            out.println(d.coverage());
        }
        return 0;
    }
}
