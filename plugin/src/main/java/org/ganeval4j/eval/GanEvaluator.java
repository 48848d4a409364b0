package org.ganeval4j.eval;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.LatentSpec;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples → preprocess → features → statistics → metrics, in one place. The listener, the
 * early-stopping score calculator, the Arbiter score function and the CLI's generator commands
 * ({@code ganeval4j eval}, {@code bench listener}) all evaluate through it; the CLI's file commands
 * ({@code fid}, {@code kid}, {@code pr}, …) read images or features that exist already and call the
 * same extractors and metric classes directly.
 *
 * <p>Each evaluation draws the same {@code samples} latent vectors ({@link LatentSpec} is seeded),
 * generates images batch by batch in inference mode outside any training workspace, converts them
 * to the canonical batch ({@link ImageFormat}), runs each distinct feature extractor once per batch
 * and feeds every metric's accumulator. Memory depends on the batch size, not on {@code samples}
 * (metrics keep at most their documented state, e.g. d feature rows for the low-rank FID route).
 *
 * <p>A failure is returned as failed {@link MetricResult}s with the reason, never thrown. Expected
 * failures — NaN or infinite images, an exception thrown by the user's generator, images of the wrong
 * shape, I/O, a metric that cannot be computed from these samples (e.g. a covariance that is not
 * positive semi-definite) — are for the caller to report (the listener's log sink logs each once). Any
 * other exception is a bug of ganeval4j: it is logged at ERROR here, once, with its stack trace, and
 * its metrics fail with a reason that starts with {@value #INTERNAL_ERROR}. {@link Error}s (e.g.
 * {@code OutOfMemoryError}) are never caught. Not thread safe: one evaluation at a time.
 */
public final class GanEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(GanEvaluator.class);

    /** How the reason of a failure caused by a bug of ganeval4j starts. */
    public static final String INTERNAL_ERROR = "internal error (a bug of ganeval4j, logged with its stack trace)";

    private final Generator generator;
    private final ImageFormat format;
    private final LatentSpec latent;
    private final int samples;
    private final int batchSize;
    private final int previewImages;
    private final List<GanMetric> metrics;
    /** Extractors in first-use order, each with the union of requested outputs. */
    private final Map<FeatureExtractor, Set<String>> extractors;

    private GanEvaluator(Builder b) {
        this.generator = b.generator;
        this.format = b.format;
        this.latent = b.latent;
        this.samples = b.samples;
        this.batchSize = b.batchSize;
        this.previewImages = b.previewImages;
        this.metrics = List.copyOf(b.metrics);
        Map<FeatureExtractor, Set<String>> ex = new IdentityHashMap<>();
        List<FeatureExtractor> order = new ArrayList<>();
        for (GanMetric m : metrics) {
            for (FeatureRequest r : m.requires()) {
                if (!ex.containsKey(r.extractor())) {
                    order.add(r.extractor());
                }
                ex.computeIfAbsent(r.extractor(), k -> new LinkedHashSet<>()).add(r.output());
            }
        }
        Map<FeatureExtractor, Set<String>> ordered = new LinkedHashMap<>();
        for (FeatureExtractor e : order) {
            ordered.put(e, Set.copyOf(ex.get(e)));
        }
        this.extractors = ordered;
    }

    /** A builder for the given generator, its output format and its latent distribution. */
    public static Builder builder(Generator generator, ImageFormat format, LatentSpec latent) {
        return new Builder(generator, format, latent);
    }

    /** Validating builder. */
    public static final class Builder {
        private final Generator generator;
        private final ImageFormat format;
        private final LatentSpec latent;
        private int samples = 1000;
        private int batchSize = 50;
        private int previewImages = 36;
        private final List<GanMetric> metrics = new ArrayList<>();

        private Builder(Generator generator, ImageFormat format, LatentSpec latent) {
            this.generator = Objects.requireNonNull(generator, "generator");
            this.format = Objects.requireNonNull(format, "format");
            this.latent = Objects.requireNonNull(latent, "latent");
        }

        /** Generated samples per evaluation (default 1000; at least 2). */
        public Builder samples(int n) {
            this.samples = n;
            return this;
        }

        /** Samples per generator/extractor batch (default 50); bounds memory. */
        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** Samples kept for the preview grid (default 36; 0 for none). */
        public Builder previewImages(int n) {
            this.previewImages = n;
            return this;
        }

        /** Adds a metric. */
        public Builder metric(GanMetric m) {
            metrics.add(Objects.requireNonNull(m, "metric"));
            return this;
        }

        public GanEvaluator build() {
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be >= 2, got " + samples);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (previewImages < 0) {
                throw new IllegalArgumentException("preview images must be >= 0, got " + previewImages);
            }
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException("an evaluator needs at least one metric");
            }
            for (GanMetric m : metrics) {
                int needed = m instanceof FidInfinity f ? f.grid().nMax() : m instanceof IsInfinity i ? i.grid().nMax() : 0;
                if (samples < needed) {
                    throw new IllegalArgumentException(m.name() + " needs at least " + needed + " samples per evaluation"
                            + " (its grid's largest N), got samples=" + samples);
                }
            }
            Set<String> names = new LinkedHashSet<>();
            for (GanMetric m : metrics) {
                for (String name : m.names()) {
                    if (!names.add(name)) {
                        throw new IllegalArgumentException("two metrics are named " + name);
                    }
                }
            }
            return new GanEvaluator(this);
        }
    }

    /** The generator evaluated by {@link #evaluate(long, long)}. */
    public Generator generator() {
        return generator;
    }

    /** The metrics, in order. */
    public List<GanMetric> metrics() {
        return metrics;
    }

    /** Samples per evaluation. */
    public int samples() {
        return samples;
    }

    /** The latent distribution. */
    public LatentSpec latent() {
        return latent;
    }

    /** The image format. */
    public ImageFormat format() {
        return format;
    }

    /** Samples per generator/extractor batch. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The record of this evaluation's generator and settings ({@link GeneratorRecord}), for saving with
     * a generator so that {@code ganeval4j eval} repeats the evaluation. Each metric's real data
     * ({@link GanMetric#reference()}) is written into {@code dir} as {@code reference-<metric>.npz}
     * (statistics) or {@code .npy} (features) and named in its spec ({@code reference=FILE}); metrics
     * without a {@link GanMetric#spec()} are left out of the record.
     */
    public GeneratorRecord record(java.nio.file.Path dir) throws java.io.IOException {
        List<MetricSpec> specs = new ArrayList<>();
        for (GanMetric m : metrics) {
            java.util.Optional<MetricSpec> spec = m.spec();
            if (spec.isEmpty()) {
                LOG.debug("{} has no spec: left out of the generator record", m.name());
                continue;
            }
            MetricSpec s = spec.get();
            java.util.Optional<ReferenceData> ref = m.reference();
            if (ref.isPresent()) {
                String slug = m.name().replaceAll("[^A-Za-z0-9._-]", "_");
                String file;
                if (ref.get().stats() != null) {
                    file = "reference-" + slug + ".npz";
                    org.ganeval4j.stats.StatsFile.write(dir.resolve(file), ref.get().stats(), false,
                            org.ganeval4j.feature.Extractors.distanceMetadata(ref.get().stats().provenance().extractor()));
                } else {
                    file = "reference-" + slug + ".npy";
                    ref.get().features().write(dir.resolve(file));
                }
                s = s.with("reference", file);
            }
            specs.add(s);
        }
        org.ganeval4j.image.ModelGenerator.Part part = generator instanceof org.ganeval4j.image.ModelGenerator mg
                ? mg.part() : org.ganeval4j.image.ModelGenerator.Part.WHOLE;
        return new GeneratorRecord(latent, format, part, new GeneratorRecord.Settings(samples, batchSize, specs), null);
    }

    /** Evaluates the configured generator. */
    public Evaluation evaluate(long iteration, long epoch) {
        return evaluate(generator, iteration, epoch);
    }

    /**
     * Evaluates another generator with this configuration (the same latents and metrics), e.g. a
     * snapshot of the parameters or a saved best model.
     */
    public Evaluation evaluate(Generator g, long iteration, long epoch) {
        return evaluate(g, iteration, epoch, null);
    }

    /**
     * Evaluates {@code g} with this configuration, telling {@code progress} (may be null) how many
     * samples are done after each batch.
     */
    public Evaluation evaluate(Generator g, long iteration, long epoch, java.util.function.LongConsumer progress) {
        long t0 = System.nanoTime();
        List<GanMetric.Accumulator> accs = new ArrayList<>();
        String[] failures = new String[metrics.size()];
        INDArray preview = null;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < metrics.size(); i++) {
                try {
                    accs.add(metrics.get(i).start(samples));
                } catch (RuntimeException e) {
                    accs.add(null);
                    failures[i] = classify(e, metrics.get(i).name() + " could not start", iteration);
                }
            }
            for (int from = 0; from < samples; from += batchSize) {
                int count = Math.min(batchSize, samples - from);
                INDArray raw;
                try {
                    raw = g.sample(latent.latents(from, count), latent.labels(from, count));
                } catch (RuntimeException e) {
                    throw new GeneratorFailure(e);
                }
                INDArray images = format.toCanonical(raw);
                long have = preview == null ? 0 : preview.size(0);
                if (have < previewImages) {
                    INDArray part = images.get(NDArrayIndex.interval(0, (int) Math.min(previewImages - have, count))).dup();
                    preview = preview == null ? part : Nd4j.concat(0, preview, part);
                }
                Map<FeatureRequest, INDArray> features = new LinkedHashMap<>();
                for (Map.Entry<FeatureExtractor, Set<String>> e : extractors.entrySet()) {
                    Map<String, INDArray> out = e.getKey().extract(images, e.getValue());
                    for (String o : e.getValue()) {
                        features.put(new FeatureRequest(e.getKey(), o), out.get(o));
                    }
                }
                FeatureBatch batch = new FeatureBatch(images, features, from);
                for (int i = 0; i < metrics.size(); i++) {
                    if (failures[i] == null) {
                        try {
                            accs.get(i).accept(batch);
                        } catch (RuntimeException ex) {
                            failures[i] = classify(ex, metrics.get(i).name() + " failed on a batch", iteration);
                        }
                    }
                }
                if (progress != null) {
                    progress.accept(from + count);
                }
            }
        } catch (RuntimeException e) {
            // an expected failure is reported by whoever consumes the evaluation (the listener's log sink), so logged
            // once; a bug is logged here with its stack trace
            String why = e instanceof GeneratorFailure gf ? "the generator threw " + reason(gf.getCause())
                    : classify(e, "the evaluation", iteration);
            double s = seconds(t0);
            List<MetricResult> failed = new ArrayList<>();
            for (GanMetric m : metrics) {
                for (String name : m.names()) {
                    failed.add(MetricResult.failed(name, m.direction(), iteration, epoch, s, "", why));
                }
            }
            return new Evaluation(iteration, epoch, failed, preview);
        }
        List<MetricResult> results = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            GanMetric m = metrics.get(i);
            if (failures[i] == null) {
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    List<MetricValue> values = accs.get(i).finish();
                    List<MetricResult> ok = new ArrayList<>();
                    for (MetricValue v : values) {
                        if (!Double.isFinite(v.value())) {
                            failures[i] = v.name() + " is not finite (" + v.value() + ")";
                            break;
                        }
                        ok.add(MetricResult.ok(v.name(), v.value(), v.std(), m.direction(), samples, iteration, epoch,
                                seconds(t0), v.extractorId()).withDetails(v.details()));
                    }
                    if (failures[i] == null) {
                        results.addAll(ok);
                        continue;
                    }
                } catch (RuntimeException ex) {
                    failures[i] = classify(ex, m.name() + " could not finish", iteration);
                }
            }
            LOG.debug("{} at iteration {} failed: {}", m.name(), iteration, failures[i]);
            for (String name : m.names()) {
                results.add(MetricResult.failed(name, m.direction(), iteration, epoch, seconds(t0), "", failures[i]));
            }
        }
        return new Evaluation(iteration, epoch, results, preview);
    }

    /**
     * Seconds per sample of generating images and extracting their features (the bulk of an
     * evaluation), measured on {@code n} probe samples after one warm-up batch — for a time estimate
     * before a long evaluation. The latents are the evaluation's first rows; no metric is fed.
     */
    public double secondsPerSample(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("probe samples must be >= 1, got " + n);
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int warm = Math.min(n, batchSize);
            extract(format.toCanonical(generator.sample(latent.latents(0, warm), latent.labels(0, warm))));
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += batchSize) {
                int count = Math.min(batchSize, n - from);
                extract(format.toCanonical(generator.sample(latent.latents(from, count), latent.labels(from, count))));
            }
            return seconds(t0) / n;
        }
    }

    private void extract(INDArray images) {
        for (Map.Entry<FeatureExtractor, Set<String>> e : extractors.entrySet()) {
            e.getKey().extract(images, e.getValue());
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** An exception thrown by the user's generator (an expected failure, whatever its type). */
    private static final class GeneratorFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GeneratorFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /**
     * True for the failures a correct ganeval4j meets with some inputs: non-finite or wrongly shaped
     * images, invalid arguments (a metric that needs more samples, features of another dimension),
     * numerical trouble, I/O.
     */
    static boolean expected(RuntimeException e) {
        return e instanceof IllegalArgumentException || e instanceof ArithmeticException
                || e instanceof java.io.UncheckedIOException || e instanceof UnsupportedOperationException;
    }

    /** The reason of a failure; a bug's is logged here at ERROR with its stack trace. */
    private static String classify(RuntimeException e, String what, long iteration) {
        if (expected(e)) {
            return reason(e);
        }
        LOG.error("{} at iteration {}: a bug of ganeval4j (please report it with this trace)", what, iteration, e);
        return INTERNAL_ERROR + ": " + reason(e);
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
