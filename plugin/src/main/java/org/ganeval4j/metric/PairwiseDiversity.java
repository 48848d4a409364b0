package org.ganeval4j.metric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ganeval4j.internal.linalg.NativeMatrix;

/**
 * The mean distance over pairs of samples, {@code d(i, j) = Σ_k s_k (x_ik − x_jk)²}, from their
 * embeddings {@code x_i} (rows, float32) and a sign per column ({@code s_k = ±1}; LPIPS embeddings
 * have {@code s_k = +1} for the published heads): the "average LPIPS distance between pairs of
 * samples" diversity of Zhu et al., "Toward Multimodal Image-to-Image Translation" (NeurIPS 2017)
 * and later GAN papers. Embeddings go in batch by batch ({@link #add}); {@link #finish} averages.
 *
 * <h2>Routes</h2>
 * <ul>
 *   <li><b>gram</b> — all pairs, all signs +1: d(i, j) = G_ii + G_jj − 2 G_ij with the Gram matrix
 *       G = X Xᵀ (N × N, float64, {@code dsyrk} over column blocks of X), so N samples cost N
 *       embeddings and one Gram matrix instead of N(N−1)/2 distance evaluations. Round-off can
 *       make a distance of (near-)identical samples a tiny negative number; it is set to 0.</li>
 *   <li><b>pairs</b> — {@code K} random distinct pairs ({@link PairSelection}): each distance from the
 *       difference of the two embeddings, in float64.</li>
 *   <li><b>brute-force</b> — all pairs with some signs −1 (a head with negative weights, where the
 *       distance is no squared Euclidean distance): every pair's distance from the difference of the
 *       embeddings, O(N²·D).</li>
 * </ul>
 * Per-layer means (column groups) come from the identity
 * {@code Σ_{i<j} d(i,j) = Σ_k s_k (N Σ_i x_ik² − (Σ_i x_ik)²)} over the group's columns (all pairs) or
 * from the pair differences (random pairs).
 *
 * <h2>Standard error</h2>
 * See {@link #standardError}: pairs that share a sample are correlated, so the naive
 * {@code std/√pairs} would understate the error of an all-pairs mean by a factor of about √N.
 *
 * <h2>Memory</h2>
 * The embeddings are kept column block by column block (blocks of at most 32 MiB, never straddling a
 * group): in memory when {@code capacity·dim·4} bytes fit the memory budget (default 1 GiB), else in a
 * temporary file of that size that is read once, block by block, and deleted by {@link #finish} or
 * {@link #close}. {@link #finish} needs in addition the Gram matrix ({@code N²·8} bytes, all pairs;
 * refused at construction when it exceeds the budget) or {@code 8·K} bytes of distances (random pairs),
 * and one block in float64 (about 5 × 32 MiB at most).
 *
 * <p>Not thread safe. One instance serves one evaluation.
 */
public final class PairwiseDiversity implements AutoCloseable {
    /** Default bound on the bytes of embeddings kept in memory and on the Gram matrix: 1 GiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 1L << 30;
    /** A mean perceptual distance between samples: higher means more diverse, which is better. */
    public static final Direction DIRECTION = Direction.HIGHER_IS_BETTER;
    private static final long BLOCK_BYTES = 32L << 20;

    private final int capacity;
    private final int dim;
    private final List<String> groupNames;
    private final boolean[] negative;
    private final PairSelection selection;
    private final int[] blockStart;
    private final int[] blockWidth;
    private final int[] blockGroup;
    private final int maxWidth;
    private final Store store;
    private int rows;
    private boolean finished;

    private PairwiseDiversity(Builder b) throws IOException {
        this.capacity = b.capacity;
        this.dim = b.dim;
        this.groupNames = List.copyOf(b.groupNames);
        this.negative = b.negative;
        this.selection = b.selection;
        int width = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(BLOCK_BYTES, b.memoryBudget / 16)
                / (4L * capacity)));
        List<int[]> blocks = new ArrayList<>();
        for (int g = 0; g + 1 < b.groupOffsets.length; g++) {
            for (int s = b.groupOffsets[g]; s < b.groupOffsets[g + 1]; s += width) {
                blocks.add(new int[] {s, Math.min(width, b.groupOffsets[g + 1] - s), g});
            }
        }
        this.blockStart = blocks.stream().mapToInt(x -> x[0]).toArray();
        this.blockWidth = blocks.stream().mapToInt(x -> x[1]).toArray();
        this.blockGroup = blocks.stream().mapToInt(x -> x[2]).toArray();
        this.maxWidth = Arrays.stream(blockWidth).max().orElse(1);
        long bytes = 4L * capacity * dim;
        this.store = bytes <= b.memoryBudget ? new MemoryStore(capacity, blockWidth)
                : new FileStore(b.tempDir, capacity, blockStart, blockWidth);
    }

    /**
     * A builder for up to {@code capacity} samples (≥ 2) of {@code dim} columns (≥ 1).
     */
    public static Builder builder(int capacity, int dim) {
        return new Builder(capacity, dim);
    }

    /** Validating builder. */
    public static final class Builder {
        private final int capacity;
        private final int dim;
        private int[] groupOffsets;
        private List<String> groupNames = List.of("all");
        private boolean[] negative;
        private PairSelection selection = PairSelection.all();
        private long memoryBudget = DEFAULT_MEMORY_BUDGET;
        private Path tempDir;

        private Builder(int capacity, int dim) {
            this.capacity = capacity;
            this.dim = dim;
            this.groupOffsets = new int[] {0, dim};
        }

        /** Column groups (e.g. LPIPS layers): where each starts, then {@code dim}; and their names. */
        public Builder groups(int[] offsets, List<String> names) {
            this.groupOffsets = offsets.clone();
            this.groupNames = List.copyOf(names);
            return this;
        }

        /** Columns whose sign is −1 (null or all false: every sign +1). */
        public Builder negativeColumns(boolean[] negativeColumns) {
            this.negative = negativeColumns == null ? null : negativeColumns.clone();
            return this;
        }

        /** Which pairs (default all). */
        public Builder pairs(PairSelection s) {
            this.selection = Objects.requireNonNull(s, "pairs");
            return this;
        }

        /** Bytes of embeddings kept in memory before spilling to a file, and the bound on the Gram matrix (default 1 GiB). */
        public Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        /** Where a spill file goes (default: the system's temporary directory). */
        public Builder tempDir(Path dir) {
            this.tempDir = dir;
            return this;
        }

        /**
         * @throws IllegalArgumentException for inconsistent sizes, or an all-pairs Gram matrix over the budget
         * @throws IOException              when the spill file cannot be created
         */
        public PairwiseDiversity build() throws IOException {
            if (capacity < 2) {
                throw new IllegalArgumentException("pairwise diversity needs at least 2 samples, got " + capacity);
            }
            if (dim < 1) {
                throw new IllegalArgumentException("embedding dimension must be >= 1, got " + dim);
            }
            if (memoryBudget < (16L << 20)) {
                throw new IllegalArgumentException("memory budget must be at least 16 MiB, got " + memoryBudget + " bytes");
            }
            if (groupOffsets.length != groupNames.size() + 1 || groupOffsets[0] != 0
                    || groupOffsets[groupOffsets.length - 1] != dim) {
                throw new IllegalArgumentException("group offsets must start at 0, end at dim=" + dim + " and number one"
                        + " more than the " + groupNames.size() + " group names, got " + Arrays.toString(groupOffsets));
            }
            for (int i = 1; i < groupOffsets.length; i++) {
                if (groupOffsets[i] < groupOffsets[i - 1]) {
                    throw new IllegalArgumentException("group offsets must not decrease, got " + Arrays.toString(groupOffsets));
                }
            }
            if (negative != null && negative.length != dim) {
                throw new IllegalArgumentException("expected " + dim + " column signs, got " + negative.length);
            }
            if (negative != null) {
                boolean any = false;
                for (boolean v : negative) {
                    any |= v;
                }
                if (!any) {
                    negative = null;
                }
            }
            if (selection.coversAll(capacity) && (long) capacity * capacity * 8 > memoryBudget) {
                throw new IllegalArgumentException("all-pairs diversity of " + capacity + " samples needs an N×N Gram"
                        + " matrix of " + mib((long) capacity * capacity * 8) + ", over the memory budget of "
                        + mib(memoryBudget) + "; use random pairs or a larger budget");
            }
            if (!selection.coversAll(capacity) && selection.count() > memoryBudget / 16) {
                throw new IllegalArgumentException(selection.count() + " random pairs need "
                        + mib(selection.count() * 16) + ", over the memory budget of " + mib(memoryBudget));
            }
            return new PairwiseDiversity(this);
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Samples added so far. */
    public int rows() {
        return rows;
    }

    /** True when the embeddings went to a temporary file (over the memory budget). */
    public boolean spilled() {
        return store instanceof FileStore;
    }

    /**
     * Adds embeddings.
     *
     * @param rowMajor {@code n × dim} values
     * @throws IllegalArgumentException for a wrong length or non-finite values
     * @throws IllegalStateException    beyond the capacity or after {@link #finish}
     */
    public void add(float[] rowMajor, int n) {
        if (finished) {
            throw new IllegalStateException("diversity already finished");
        }
        if ((long) n * dim != rowMajor.length) {
            throw new IllegalArgumentException("expected " + n + "×" + dim + " values, got " + rowMajor.length);
        }
        if (rows + n > capacity) {
            throw new IllegalStateException("more samples than the " + capacity + " announced");
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Float.isFinite(rowMajor[i])) {
                throw new IllegalArgumentException("embedding of sample " + (rows + i / dim) + " holds " + rowMajor[i]);
            }
        }
        for (int b = 0; b < blockStart.length; b++) {
            int w = blockWidth[b];
            float[] block = new float[n * w];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rowMajor, i * dim + blockStart[b], block, i * w, w);
            }
            store.put(b, rows, n, block);
        }
        rows += n;
    }

    /**
     * The diversity of the samples added.
     *
     * @throws IllegalStateException with fewer than 2 samples, or when called twice
     */
    public DiversityResult finish() {
        if (finished) {
            throw new IllegalStateException("diversity already finished");
        }
        if (rows < 2) {
            throw new IllegalStateException("pairwise diversity needs at least 2 samples, got " + rows);
        }
        finished = true;
        try {
            if (!selection.coversAll(rows)) {
                return randomPairs();
            }
            return negative == null ? gram() : bruteForce();
        } finally {
            store.close();
        }
    }

    private DiversityResult gram() {
        int n = rows;
        double[] q = new double[groupNames.size()];
        double[] ss = new double[groupNames.size()];
        double[] g;
        try (NativeMatrix gm = NativeMatrix.zeros(n, n); NativeMatrix block = NativeMatrix.zeros(maxWidth, n)) {
            double[] buf = new double[maxWidth * n];
            for (int b = 0; b < blockStart.length; b++) {
                int w = blockWidth[b];
                float[] x = store.get(b, n);
                if (w < maxWidth) {
                    Arrays.fill(buf, 0);
                }
                groupSums(x, n, b, q, ss);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < w; k++) {
                        buf[i * maxWidth + k] = x[i * w + k];
                    }
                }
                block.setColumnMajor(buf);
                gm.syrkTransLower(1.0, block, 1.0);
            }
            g = gm.toColumnMajor();
        }
        long pairs = PairSelection.pairsOf(n);
        double sum = 0;
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                sum += Math.max(dist(g, n, i, j), 0);
            }
        }
        double mean = sum / pairs;
        Moments m = new Moments(n, mean);
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                m.add(i, j, Math.max(dist(g, n, i, j), 0));
            }
        }
        return result(mean, m, pairs, groupMeansAll(q, ss, n), "gram");
    }

    private static double dist(double[] g, int n, int i, int j) {
        return g[i + i * n] + g[j + j * n] - 2 * g[i + j * n];
    }

    private DiversityResult bruteForce() {
        int n = rows;
        double[] q = new double[groupNames.size()];
        double[] ss = new double[groupNames.size()];
        double[] d = new double[Math.toIntExact(PairSelection.pairsOf(n))];
        for (int b = 0; b < blockStart.length; b++) {
            int w = blockWidth[b];
            float[] x = store.get(b, n);
            groupSums(x, n, b, q, ss);
            int p = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    d[p++] += blockDistance(x, w, i, j, blockStart[b]);
                }
            }
        }
        double mean = Arrays.stream(d).sum() / d.length;
        Moments m = new Moments(n, mean);
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m.add(i, j, d[p++]);
            }
        }
        return result(mean, m, d.length, groupMeansAll(q, ss, n), "brute-force");
    }

    private DiversityResult randomPairs() {
        int n = rows;
        long[] chosen = selection.choose(n);
        int k = chosen.length;
        double[] d = new double[k];
        double[] groups = new double[groupNames.size()];
        for (int b = 0; b < blockStart.length; b++) {
            int w = blockWidth[b];
            float[] x = store.get(b, n);
            double part = 0;
            for (int p = 0; p < k; p++) {
                double v = blockDistance(x, w, (int) (chosen[p] / n), (int) (chosen[p] % n), blockStart[b]);
                d[p] += v;
                part += v;
            }
            groups[blockGroup[b]] += part;
        }
        double mean = Arrays.stream(d).sum() / k;
        Moments m = new Moments(n, mean);
        for (int p = 0; p < k; p++) {
            m.add((int) (chosen[p] / n), (int) (chosen[p] % n), d[p]);
        }
        for (int g = 0; g < groups.length; g++) {
            groups[g] /= k;
        }
        return result(mean, m, k, groups, "pairs");
    }

    private double blockDistance(float[] x, int w, int i, int j, int column0) {
        double s = 0;
        int a = i * w;
        int c = j * w;
        if (negative == null) {
            for (int k = 0; k < w; k++) {
                double v = (double) x[a + k] - x[c + k];
                s += v * v;
            }
        } else {
            for (int k = 0; k < w; k++) {
                double v = (double) x[a + k] - x[c + k];
                s += negative[column0 + k] ? -v * v : v * v;
            }
        }
        return s;
    }

    /** Adds Σ_k s_k Σ_i x_ik² to q and Σ_k s_k (Σ_i x_ik)² to ss for the block's group. */
    private void groupSums(float[] x, int n, int b, double[] q, double[] ss) {
        int w = blockWidth[b];
        double[] col = new double[w];
        double sq = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w; k++) {
                double v = x[i * w + k];
                col[k] += v;
                sq += sign(blockStart[b] + k) * v * v;
            }
        }
        double s2 = 0;
        for (int k = 0; k < w; k++) {
            s2 += sign(blockStart[b] + k) * col[k] * col[k];
        }
        q[blockGroup[b]] += sq;
        ss[blockGroup[b]] += s2;
    }

    private double sign(int column) {
        return negative != null && negative[column] ? -1 : 1;
    }

    private static double[] groupMeansAll(double[] q, double[] ss, int n) {
        double[] out = new double[q.length];
        double pairs = PairSelection.pairsOf(n);
        for (int g = 0; g < q.length; g++) {
            out[g] = (n * q[g] - ss[g]) / pairs;
        }
        return out;
    }

    private DiversityResult result(double mean, Moments m, long pairs, double[] groups, String route) {
        return new DiversityResult(mean, m.standardError(), m.pairStd(), pairs, rows, groupNames, groups, route);
    }

    /**
     * Standard error of the mean of {@code d} over distinct pairs {@code (i[p], j[p])} of {@code n}
     * samples, as an estimate of the expected distance θ between two independent samples. Pairs that
     * share a sample are correlated: with {@code K} pairs, Hoeffding's decomposition gives
     * <pre>Var(mean) = (K ζ₂ + M₁ ζ₁) / K²</pre>
     * with {@code ζ₂ = Var d}, {@code ζ₁} the covariance of two pairs sharing one sample and
     * {@code M₁ = Σ_s c_s (c_s − 1)} the ordered couples of pairs sharing a sample s ({@code c_s} pairs
     * contain s); for all pairs this is the U-statistic variance {@code (4(N−2) ζ₁ + 2 ζ₂) / (N(N−1))},
     * about √N times the naive {@code std/√pairs}. It is estimated as {@code mean²} minus the unbiased
     * estimate of θ² from the couples of disjoint pairs; with {@code e_p = d_p − mean},
     * {@code R_s = Σ_{p∋s} e_p}, {@code Q_s = Σ_{p∋s} e_p²}:
     * <pre>Var̂ = (Σ_p e_p² + Σ_s (R_s² − Q_s)) / (K² − K − M₁)</pre>
     * which is unbiased for all pairs (and nearly so for random pairs). Where no two pairs are disjoint
     * (3 samples) the denominator is {@code K²} instead. A negative estimate gives 0; a single pair NaN.
     */
    public static double standardError(int n, int[] i, int[] j, double[] d) {
        if (i.length != d.length || j.length != d.length) {
            throw new IllegalArgumentException("expected as many pair indices as distances");
        }
        double mean = Arrays.stream(d).sum() / d.length;
        Moments m = new Moments(n, mean);
        for (int p = 0; p < d.length; p++) {
            m.add(i[p], j[p], d[p]);
        }
        return m.standardError();
    }

    /** Second-pass sums over pairs for the standard error. */
    private static final class Moments {
        private final double mean;
        private final double[] r;
        private final double[] q;
        private final long[] c;
        private double sumSq;
        private long pairs;

        Moments(int n, double mean) {
            this.mean = mean;
            this.r = new double[n];
            this.q = new double[n];
            this.c = new long[n];
        }

        void add(int i, int j, double d) {
            double e = d - mean;
            double e2 = e * e;
            r[i] += e;
            r[j] += e;
            q[i] += e2;
            q[j] += e2;
            c[i]++;
            c[j]++;
            sumSq += e2;
            pairs++;
        }

        double pairStd() {
            return pairs < 2 ? Double.NaN : Math.sqrt(sumSq / (pairs - 1));
        }

        double standardError() {
            if (pairs < 2) {
                return Double.NaN;
            }
            double m1 = 0;
            double shared = 0;
            for (int s = 0; s < r.length; s++) {
                m1 += (double) c[s] * (c[s] - 1);
                shared += r[s] * r[s] - q[s];
            }
            double k = pairs;
            double disjoint = k * k - k - m1;
            double var = (sumSq + shared) / (disjoint > 0 ? disjoint : k * k);
            return Math.sqrt(Math.max(var, 0));
        }
    }

    /** Deletes a spill file; the embeddings are gone. */
    @Override
    public void close() {
        finished = true;
        store.close();
    }

    /** Where the column blocks live. */
    private interface Store {
        void put(int block, int row0, int n, float[] values);

        /** The first n rows of a block, row-major. */
        float[] get(int block, int n);

        void close();
    }

    private static final class MemoryStore implements Store {
        private final float[][] blocks;
        private final int[] width;

        MemoryStore(int capacity, int[] width) {
            this.width = width;
            this.blocks = new float[width.length][];
            for (int b = 0; b < width.length; b++) {
                blocks[b] = new float[capacity * width[b]];
            }
        }

        @Override
        public void put(int block, int row0, int n, float[] values) {
            System.arraycopy(values, 0, blocks[block], row0 * width[block], n * width[block]);
        }

        @Override
        public float[] get(int block, int n) {
            return n * width[block] == blocks[block].length ? blocks[block] : Arrays.copyOf(blocks[block], n * width[block]);
        }

        @Override
        public void close() {
            Arrays.fill(blocks, null);
        }
    }

    private static final class FileStore implements Store {
        private final Path file;
        private final FileChannel channel;
        private final long[] offset;
        private final int[] width;

        FileStore(Path dir, int capacity, int[] start, int[] width) throws IOException {
            this.file = dir == null ? Files.createTempFile("ganeval4j-diversity", ".f32")
                    : Files.createTempFile(dir, "ganeval4j-diversity", ".f32");
            this.file.toFile().deleteOnExit();
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.width = width;
            this.offset = new long[start.length];
            for (int b = 0; b < start.length; b++) {
                offset[b] = 4L * capacity * start[b];
            }
        }

        @Override
        public void put(int block, int row0, int n, float[] values) {
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            long pos = offset[block] + 4L * row0 * width[block];
            try {
                while (buf.hasRemaining()) {
                    pos += channel.write(buf, pos);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing the diversity spill file " + file, e);
            }
        }

        @Override
        public float[] get(int block, int n) {
            ByteBuffer buf = ByteBuffer.allocate(n * width[block] * 4).order(ByteOrder.LITTLE_ENDIAN);
            long pos = offset[block];
            try {
                while (buf.hasRemaining()) {
                    int got = channel.read(buf, pos);
                    if (got < 0) {
                        throw new IOException("unexpected end of file");
                    }
                    pos += got;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the diversity spill file " + file, e);
            }
            buf.flip();
            float[] out = new float[n * width[block]];
            buf.asFloatBuffer().get(out);
            return out;
        }

        @Override
        public void close() {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("deleting the diversity spill file " + file, e);
            }
        }
    }
}
