package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.stats.StatsProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ganeval4j stats INPUT -o OUT.npz}: reference statistics (float64 mean and covariance of
 * features) of real images, in pytorch-fid's {@code .npz} layout with self-describing metadata.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reference statistics of images: writes OUT.npz with mu, sigma (float64) and metadata (extractor,"
                + " layer, weights SHA-256, resize mode, sample count, dataset id). Prints the number of images.",
                "INPUT: an image folder (PNG/JPEG, recursive), a .tar.gz of images, an IDX file (MNIST, Fashion-MNIST; .gz"
                        + " allowed) or a .npy array (N, C, H, W): uint8, or float32/float64 with --range. Unreadable images are"
                        + " listed and skipped."})
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npz", description = "The .npz to write.")
    Path output;

    @Mixin
    ExtractorOptions extractor;

    @Mixin
    RangeOption range;

    @Option(names = "--limit", defaultValue = "0", description = "Use a seeded random subset of N images (default: all).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the --limit subset (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dataset-id", paramLabel = "NAME", description = "Recorded in the metadata (default: the input's name).")
    String datasetId;

    @Option(names = "--compressed", description = "DEFLATE the arrays (as numpy.savez_compressed).")
    boolean compressed;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--json", description = "Print a JSON object describing what was written.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (limit < 0) {
            throw new BadInputException("--limit must be >= 0, got " + limit);
        }
        if (!output.getFileName().toString().endsWith(".npz")) {
            throw new BadInputException("-o must name an .npz file, got " + output);
        }
        PrintWriter err = spec.commandLine().getErr();
        String id = datasetId != null ? datasetId : input.toAbsolutePath().normalize().getFileName().toString();
        long t0 = System.nanoTime();
        try (FeatureExtractor fx = extractor.create(err);
             ImageSource images = ImageInputs.open(input, limit, seed, range.get())) {
            GaussianStats s = ImageInputs.stats(images, fx, extractor.batch, id, progress, err);
            StatsFile.write(output, s, compressed);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String name = s.provenance().distanceName();
            if (!name.equals("FID")) {
                err.println("ganeval4j: note: " + StatsProvenance.notComparableNote(name));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = Json.object();
                o.put("output", output.toString());
                o.put("images", s.count());
                o.put("skipped", images.skipped().size());
                o.put("metric", name);
                o.put("input", images.description());
                o.put("seconds", seconds);
                o.put("images_per_second", s.count() / seconds);
                o.set("provenance", Json.provenance(s.provenance()));
                out.println(Json.write(o));
            } else {
                out.println(s.count());
            }
        }
        return 0;
    }
}
