package org.ganeval4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.spark.internal.HadoopConf;
import org.ganeval4j.spark.internal.InputPlan;
import org.ganeval4j.spark.internal.Job;
import org.ganeval4j.spark.internal.Partial;
import org.ganeval4j.spark.internal.PartitionWork;
import org.ganeval4j.spark.internal.ProgressListener;
import org.ganeval4j.spark.internal.Slice;
import org.ganeval4j.stats.GaussianStats;

/**
 * One pass over many images — an input's or a saved generator's samples — on a Spark cluster: each
 * partition streams its images through the feature extractor (built once per executor task slot) into
 * mergeable accumulators, and the driver combines them with {@code treeAggregate}:
 * <ul>
 *   <li>the float64 Gaussian statistics of the extractor's main output (Chan's parallel update), what
 *       {@code ganeval4j stats} writes;</li>
 *   <li>a seeded {@link org.ganeval4j.metric.FeatureReservoir} of the features (KID, precision/recall,
 *       density/coverage), keyed by stream position, so it holds exactly what a single pass holds;</li>
 *   <li>an {@link InceptionScore} accumulator over an extractor output taken as logits.</li>
 * </ul>
 *
 * <p><b>Independent of the partitioning.</b> Images keep their positions in the input (the local
 * command's order and seeded subset) or in the seeded latent sequence; partitions are cut at multiples
 * of the extractor's batch size, so each image meets the network in the same batch as in a
 * single-machine pass and gets the same features; reservoir contents are then identical and the
 * statistics and Inception Score equal up to float64 rounding of the merge (about 1e-15 relative).
 *
 * <p><b>Failures.</b> A failed task is retried by Spark ({@code spark.task.maxFailures}; {@code local[N,F]}
 * in local mode) and its partial result replaces nothing, so the result is unchanged. Unreadable images
 * are skipped and listed as the local command lists them. The key {@value #FAIL_ONCE_KEY} (partition
 * indices, comma-separated; a local property of the calling thread, else the configuration) makes the
 * first attempt of those partitions fail halfway, to drill this.
 *
 * <p>Build one with {@link #images} or {@link #generator}; {@link #run} may be called more than once.
 * Thread safe (immutable).
 */
public final class SparkEvaluation {
    /** The configuration key of the failure drill. */
    public static final String FAIL_ONCE_KEY = "spark.ganeval4j.failOnce";

    private final ImageInput input;
    private final GeneratorRef generator;
    private final long samples;
    private final ExtractorRef extractor;
    private final int partitions;
    private final boolean statistics;
    private final int reservoirCapacity;
    private final long reservoirSeed;
    private final InceptionScore inceptionScore;
    private final String inceptionScoreOutput;
    private final String datasetId;
    private final PrintWriter progress;

    private SparkEvaluation(Builder b) {
        this.input = b.input;
        this.generator = b.generator;
        this.samples = b.samples;
        this.extractor = b.extractor;
        this.partitions = b.partitions;
        this.statistics = b.statistics;
        this.reservoirCapacity = b.reservoirCapacity;
        this.reservoirSeed = b.reservoirSeed;
        this.inceptionScore = b.inceptionScore;
        this.inceptionScoreOutput = b.inceptionScoreOutput;
        this.datasetId = b.datasetId;
        this.progress = b.progress;
    }

    /** A pass over the images of {@code input}. */
    public static Builder images(ImageInput input, ExtractorRef extractor) {
        return new Builder(Objects.requireNonNull(input, "input"), null, 0, extractor);
    }

    /** A pass over samples {@code 0 … samples − 1} of a saved generator's fixed latent sequence. */
    public static Builder generator(GeneratorRef generator, long samples, ExtractorRef extractor) {
        return new Builder(null, Objects.requireNonNull(generator, "generator"), samples, extractor);
    }

    /**
     * Sets what the executors need from the driver's environment: the asset directory, cache and
     * offline switch ({@code GANEVAL4J_ASSETS}, {@code GANEVAL4J_CACHE}, {@code GANEVAL4J_OFFLINE}, or the
     * {@code ganeval4j.*} system properties) as executor environment variables, unless {@code conf}
     * already sets them. Call before creating the context.
     */
    public static SparkConf configure(SparkConf conf) {
        propagate(conf, "GANEVAL4J_ASSETS", "ganeval4j.assets");
        propagate(conf, "GANEVAL4J_CACHE", "ganeval4j.cache");
        propagate(conf, "GANEVAL4J_OFFLINE", "ganeval4j.offline");
        return conf;
    }

    private static void propagate(SparkConf conf, String env, String property) {
        String key = "spark.executorEnv." + env;
        if (conf.contains(key)) {
            return;
        }
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            v = System.getProperty(property);
        }
        if (v != null && !v.isBlank()) {
            conf.set(key, v);
        }
    }

    /**
     * Runs the pass.
     *
     * @throws IOException              when the input cannot be listed or read
     * @throws IllegalArgumentException for input the user must fix (the executor's message, unwrapped)
     */
    public SparkResult run(JavaSparkContext sc) throws IOException {
        String group = "ganeval4j-" + UUID.randomUUID();
        sc.setJobGroup(group, "ganeval4j " + (generator == null ? "features of " + input.path() : "samples of "
                + generator.model()), false);
        try {
            return execute(sc, group);
        } catch (SparkException e) {
            throw unwrap(e);
        } finally {
            sc.clearJobGroup();
        }
    }

    private SparkResult execute(JavaSparkContext sc, String group) throws IOException, SparkException {
        String weightsFile = ship(sc, extractor.weights());
        String modelFile = generator == null ? null : ship(sc, generator.model());
        List<Slice> slices;
        String description;
        long rows;
        int parts = partitions > 0 ? partitions : 4 * sc.defaultParallelism();
        if (generator == null) {
            InputPlan plan = InputPlan.of(input, sc);
            slices = plan.slices(parts, extractor.batch());
            description = plan.description();
            rows = plan.size();
        } else {
            rows = samples;
            slices = generated(samples, parts, extractor.batch());
            description = samples + " samples of " + generator.model() + " (" + generator.latentSpec() + ")";
        }
        if (inceptionScore != null && rows < inceptionScore.splits()) {
            throw new IllegalArgumentException("Inception Score with " + inceptionScore.splits() + " splits needs at least "
                    + inceptionScore.splits() + " images, found " + rows);
        }
        LongAccumulator done = sc.sc().longAccumulator("ganeval4j images");
        String drill = sc.getLocalProperty(FAIL_ONCE_KEY);
        int[] failOnce = failOnce(drill != null ? drill : sc.getConf().get(FAIL_ONCE_KEY, ""));
        Job job = new Job(extractor, weightsFile, generator, modelFile, rows, statistics, reservoirCapacity, reservoirSeed,
                inceptionScore, inceptionScoreOutput, new HadoopConf(sc.hadoopConfiguration()), failOnce, done);
        ProgressListener listener = progress == null ? null
                : new ProgressListener(progress, group, slices.size(), rows, done);
        if (listener != null) {
            sc.sc().addSparkListener(listener);
        }
        Partial total;
        try {
            sc.setJobGroup(group, "ganeval4j", false);
            total = sc.parallelize(slices, slices.size())
                    .map(s -> PartitionWork.run(s, job))
                    .treeAggregate(Partial.empty(), Partial::merge, Partial::merge, 2);
        } finally {
            if (listener != null) {
                sc.sc().removeSparkListener(listener);
            }
        }
        if (total.partitions() != slices.size()) {
            throw new IllegalStateException("expected results of " + slices.size() + " partitions, got " + total.partitions());
        }
        List<String> skipped = total.skipped();
        GaussianStats stats = null;
        if (statistics) {
            if (total.images() < 2) {
                throw new IllegalArgumentException(description + ": statistics need at least 2 readable images, got "
                        + total.images());
            }
            stats = total.stats().toStats(total.spec().provenance(datasetId));
        }
        if (inceptionScore != null && !skipped.isEmpty()) {
            throw new IllegalArgumentException("the Inception Score needs every image, but " + skipped.size()
                    + " could not be read: " + String.join("; ", skipped));
        }
        return new SparkResult(stats, total.reservoir(), inceptionScore == null ? null : total.inceptionScore().finish(),
                total.images(), skipped, slices.size(), description, total.spec());
    }

    private static List<Slice> generated(long samples, int parts, int batch) {
        long batches = (samples + batch - 1) / batch;
        int n = (int) Math.max(1, Math.min(parts, batches));
        List<Slice> out = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            long from = Math.min(samples, batches * p / n * batch);
            long to = Math.min(samples, batches * (p + 1) / n * batch);
            out.add(new Slice(p, from, to - from, List.of()));
        }
        return out;
    }

    private static String ship(JavaSparkContext sc, String file) throws IOException {
        if (file == null) {
            return null;
        }
        if (!file.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !Files.exists(Path.of(file))) {
            throw new NoSuchFileException(file);
        }
        String name = file.replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        sc.addFile(file);
        return name;
    }

    static int[] failOnce(String setting) {
        String v = setting.strip();
        if (v.isEmpty()) {
            return new int[0];
        }
        List<Integer> out = new ArrayList<>();
        for (String p : v.split(",")) {
            try {
                out.add(Integer.parseInt(p.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(FAIL_ONCE_KEY + " must list partition indices, found '" + v + "'");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The exception an executor threw, when it is one the user must act on; else the Spark exception. */
    private static IOException unwrap(SparkException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae) {
                throw iae;
            }
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof UncheckedIOException u) {
                return u.getCause();
            }
        }
        return new IOException(e.getMessage().lines().findFirst().orElse("Spark job failed"), e);
    }

    /** Builder; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private final ImageInput input;
        private final GeneratorRef generator;
        private final long samples;
        private final ExtractorRef extractor;
        private int partitions;
        private boolean statistics = true;
        private int reservoirCapacity;
        private long reservoirSeed = 2020;
        private InceptionScore inceptionScore;
        private String inceptionScoreOutput = "logits_unbiased";
        private String datasetId;
        private PrintWriter progress;

        private Builder(ImageInput input, GeneratorRef generator, long samples, ExtractorRef extractor) {
            this.input = input;
            this.generator = generator;
            this.samples = samples;
            this.extractor = Objects.requireNonNull(extractor, "extractor");
        }

        /** Parts the images are cut into (default 0: four per core of the cluster); fewer when there are fewer batches. */
        public Builder partitions(int n) {
            this.partitions = n;
            return this;
        }

        /** Whether to compute the Gaussian statistics (default true). */
        public Builder statistics(boolean on) {
            this.statistics = on;
            return this;
        }

        /** Also keep a feature reservoir of {@code capacity} rows with this seed. */
        public Builder reservoir(int capacity, long seed) {
            this.reservoirCapacity = capacity;
            this.reservoirSeed = seed;
            return this;
        }

        /** Also accumulate the Inception Score of the extractor output {@code logitsOutput} (FID Inception: {@code logits_unbiased}). */
        public Builder inceptionScore(InceptionScore is, String logitsOutput) {
            this.inceptionScore = Objects.requireNonNull(is, "is");
            this.inceptionScoreOutput = Objects.requireNonNull(logitsOutput, "logitsOutput");
            return this;
        }

        /** Recorded in the statistics' provenance (default: the input's last name, or the model's). */
        public Builder datasetId(String id) {
            this.datasetId = id;
            return this;
        }

        /** Progress lines from Spark's listener bus (default: none). */
        public Builder progress(PrintWriter err) {
            this.progress = err;
            return this;
        }

        /** Validates and builds. */
        public SparkEvaluation build() {
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be >= 0 (0 = default), got " + partitions);
            }
            if (reservoirCapacity < 0) {
                throw new IllegalArgumentException("reservoir capacity must be >= 0 (0 = none), got " + reservoirCapacity);
            }
            if (generator != null && samples < 2) {
                throw new IllegalArgumentException("a generator pass needs at least 2 samples, got " + samples);
            }
            if (samples > Integer.MAX_VALUE && inceptionScore != null) {
                throw new IllegalArgumentException("the Inception Score takes at most " + Integer.MAX_VALUE + " samples, got "
                        + samples);
            }
            if (!statistics && reservoirCapacity == 0 && inceptionScore == null) {
                throw new IllegalArgumentException("nothing to compute: statistics are off and neither a reservoir nor the"
                        + " Inception Score was asked for");
            }
            if (datasetId == null) {
                String p = input != null ? input.path() : generator.model();
                String s = p.replaceAll("/+$", "");
                datasetId = s.substring(s.lastIndexOf('/') + 1);
            }
            return new SparkEvaluation(this);
        }
    }
}
