package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bounded, seeded, uniform random sample of the feature rows of a stream: what
 * {@link KernelInceptionDistance}, {@link PrecisionRecall} and {@link DensityCoverage} need, since
 * they use the features themselves and not summary statistics.
 *
 * <p><b>Memory bound.</b> At most {@link #capacity()} rows are kept, as float32, so the storage is
 * never more than {@code capacity × dimension × 4} bytes ({@link #maxBytes()}), however many rows
 * are offered; it grows by doubling up to that bound ({@link #allocatedBytes()}). Example: 10,000
 * rows of 2048 Inception features take at most 81,920,000 bytes (78 MiB).
 *
 * <p><b>Sampling.</b> Vitter's Algorithm R (Vitter, "Random Sampling with a Reservoir", ACM TOMS
 * 1985): the first {@code capacity} rows are kept in arrival order; the row with 0-based index
 * {@code t ≥ capacity} draws {@code j} uniform in [0, t] and replaces slot {@code j} when
 * {@code j < capacity}. After {@code n} rows every {@code min(n, capacity)}-subset of them is equally
 * likely to be held. While {@code n ≤ capacity} the reservoir is exactly the stream, in order, so a
 * metric on {@link #snapshot()} equals the metric on all rows.
 *
 * <p><b>Determinism.</b> The kept rows and their order depend only on the seed, the rows and the
 * order they arrive in: never on how they were cut into batches (rows are processed one at a
 * time). {@link #merge} combines two reservoirs into a uniform sample of both streams (a
 * hypergeometric split of the slots, then uniform picks from each side, drawn from this
 * reservoir's generator), so reservoirs filled in parallel can be combined; the result depends on
 * the merge order.
 *
 * <p>Not thread safe.
 */
public final class FeatureReservoir {
    private static final int MIN_ALLOCATED_ROWS = 16;

    private final int capacity;
    private final int dimension;
    private final long seed;
    private final SplittableRandom random;
    private float[] rows = new float[0];
    private int size;
    private long seen;

    private FeatureReservoir(Builder b) {
        this.capacity = b.capacity;
        this.dimension = b.dimension;
        this.seed = b.seed;
        this.random = new SplittableRandom(b.seed);
    }

    /**
     * A builder.
     *
     * @param capacity the most rows ever kept, ≥ 1
     * @param dimension the feature dimension, ≥ 1
     */
    public static Builder builder(int capacity, int dimension) {
        return new Builder(capacity, dimension);
    }

    /** The most rows ever kept. */
    public int capacity() {
        return capacity;
    }

    /** The feature dimension. */
    public int dimension() {
        return dimension;
    }

    /** The seed of the sampling generator. */
    public long seed() {
        return seed;
    }

    /** Rows kept now: {@code min(seen(), capacity())}. */
    public int size() {
        return size;
    }

    /** Rows offered so far (including merged reservoirs' rows). */
    public long seen() {
        return seen;
    }

    /** The storage bound, {@code capacity × dimension × 4} bytes. */
    public long maxBytes() {
        return (long) capacity * dimension * Float.BYTES;
    }

    /** Bytes of row storage allocated now; never more than {@link #maxBytes()}. */
    public long allocatedBytes() {
        return (long) rows.length * Float.BYTES;
    }

    /** Offers every row of {@code batch}. */
    public void add(FeatureMatrix batch) {
        checkDimension(batch.cols());
        addChecked(batch.toArray(), batch.rows());
    }

    /**
     * Offers {@code rowCount} rows given row-major. The batch is validated first: a bad batch
     * changes nothing.
     *
     * @throws IllegalArgumentException when the length is not {@code rowCount × dimension} or a value is not finite
     */
    public void add(float[] rowMajor, int rowCount) {
        if (rowCount < 0 || (long) rowCount * dimension != rowMajor.length) {
            throw new IllegalArgumentException("expected rows × dimension = " + rowCount + " × " + dimension + " = "
                    + (long) rowCount * dimension + " values, found " + rowMajor.length);
        }
        FeatureMatrix.requireFinite(rowMajor, dimension, 0);
        addChecked(rowMajor, rowCount);
    }

    /**
     * Offers the rows of a rank-2 ND4J array {@code [samples, dimension]} (rounded to float32).
     *
     * @throws IllegalArgumentException for another shape or a non-finite value
     */
    public void add(INDArray batch) {
        add(FeatureMatrix.of(batch));
    }

    private void checkDimension(int cols) {
        if (cols != dimension) {
            throw new IllegalArgumentException("expected feature rows of dimension " + dimension + ", found " + cols);
        }
    }

    private void addChecked(float[] data, int count) {
        for (int r = 0; r < count; r++) {
            long t = seen++;
            if (t < capacity) {
                ensureRows(size + 1);
                System.arraycopy(data, r * dimension, rows, size * dimension, dimension);
                size++;
            } else {
                long j = random.nextLong(t + 1);
                if (j < capacity) {
                    System.arraycopy(data, r * dimension, rows, (int) j * dimension, dimension);
                }
            }
        }
    }

    private void ensureRows(int needed) {
        int allocated = rows.length / dimension;
        if (needed <= allocated) {
            return;
        }
        int grown = (int) Math.min(capacity, Math.max((long) needed, Math.max(MIN_ALLOCATED_ROWS, 2L * allocated)));
        rows = Arrays.copyOf(rows, grown * dimension);
    }

    /**
     * Adds {@code other}'s stream to this one: afterwards this reservoir holds a uniform sample of
     * {@code min(capacity, seen + other.seen)} rows of both streams together and
     * {@code seen() == seen + other.seen}. {@code other} is unchanged. Rows offered later continue
     * Algorithm R as if they followed both streams.
     *
     * @throws IllegalArgumentException when capacities or dimensions differ, or {@code other} is this reservoir
     */
    public void merge(FeatureReservoir other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a reservoir with itself");
        }
        if (other.capacity != capacity || other.dimension != dimension) {
            throw new IllegalArgumentException("expected a reservoir of capacity " + capacity + " and dimension " + dimension
                    + ", found capacity " + other.capacity + " and dimension " + other.dimension);
        }
        long total = seen + other.seen;
        if (total <= capacity) {
            ensureRows((int) total);
            System.arraycopy(other.rows, 0, rows, size * dimension, other.size * dimension);
            size += other.size;
            seen = total;
            return;
        }
        // draw the slots' origins without replacement from an urn of seen + other.seen rows
        long a = seen;
        long b = other.seen;
        int fromThis = 0;
        for (int s = 0; s < capacity; s++) {
            if (random.nextLong(a + b) < a) {
                fromThis++;
                a--;
            } else {
                b--;
            }
        }
        int fromOther = capacity - fromThis;
        float[] merged = new float[capacity * dimension];
        int[] mine = pick(size, fromThis);
        int[] theirs = pick(other.size, fromOther);
        for (int i = 0; i < fromThis; i++) {
            System.arraycopy(rows, mine[i] * dimension, merged, i * dimension, dimension);
        }
        for (int i = 0; i < fromOther; i++) {
            System.arraycopy(other.rows, theirs[i] * dimension, merged, (fromThis + i) * dimension, dimension);
        }
        rows = merged;
        size = capacity;
        seen = total;
    }

    /** {@code count} distinct indices of [0, n), uniformly (partial Fisher–Yates). */
    private int[] pick(int n, int count) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, count);
    }

    /** A copy of the kept rows, in slot order ({@link #size()} rows). */
    public FeatureMatrix snapshot() {
        return FeatureMatrix.of(Arrays.copyOf(rows, size * dimension), size, dimension);
    }

    /** Forgets every row (and the count of rows seen); the generator continues its stream. */
    public void clear() {
        rows = new float[0];
        size = 0;
        seen = 0;
    }

    @Override
    public String toString() {
        return "FeatureReservoir[" + size + "/" + capacity + " rows of " + dimension + ", seen " + seen + ", seed " + seed + "]";
    }

    /** Builder: capacity and dimension required; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private final int capacity;
        private final int dimension;
        private long seed = 2020;

        private Builder(int capacity, int dimension) {
            this.capacity = capacity;
            this.dimension = dimension;
        }

        /** Seed of the sampling generator (default 2020). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Validates and builds. */
        public FeatureReservoir build() {
            if (capacity < 1) {
                throw new IllegalArgumentException("reservoir capacity must be >= 1 row, found " + capacity);
            }
            if (dimension < 1) {
                throw new IllegalArgumentException("feature dimension must be >= 1, found " + dimension);
            }
            if ((long) capacity * dimension > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("capacity × dimension must fit one Java array (<= " + (Integer.MAX_VALUE - 8)
                        + " floats), found " + capacity + " × " + dimension + " = " + (long) capacity * dimension);
            }
            return new FeatureReservoir(this);
        }
    }
}
