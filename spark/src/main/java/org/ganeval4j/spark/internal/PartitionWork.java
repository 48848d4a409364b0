package org.ganeval4j.spark.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.ganeval4j.feature.ExtractorSpec;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.stats.GaussianStatsAccumulator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One partition on an executor: its images (read and decoded in order) or generated samples, in
 * batches cut exactly as a single-machine pass cuts them, through the extractor (borrowed from the
 * JVM's pool) into the accumulators of a {@link Partial}.
 */
public final class PartitionWork {
    private final Slice slice;
    private final Job job;
    private final FeatureExtractor fx;
    private final ExtractorSpec spec;
    private final Set<String> outputs = new LinkedHashSet<>();
    private final GaussianStatsAccumulator stats;
    private final FeatureReservoir reservoir;
    private final InceptionScore.Streaming inceptionScore;
    private final List<String> skipped = new ArrayList<>();
    private final boolean injectFailure;
    private final long batchesBeforeFailure;
    private long images;
    private long batchesDone;

    private final List<float[]> pending = new ArrayList<>();
    private final List<Long> pendingPositions = new ArrayList<>();
    private int pc;
    private int ph;
    private int pw;

    private PartitionWork(Slice slice, Job job, FeatureExtractor fx) {
        this.slice = slice;
        this.job = job;
        this.fx = fx;
        this.spec = fx.spec();
        outputs.add(spec.layer());
        if (job.inceptionScore() != null) {
            Integer classes = fx.outputs().get(job.isOutput());
            if (classes == null) {
                throw new IllegalArgumentException(spec.extractor() + " has no output '" + job.isOutput() + "' for the Inception"
                        + " Score (outputs: " + fx.outputs().keySet() + ")");
            }
            outputs.add(job.isOutput());
            this.inceptionScore = job.inceptionScore().streaming(Math.toIntExact(job.rows()), classes);
        } else {
            this.inceptionScore = null;
        }
        this.stats = job.stats() ? new GaussianStatsAccumulator(spec.dims()) : null;
        this.reservoir = job.reservoirCapacity() > 0 ? FeatureReservoir.builder(job.reservoirCapacity(), spec.dims())
                .seed(job.reservoirSeed()).firstPosition(slice.first()).build() : null;
        TaskContext tc = TaskContext.get();
        boolean listed = false;
        for (int p : job.failOnce()) {
            listed |= p == slice.index();
        }
        this.injectFailure = listed && tc != null && tc.attemptNumber() == 0;
        int batch = job.extractor().batch();
        this.batchesBeforeFailure = (slice.count() / batch) / 2;
    }

    /** Runs the partition and returns its accumulators. */
    public static Partial run(Slice slice, Job job) throws Exception {
        Object key = List.of("extractor", job.extractor(), String.valueOf(job.weightsFile()));
        FeatureExtractor fx = JvmPool.borrow(key, () -> job.extractor().create(shipped(job.weightsFile())));
        try {
            PartitionWork w = new PartitionWork(slice, job, fx);
            if (job.generator() == null) {
                w.readInput();
            } else {
                w.generate();
            }
            if (w.injectFailure) {
                w.fail();
            }
            return Partial.of(slice.index(), w.images, w.skipped, w.spec, w.stats, w.reservoir, w.inceptionScore);
        } finally {
            JvmPool.release(key, fx);
        }
    }

    private static Path shipped(String name) {
        return name == null ? null : Path.of(SparkFiles.get(name));
    }

    private void readInput() throws Exception {
        PartitionReader.read(slice, job.hadoop().get(), new PartitionReader.Sink() {
            @Override
            public void image(long position, float[] pixels, int c, int h, int w) {
                if (!pending.isEmpty() && (c != pc || h != ph || w != pw)) {
                    flushPending();
                }
                pc = c;
                ph = h;
                pw = w;
                pending.add(pixels);
                pendingPositions.add(position);
                if (pending.size() == job.extractor().batch()) {
                    flushPending();
                }
            }

            @Override
            public void unreadable(long position, String nameAndReason) {
                skipped.add(nameAndReason);
            }
        });
        flushPending();
    }

    private void flushPending() {
        if (pending.isEmpty()) {
            return;
        }
        int per = pending.get(0).length;
        float[] v = new float[pending.size() * per];
        long[] positions = new long[pending.size()];
        for (int i = 0; i < pending.size(); i++) {
            System.arraycopy(pending.get(i), 0, v, i * per, per);
            positions[i] = pendingPositions.get(i);
        }
        INDArray batch = Nd4j.create(v, new long[] {pending.size(), pc, ph, pw}, 'c').castTo(DataType.FLOAT);
        pending.clear();
        pendingPositions.clear();
        accept(batch, positions);
    }

    private void generate() throws Exception {
        Object key = List.of("generator", job.generator(), String.valueOf(job.modelFile()));
        Generator g = JvmPool.borrow(key, () -> job.generator().load(shipped(job.modelFile())));
        try {
            LatentSpec latent = job.generator().latentSpec();
            ImageFormat format = job.generator().imageFormat();
            int batch = job.extractor().batch();
            long end = slice.first() + slice.count();
            for (long from = slice.first(); from < end; from += batch) {
                int n = (int) Math.min(batch, end - from);
                INDArray images;
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    images = format.toCanonical(g.sample(latent.latents(from, n), latent.labels(from, n)));
                }
                long[] positions = new long[n];
                for (int i = 0; i < n; i++) {
                    positions[i] = from + i;
                }
                accept(images, positions);
            }
        } finally {
            JvmPool.release(key, g);
        }
    }

    private void accept(INDArray batch, long[] positions) {
        int n = positions.length;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Map<String, INDArray> f = fx.extract(batch, outputs);
            INDArray main = f.get(spec.layer());
            if (stats != null) {
                stats.add(main);
            }
            if (reservoir != null) {
                float[] rows = main.castTo(DataType.FLOAT).dup('c').data().asFloat();
                forRuns(positions, (first, from, count) -> reservoir.add(first,
                        java.util.Arrays.copyOfRange(rows, from * spec.dims(), (from + count) * spec.dims()), count));
            }
            if (inceptionScore != null) {
                INDArray logits = f.get(job.isOutput());
                int classes = (int) logits.size(1);
                float[] rows = logits.castTo(DataType.FLOAT).dup('c').data().asFloat();
                forRuns(positions, (first, from, count) -> inceptionScore.accept(Math.toIntExact(first),
                        java.util.Arrays.copyOfRange(rows, from * classes, (from + count) * classes), count));
            }
        }
        images += n;
        batchesDone++;
        if (job.progress() != null) {
            job.progress().add(n);
        }
        if (injectFailure && batchesDone >= batchesBeforeFailure) {
            fail();
        }
    }

    private void fail() {
        throw new IllegalStateException("injected failure (spark.ganeval4j.failOnce) in partition " + slice.index()
                + ", attempt 0, after " + images + " images");
    }

    private interface Run {
        void accept(long firstPosition, int fromRow, int count);
    }

    /** Calls {@code run} for each maximal run of consecutive positions. */
    private static void forRuns(long[] positions, Run run) {
        int start = 0;
        for (int i = 1; i <= positions.length; i++) {
            if (i == positions.length || positions[i] != positions[i - 1] + 1) {
                run.accept(positions[start], start, i - start);
                start = i;
            }
        }
    }
}
