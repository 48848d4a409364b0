package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.ganeval4j.cli.spi.ClusterStats;
import org.ganeval4j.feature.Extractors;
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
                        + " listed and skipped.",
                "With --spark MASTER the work runs on Apache Spark (needs the ganeval4j-spark module on the class path);"
                        + " INPUT may then be any Hadoop-readable path and also a folder or glob of .tar/.tar.gz or .npy shards."})
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT")
    String inputArg;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run on Apache Spark: local[*], local[N], spark://HOST:PORT, yarn, … (needs ganeval4j-spark).")
    String sparkMaster;

    @Option(names = "--partitions", defaultValue = "0",
            description = "With --spark: parts the input is cut into (default: 4 per executor core).")
    int partitions;

    /** The provider name of {@code --spark}; StatsJob sets the master from spark-submit's configuration instead. */
    static final String SPARK = "spark";
    /** Set by the spark-submit entry point: run on the master spark-submit configured. */
    static final String FROM_SPARK_SUBMIT = "spark-submit";

    private Path input;

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
        if (limit < 0) {
            throw new BadInputException("--limit must be >= 0, got " + limit);
        }
        if (!output.getFileName().toString().endsWith(".npz")) {
            throw new BadInputException("-o must name an .npz file, got " + output);
        }
        if (sparkMaster != null) {
            return onCluster();
        }
        if (partitions != 0) {
            throw new BadInputException("--partitions applies with --spark only");
        }
        input = Path.of(inputArg);
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString());
        }
        PrintWriter err = spec.commandLine().getErr();
        String id = datasetId != null ? datasetId : input.toAbsolutePath().normalize().getFileName().toString();
        long t0 = System.nanoTime();
        // ND4J's start-up and the weights (about a second, one core) beside opening the input (a pass over an
        // archive, an IDX file inflated) and loading what writing the file needs
        Background<FeatureExtractor> building = Background.start(() -> extractor.create(err));
        Background.start(StatsCommand::warmUpWriting);
        ImageSource opened;
        try {
            opened = ImageInputs.open(input, limit, seed, range.get());
        } catch (Exception | Error e) {
            // the extractor's failure first, as when the two ran one after the other
            building.get().close();
            throw e;
        }
        try (ImageSource images = opened; FeatureExtractor fx = building.get()) {
            GaussianStats s = ImageInputs.stats(images, fx, extractor.batch, id, progress, err);
            StatsFile.write(output, s, compressed, metadata(s, Map.of(), images.skipped()));
            report(s, images.skipped().size(), images.description(), Map.of(), t0, err);
        }
        return 0;
    }

    /**
     * Loads and initialises what writing the statistics file and the JSON report needs (Jackson's
     * mappers and serialisers: a few hundred milliseconds of class loading), off the main thread.
     */
    private static void warmUpWriting() {
        StatsFile.metadataJson(new GaussianStats(new double[] {0}, new double[] {1}, 2, StatsProvenance.unknown()));
        Json.write(Json.provenance(StatsProvenance.unknown()));
    }

    /** {@code --spark}: the same statistics computed by the {@code ganeval4j-spark} provider, written the same way. */
    private int onCluster() throws Exception {
        if (partitions < 0) {
            throw new BadInputException("--partitions must be >= 0 (0 = default), got " + partitions);
        }
        PrintWriter err = spec.commandLine().getErr();
        ClusterStats engine = provider(SPARK);
        String id = datasetId != null ? datasetId : lastName(inputArg);
        long t0 = System.nanoTime();
        String master = FROM_SPARK_SUBMIT.equals(sparkMaster) ? null : sparkMaster;
        ClusterStats.Request request = new ClusterStats.Request(inputArg, master, extractor.choice(err), limit, seed, id,
                partitions, progress || System.console() != null);
        ClusterStats.Result r;
        try {
            r = engine.compute(request, err);
        } catch (NoClassDefFoundError e) {
            throw new BadInputException(missing(SPARK) + " (missing class " + e.getMessage() + ")");
        }
        if (!r.skipped().isEmpty()) {
            err.println("ganeval4j: skipped " + r.skipped().size() + " unreadable image(s): " + String.join("; ", r.skipped()));
        }
        StatsFile.write(output, r.stats(), compressed, metadata(r.stats(), r.metadata(), r.skipped()));
        report(r.stats(), r.skipped().size(), r.description(), r.metadata(), t0, err);
        return 0;
    }

    /**
     * The file's extra metadata: how its distance is called (and that it is not FID where it is not),
     * the images skipped as unreadable (their count and names, one per line), and {@code extra}.
     */
    private static Map<String, Object> metadata(GaussianStats s, Map<String, Object> extra, List<String> skipped) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Extractors.distanceMetadata(s.provenance().extractor()));
        m.put("skipped", skipped.size());
        if (!skipped.isEmpty()) {
            m.put("skipped_images", String.join("\n", skipped));
        }
        m.putAll(extra);
        return m;
    }

    private void report(GaussianStats s, int skipped, String description, Map<String, Object> extra, long t0,
                        PrintWriter err) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        String name = Extractors.distanceName(s.provenance().extractor());
        if (!name.equals("FID")) {
            err.println("ganeval4j: note: " + Extractors.notComparableNote(name));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("output", output.toString());
            o.put("images", s.count());
            o.put("skipped", skipped);
            o.put("metric", name);
            o.put("input", description);
            o.put("seconds", seconds);
            o.put("images_per_second", s.count() / seconds);
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                o.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue()));
            }
            o.set("provenance", Json.provenance(s.provenance()));
            out.println(Json.write(o));
        } else {
            out.println(s.count());
        }
    }

    /** The registered engine of that name. */
    static ClusterStats provider(String name) {
        try {
            for (ClusterStats c : ServiceLoader.load(ClusterStats.class, StatsCommand.class.getClassLoader())) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        } catch (ServiceConfigurationError | NoClassDefFoundError e) {
            throw new BadInputException(missing(name) + " (" + e.getMessage() + ")");
        }
        throw new BadInputException(missing(name));
    }

    private static String missing(String name) {
        return "--" + name + " needs the ganeval4j-" + name + " module and Apache Spark 3.5 on the class path: run"
                + " java -jar spark/target/ganeval4j-spark.jar stats ... (built by mvn package), or spark-submit --class"
                + " org.ganeval4j.spark.StatsJob";
    }

    /** The last name of a path or URI, for the default dataset id. */
    private static String lastName(String pathOrUri) {
        if (!pathOrUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return Path.of(pathOrUri).toAbsolutePath().normalize().getFileName().toString();
        }
        String s = pathOrUri.replaceAll("/+$", "");
        int slash = s.lastIndexOf('/');
        return slash < 0 ? s : s.substring(slash + 1);
    }
}
