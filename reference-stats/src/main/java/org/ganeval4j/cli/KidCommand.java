package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        if (json) {
            ObjectNode o = jsonObject();
            o.put("kid_mean", k.mean());
            o.put("kid_std", k.std());
            o.put("subsets", subsets);
            o.put("subset_size", subsetSize);
            o.put("seed", seed);
            o.put("n_real", r.rows());
            o.put("n_fake", f.rows());
            o.put("dims", r.cols());
            out.println(Json.write(o));
        } else {
            out.println(k.mean());
            out.println(k.std());
        }
    }
}
