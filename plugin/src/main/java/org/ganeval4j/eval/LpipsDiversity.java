package org.ganeval4j.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsEmbedding;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.DiversityResult;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.metric.PairwiseDiversity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LPIPS diversity of generated samples: the mean LPIPS distance over pairs of samples (all pairs,
 * or K random pairs chosen with a seed), higher is more diverse — the measure of Zhu et al.,
 * "Toward Multimodal Image-to-Image Translation" (NeurIPS 2017), used to detect mode collapse.
 * {@link MetricValue#std()} is the standard error of the mean (counting that pairs sharing a sample
 * are correlated; see {@link PairwiseDiversity#standardError}).
 *
 * <p>How: the published lpips heads (v0.1 and v0.0, alex/squeeze/vgg) have no negative weight
 * ({@link Lpips#headsNonNegative()} is checked), so
 * {@code LPIPS(x, y) = Σ_l (1/H_lW_l) ‖√w_l ⊙ (f̂_l(x) − f̂_l(y))‖² = ‖φ(x) − φ(y)‖²} with
 * {@code φ(x) = concat_l √w_l ⊙ f̂_l(x) / √(H_lW_l)} ({@link LpipsEmbedding}). Each sample goes through
 * the trunk once, and all pairs follow from the N×N Gram matrix of the embeddings; random pairs from
 * differences of embeddings. A head with negative weights (a custom one) falls back to evaluating every
 * pair's LPIPS from the embeddings' differences ({@code brute-force} route), still one trunk pass per
 * sample. Memory: see {@link PairwiseDiversity} (embeddings in memory up to the budget, default 1 GiB,
 * beyond it in a temporary file; the Gram matrix N²·8 bytes).
 *
 * <p>Works on the canonical images of each batch (0..255, any size the trunk accepts), at their own
 * resolution, as lpips does; it asks the evaluator for no extractor output.
 */
public final class LpipsDiversity extends ImagePairDiversity {
    /** The metric's name in histories and charts. */
    public static final String NAME = "LPIPS-diversity";

    private final Lpips lpips;
    private final long memoryBudget;
    private final Path tempDir;

    private LpipsDiversity(Builder b) {
        super("LPIPS diversity", b.pairs, b.name);
        this.lpips = b.lpips;
        this.memoryBudget = b.memoryBudget;
        this.tempDir = b.tempDir;
    }

    /** All-pairs LPIPS diversity with {@code lpips}. */
    public static LpipsDiversity of(Lpips lpips) {
        return builder(lpips).build();
    }

    /** A builder over {@code lpips} (which this metric does not close). */
    public static Builder builder(Lpips lpips) {
        return new Builder(lpips);
    }

    /** Validating builder. */
    public static final class Builder {
        private final Lpips lpips;
        private PairSelection pairs = PairSelection.all();
        private long memoryBudget = PairwiseDiversity.DEFAULT_MEMORY_BUDGET;
        private Path tempDir;
        private String name = NAME;

        private Builder(Lpips lpips) {
            this.lpips = Objects.requireNonNull(lpips, "lpips");
        }

        /** All pairs (default) or K random pairs with a seed. */
        public Builder pairs(PairSelection p) {
            this.pairs = Objects.requireNonNull(p, "pairs");
            return this;
        }

        /** See {@link PairwiseDiversity.Builder#memoryBudget}. */
        public Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        /** Where embeddings over the budget are spilled (default: the system's temporary directory). */
        public Builder tempDir(Path dir) {
            this.tempDir = dir;
            return this;
        }

        /** Another name (e.g. when two diversities with different nets are logged). */
        public Builder name(String n) {
            this.name = Objects.requireNonNull(n, "name");
            return this;
        }

        public LpipsDiversity build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("metric name must not be blank");
            }
            if (memoryBudget < (16L << 20)) {
                throw new IllegalArgumentException("memory budget must be at least 16 MiB, got " + memoryBudget + " bytes");
            }
            return new LpipsDiversity(this);
        }
    }

    @Override
    public Direction direction() {
        return PairwiseDiversity.DIRECTION;
    }

    /** {@code lpips-<net>-v<version>}, e.g. {@code lpips-alex-v0.1}. */
    public String extractorId() {
        return "lpips-" + lpips.net().id() + "-v" + lpips.version();
    }

    /** {@code lpips-diversity} with the net, head version and pairs ({@code all} or a seeded count). */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        MetricSpec s = MetricSpec.of("lpips-diversity").with("net", lpips.net().id()).with("version", lpips.version());
        s = pairs.count() == 0 ? s.with("pairs", "all") : s.with("pairs", pairs.count()).with("seed", pairs.seed());
        return java.util.Optional.of(name.equals(NAME) ? s : s.with("name", name));
    }

    @Override
    public Accumulator start(int samples) {
        return new Session(atLeastTwo(samples));
    }

    /**
     * The diversity of a set of images in one call.
     *
     * @param images NCHW, 1 or 3 channels, 0..255, at least 2
     */
    public DiversityResult compute(INDArray images) {
        try (Session s = open((int) images.size(0))) {
            inSlices(images, s::add);
            return s.result();
        }
    }

    /**
     * A session over at most {@code capacity} images handed over batch by batch ({@link Session#add}),
     * so that they need not all be in memory at once.
     *
     * @throws IllegalArgumentException for fewer than 2 images
     */
    public Session open(int capacity) {
        return new Session(atLeastTwo(capacity));
    }

    /**
     * One diversity computation: images in ({@link #add}), the result out ({@link #result()}). Also the
     * evaluator's accumulator. Not thread safe; close it to delete a spill file when not finished.
     */
    public final class Session implements Accumulator, AutoCloseable {
        private final int capacity;
        private PairwiseDiversity diversity;
        private long[] shape;

        private Session(int capacity) {
            this.capacity = capacity;
        }

        /**
         * Embeds a batch of images (NCHW, 1 or 3 channels, 0..255, all of one size).
         *
         * @throws IllegalArgumentException for images of another size than the first batch's
         * @throws IllegalStateException    beyond the capacity
         */
        public void add(INDArray images) {
            long[] s = images.shape();
            if (shape != null && (s.length != 4 || s[2] != shape[2] || s[3] != shape[3])) {
                throw new IllegalArgumentException("LPIPS diversity needs images of one size: got "
                        + java.util.Arrays.toString(s) + " after " + shape[2] + "×" + shape[3]);
            }
            LpipsEmbedding e = lpips.embed(images);
            if (diversity == null) {
                shape = s;
                try {
                    diversity = PairwiseDiversity.builder(capacity, e.dim())
                            .groups(e.layerOffsets(), e.layerNames())
                            .negativeColumns(e.negativeColumns())
                            .pairs(pairs).memoryBudget(memoryBudget).tempDir(tempDir)
                            .build();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            diversity.add(e.values(), e.rows());
        }

        /** Images added so far. */
        public int size() {
            return diversity == null ? 0 : diversity.rows();
        }

        @Override
        public void accept(FeatureBatch batch) {
            add(batch.images());
        }

        /**
         * The diversity of the images added (once).
         *
         * @throws IllegalStateException with fewer than 2 images
         */
        public DiversityResult result() {
            if (diversity == null) {
                throw new IllegalStateException(tooFew(0));
            }
            return diversity.finish();
        }

        @Override
        public List<MetricValue> finish() {
            try {
                DiversityResult r = result();
                return List.of(new MetricValue(name, r.mean(), r.standardError(), extractorId()));
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            if (diversity != null) {
                diversity.close();
            }
        }
    }
}
