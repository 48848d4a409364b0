package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.stats.FeatureMatrix;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command comparing FAKE against REAL feature matrices ({@code .npy}, rows = samples). */
abstract class RealFakeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REAL", description = "Features of real images (.npy, rows = samples).")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE", description = "Features of generated images (.npy, rows = samples).")
    Path fake;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public final Integer call() throws Exception {
        FeatureMatrix r = FeatureInputs.load(real);
        FeatureMatrix f = FeatureInputs.load(fake);
        FeatureInputs.requireSameDim(real, r, fake, f);
        run(r, f, spec.commandLine().getOut());
        return 0;
    }

    /** Computes and prints. */
    abstract void run(FeatureMatrix realFeatures, FeatureMatrix fakeFeatures, PrintWriter out);
}
