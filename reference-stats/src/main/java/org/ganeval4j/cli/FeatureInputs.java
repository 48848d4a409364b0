package org.ganeval4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.ganeval4j.stats.FeatureMatrix;

/** Feature matrices given on the command line ({@code .npy}, rows = samples). */
final class FeatureInputs {
    private FeatureInputs() {
    }

    static FeatureMatrix load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new BadInputException(path + ": expected a .npy feature matrix (rows = samples)");
        }
        return FeatureMatrix.read(path);
    }

    static void requireSameDim(Path a, FeatureMatrix fa, Path b, FeatureMatrix fb) {
        if (fa.cols() != fb.cols()) {
            throw new BadInputException("dimension mismatch: " + a + " has d=" + fa.cols() + ", " + b + " has d="
                    + fb.cols());
        }
    }
}
