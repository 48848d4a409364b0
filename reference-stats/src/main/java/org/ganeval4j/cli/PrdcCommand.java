package org.ganeval4j.cli;

import java.io.PrintWriter;
import org.ganeval4j.metric.DensityCoverage;
import org.ganeval4j.metric.DensityCoverageResult;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ganeval4j prdc REAL FAKE}: precision, recall, density and coverage (Naeem et al.), as prdc. */
@Command(name = "prdc", mixinStandardHelpOptions = true,
        description = {"Precision, recall, density and coverage (Naeem et al. 2020) of FAKE against REAL (images, or .npy",
                "feature matrices), k-NN radii with strict <, as the prdc package. Prints the four values, one per line."})
final class PrdcCommand extends RealFakeCommand {
    @Option(names = "--k", defaultValue = "5", description = "Neighbourhood size (default ${DEFAULT-VALUE}).")
    int k;

    @Override
    void run(FeatureMatrix r, FeatureMatrix f, PrintWriter out) {
        DensityCoverageResult d = DensityCoverage.builder().k(k).build().compute(r, f);
        emit(out, fields("precision", d.precision(), "recall", d.recall(), "density", d.density(), "coverage",
                d.coverage()), fields("k", k));
    }
}
