package org.ganeval4j.metric;

import java.io.Serializable;
import java.util.Arrays;
import org.ganeval4j.metric.internal.RowCoverage;
import org.ganeval4j.stats.FeatureMatrix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bounded, seeded, uniform random sample of the feature rows of a stream: what
 * {@link KernelInceptionDistance}, {@link PrecisionRecall} and {@link DensityCoverage} need, since
 * they use the features themselves and not summary statistics.
 *
 * <p><b>Memory bound.</b> At most {@link #capacity()} rows are kept, as float32, plus 20 bytes of
 * bookkeeping per kept row (its key, its stream position, a heap slot), so the storage is never more
 * than {@code capacity × (dimension × 4 + 20)} bytes ({@link #maxBytes()}), however many rows are
 * offered; it grows by doubling up to that bound ({@link #allocatedBytes()}). Example: 10,000 rows of
 * 2048 Inception features take at most 82,120,000 bytes (78 MiB).
 *
 * <p><b>Sampling.</b> Bottom-k sampling (Cohen and Kaplan, "Summarizing data using bottom-k
 * sketches", PODC 2007): every row has a stream position {@code t} (0, 1, 2, … in arrival order, or
 * given explicitly) and a 64-bit key {@code u(seed, t)}, output {@code t} of a SplitMix64 generator
 * started at the mixed seed (uniform and independent across positions for all practical purposes);
 * the reservoir keeps the {@code capacity} rows with the smallest keys. As the keys are i.i.d.
 * uniform, every {@code min(n, capacity)}-subset of {@code n} rows is equally likely to be held, as
 * with Vitter's Algorithm R. {@link #snapshot()} lists the kept rows in stream-position order, so
 * while {@code n ≤ capacity} the reservoir is exactly the stream, in order, and a metric on it equals
 * the metric on all rows.
 *
 * <p><b>Determinism and merging.</b> Which rows are kept depends only on the seed, the rows and their
 * positions: never on batch boundaries, arrival order or partitioning. Reservoirs of the same seed
 * filled in parallel over disjoint position ranges (each built with
 * {@link Builder#firstPosition(long)} at its part's first position, or fed with
 * {@link #add(long, float[], int)}) {@link #merge merge} into exactly the reservoir one sequential
 * pass over the whole stream gives — the same rows in the same order, whatever the merge order.
 * A position offered twice is refused.
 *
 * <p>{@link Serializable} (Java serialization, as Spark ships task results). Not thread safe.
 */
public final class FeatureReservoir implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final int MIN_ALLOCATED_ROWS = 16;
    /** Bytes of bookkeeping per kept row: key (8), position (8), heap slot (4). */
    private static final int BOOKKEEPING_BYTES = 20;

    private final int capacity;
    private final int dimension;
    private final long seed;
    private final long firstPosition;
    private final RowCoverage coverage = new RowCoverage();
    private float[] rows = new float[0];
    private long[] keys = new long[0];
    private long[] positions = new long[0];
    /** A max-heap of slots by (key, position): the root is the first row to go. */
    private int[] heap = new int[0];
    private int size;
    private long next;

    private FeatureReservoir(Builder b) {
        this.capacity = b.capacity;
        this.dimension = b.dimension;
        this.seed = b.seed;
        this.firstPosition = b.firstPosition;
        this.next = b.firstPosition;
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

    /** The seed of the keys. */
    public long seed() {
        return seed;
    }

    /** Rows kept now: {@code min(seen(), capacity())}. */
    public int size() {
        return size;
    }

    /** Rows offered so far (including merged reservoirs' rows). */
    public long seen() {
        return coverage.count();
    }

    /** The stream position the next {@link #add(float[], int)} gives its first row. */
    public long nextPosition() {
        return next;
    }

    /** The storage bound, {@code capacity × (dimension × 4 + 20)} bytes. */
    public long maxBytes() {
        return (long) capacity * ((long) dimension * Float.BYTES + BOOKKEEPING_BYTES);
    }

    /** Bytes of storage allocated now; never more than {@link #maxBytes()}. */
    public long allocatedBytes() {
        return (long) rows.length * Float.BYTES + (long) keys.length * BOOKKEEPING_BYTES;
    }

    /** Offers every row of {@code batch} at the next positions. */
    public void add(FeatureMatrix batch) {
        checkDimension(batch.cols());
        addChecked(next, batch.toArray(), batch.rows());
    }

    /**
     * Offers {@code rowCount} rows given row-major, at the next positions. The batch is validated
     * first: a bad batch changes nothing.
     *
     * @throws IllegalArgumentException when the length is not {@code rowCount × dimension} or a value is not finite
     */
    public void add(float[] rowMajor, int rowCount) {
        add(next, rowMajor, rowCount);
    }

    /**
     * Offers {@code rowCount} rows given row-major at stream positions {@code firstPosition},
     * {@code firstPosition + 1}, …; positions need not follow those offered before (a parallel part,
     * or a gap where an input could not be read), but none may have been offered already. The batch is
     * validated first: a bad batch changes nothing.
     *
     * @throws IllegalArgumentException for a wrong length, a non-finite value or a position offered already
     */
    public void add(long firstPosition, float[] rowMajor, int rowCount) {
        if (rowCount < 0 || (long) rowCount * dimension != rowMajor.length) {
            throw new IllegalArgumentException("expected rows × dimension = " + rowCount + " × " + dimension + " = "
                    + (long) rowCount * dimension + " values, found " + rowMajor.length);
        }
        FeatureMatrix.requireFinite(rowMajor, dimension, 0);
        addChecked(firstPosition, rowMajor, rowCount);
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

    private void addChecked(long first, float[] data, int count) {
        coverage.add(first, first + count);
        for (int r = 0; r < count; r++) {
            long t = first + r;
            offer(key(seed, t), t, data, r * dimension);
        }
        next = Math.max(next, first + count);
    }

    /**
     * The key of stream position {@code t}: output {@code t} of a SplitMix64 generator started at the
     * mixed seed (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
     * Distinct for distinct positions of one seed.
     */
    static long key(long seed, long t) {
        return mix64(mix64(seed) + (t + 1) * 0x9E3779B97F4A7C15L);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** True when (k1, t1) comes after (k2, t2): larger unsigned key, ties by larger position. */
    private static boolean after(long k1, long t1, long k2, long t2) {
        int c = Long.compareUnsigned(k1, k2);
        return c > 0 || (c == 0 && t1 > t2);
    }

    private boolean slotAfter(int a, int b) {
        return after(keys[a], positions[a], keys[b], positions[b]);
    }

    private void offer(long k, long t, float[] data, int offset) {
        if (size < capacity) {
            ensureRows(size + 1);
            int slot = size;
            System.arraycopy(data, offset, rows, slot * dimension, dimension);
            keys[slot] = k;
            positions[slot] = t;
            heap[size] = slot;
            size++;
            siftUp(size - 1);
            return;
        }
        int root = heap[0];
        if (!after(keys[root], positions[root], k, t)) {
            return;
        }
        System.arraycopy(data, offset, rows, root * dimension, dimension);
        keys[root] = k;
        positions[root] = t;
        siftDown(0);
    }

    private void siftUp(int i) {
        int s = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!slotAfter(s, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = s;
    }

    private void siftDown(int i) {
        int s = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && slotAfter(heap[child + 1], heap[child])) {
                child++;
            }
            if (!slotAfter(heap[child], s)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = s;
    }

    private void ensureRows(int needed) {
        int allocated = keys.length;
        if (needed <= allocated) {
            return;
        }
        int grown = (int) Math.min(capacity, Math.max((long) needed, Math.max(MIN_ALLOCATED_ROWS, 2L * allocated)));
        rows = Arrays.copyOf(rows, grown * dimension);
        keys = Arrays.copyOf(keys, grown);
        positions = Arrays.copyOf(positions, grown);
        heap = Arrays.copyOf(heap, grown);
    }

    /**
     * Adds {@code other}'s rows to this reservoir: afterwards it holds what one pass over both streams
     * would hold (the {@code capacity} smallest keys of both), {@code seen() == seen + other.seen} and
     * {@link #nextPosition()} is past both. {@code other} is unchanged.
     *
     * @throws IllegalArgumentException when capacities, dimensions or seeds differ, when both were offered
     *                                  a row at the same position, or when {@code other} is this reservoir
     */
    public void merge(FeatureReservoir other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a reservoir with itself");
        }
        if (other.capacity != capacity || other.dimension != dimension || other.seed != seed) {
            throw new IllegalArgumentException("expected a reservoir of capacity " + capacity + ", dimension " + dimension
                    + " and seed " + seed + ", found capacity " + other.capacity + ", dimension " + other.dimension
                    + " and seed " + other.seed);
        }
        coverage.addAll(other.coverage);
        for (int s = 0; s < other.size; s++) {
            offer(other.keys[s], other.positions[s], other.rows, s * dimension);
        }
        next = Math.max(next, other.next);
    }

    private int[] slotsByPosition() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(positions[a], positions[b]));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** A copy of the kept rows in stream-position order ({@link #size()} rows). */
    public FeatureMatrix snapshot() {
        float[] out = new float[size * dimension];
        int[] order = slotsByPosition();
        for (int i = 0; i < size; i++) {
            System.arraycopy(rows, order[i] * dimension, out, i * dimension, dimension);
        }
        return FeatureMatrix.of(out, size, dimension);
    }

    /** The stream positions of the kept rows, ascending (the rows of {@link #snapshot()}). */
    public long[] keptPositions() {
        int[] order = slotsByPosition();
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = positions[order[i]];
        }
        return out;
    }

    /**
     * Forgets every row and position; the next {@link #add(float[], int)} starts again at the
     * builder's first position (so the same rows give the same sample).
     */
    public void clear() {
        rows = new float[0];
        keys = new long[0];
        positions = new long[0];
        heap = new int[0];
        size = 0;
        coverage.clear();
        next = firstPosition;
    }

    @Override
    public String toString() {
        return "FeatureReservoir[" + size + "/" + capacity + " rows of " + dimension + ", seen " + seen() + ", seed " + seed
                + "]";
    }

    /** Builder: capacity and dimension required; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private final int capacity;
        private final int dimension;
        private long seed = 2020;
        private long firstPosition;

        private Builder(int capacity, int dimension) {
            this.capacity = capacity;
            this.dimension = dimension;
        }

        /** Seed of the keys (default 2020). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The stream position of the first row {@link #add(float[], int)} offers (default 0): for a part
         * of a stream filled in parallel, the position of the part's first row in the whole stream.
         */
        public Builder firstPosition(long position) {
            this.firstPosition = position;
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
            if (firstPosition < 0) {
                throw new IllegalArgumentException("first stream position must be >= 0, found " + firstPosition);
            }
            return new FeatureReservoir(this);
        }
    }
}
