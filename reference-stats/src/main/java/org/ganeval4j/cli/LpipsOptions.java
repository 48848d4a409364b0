package org.ganeval4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsNet;
import picocli.CommandLine.Option;

/** The options that choose an LPIPS model, shared by {@code lpips}, {@code diversity} and {@code bench lpips}. */
final class LpipsOptions {
    @Option(names = "--net", defaultValue = "alex", description = "Backbone: alex, squeeze or vgg (default ${DEFAULT-VALUE}).")
    String net;

    @Option(names = "--version", defaultValue = "0.1", description = "LPIPS version: 0.1 or 0.0 (default ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--trunk", paramLabel = "FILE",
            description = "Trunk weights (torchvision checkpoint or features state dict) instead of the asset.")
    Path trunk;

    @Option(names = "--head", paramLabel = "FILE", description = "LPIPS head weights (lin*.pth) instead of the asset.")
    Path head;

    @Option(names = "--batch", defaultValue = "0", description = "Images per trunk pass (default: about 2^18 pixels).")
    int batch;

    Lpips build() throws IOException {
        if (batch != 0) {
            BadInputException.requireBatch(batch, "--batch");
        }
        LpipsNet n = LpipsNet.of(net);
        for (Path p : new Path[] {trunk, head}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString());
            }
        }
        return Lpips.builder(n).version(version).trunkWeights(trunk).headWeights(head).batchSize(batch).build();
    }
}
