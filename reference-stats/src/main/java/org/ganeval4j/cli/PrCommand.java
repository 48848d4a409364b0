package org.ganeval4j.cli;

import java.io.PrintWriter;
import org.ganeval4j.metric.PrecisionRecall;
import org.ganeval4j.metric.PrecisionRecallResult;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ganeval4j pr REAL FAKE}: improved precision and recall (Kynkäänniemi et al.), as torch-fidelity. */
@Command(name = "pr", mixinStandardHelpOptions = true,
        description = {"Improved precision and recall (Kynkäänniemi et al. 2019) of FAKE against REAL (images, or .npy",
                "feature matrices), k-NN radii with <=, as torch-fidelity 0.4. Prints precision, then recall."})
final class PrCommand extends RealFakeCommand {
    @Option(names = "--k", defaultValue = "3", description = "Neighbourhood size (default ${DEFAULT-VALUE}).")
    int k;

    @Override
    void run(FeatureMatrix r, FeatureMatrix f, PrintWriter out) {
        PrecisionRecallResult p = PrecisionRecall.builder().k(k).build().compute(r, f);
        emit(out, fields("precision", p.precision(), "recall", p.recall()), fields("f_score", p.fScore(),
                "count_precision", p.precisionCount(), "count_recall", p.recallCount(), "k", k));
    }
}
