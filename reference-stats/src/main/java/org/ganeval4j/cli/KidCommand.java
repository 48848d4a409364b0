package org.ganeval4j.cli;

import java.io.PrintWriter;
import org.ganeval4j.metric.KernelInceptionDistance;
import org.ganeval4j.metric.KidResult;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ganeval4j kid REAL FAKE}: Kernel Inception Distance, as torch-fidelity. */
@Command(name = "kid", mixinStandardHelpOptions = true,
        description = {"Kernel Inception Distance between REAL and FAKE (images, or .npy feature matrices with rows ="
                + " samples): unbiased MMD² with the kernel (x·y/d + 1)³ over seeded subsets, as torch-fidelity 0.4.",
                "Prints the mean, then the standard deviation over subsets."})
final class KidCommand extends RealFakeCommand {
    @Option(names = "--subsets", defaultValue = "100", description = "Subsets (default ${DEFAULT-VALUE}).")
    int subsets;

    @Option(names = "--subset-size", defaultValue = "1000", description = "Rows per subset (default ${DEFAULT-VALUE}).")
    int subsetSize;

    @Option(names = "--seed", defaultValue = "2020", description = "numpy RandomState seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    void run(FeatureMatrix r, FeatureMatrix f, PrintWriter out) {
        KidResult k = KernelInceptionDistance.builder().subsets(subsets).subsetSize(subsetSize).seed(seed).build()
                .compute(r, f);
        emit(out, fields("kid_mean", k.mean(), "kid_std", k.std()), fields("subsets", subsets, "subset_size", subsetSize,
                "seed", seed, "n_real", r.rows(), "n_fake", f.rows(), "dims", r.cols()));
    }
}
