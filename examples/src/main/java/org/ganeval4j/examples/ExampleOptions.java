package org.ganeval4j.examples;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/** The options every example takes (a picocli mixin). */
public final class ExampleOptions {
    @Option(names = "--iterations", description = "training iterations (generator updates)")
    Integer iterations;

    @Option(names = "--eval-every", description = "evaluate every K iterations, and at the end")
    Integer evalEvery;

    @Option(names = "--samples", description = "generated samples per evaluation")
    Integer samples;

    @Option(names = "--out", description = "output folder (default runs/<example>-<date-time>)")
    Path out;

    @Option(names = "--no-ui", description = "do not start the DL4J UI")
    boolean noUi;

    @Option(names = "--keep-ui", description = "keep the DL4J UI up after training until Enter is pressed")
    boolean keepUi;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the networks, the data and the latents (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", description = "training images (IDX such as MNIST or Fashion-MNIST, .gz allowed; a folder or"
            + " .tar.gz of images; a .npy uint8 array) instead of the asset directory's MNIST test split")
    Path data;

    @Option(names = "--images", defaultValue = "2000",
            description = "training images, also the reference statistics' images (default ${DEFAULT-VALUE})")
    int images;

    /** {@code value} or the example's default. */
    static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    /**
     * The output folder, a fresh timestamped one under {@code runs/} by default, created and checked to
     * be writable before any work starts.
     *
     * @throws java.io.IOException naming the folder when it cannot be created or written
     */
    Path outputFolder(String example) throws java.io.IOException {
        Path dir = out != null ? out : Path.of("runs", example + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("cannot create the output folder " + dir + " ("
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.toString()) + ")", e);
        }
        if (!java.nio.file.Files.isWritable(dir)) {
            throw new java.io.IOException("the output folder " + dir + " is not writable");
        }
        return dir;
    }
}
