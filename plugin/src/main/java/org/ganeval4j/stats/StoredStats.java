package org.ganeval4j.stats;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.Npz;
import org.ganeval4j.io.NpyHeader;

/**
 * Statistics in an {@code .npz} file ({@link StatsFile}'s layout) whose covariance stays in the file
 * until it is needed: μ, the sample count and the provenance are read on {@link StatsFile#open
 * opening}, the d × d Σ is streamed from the file each time {@link #copyCovarianceTo} asks for it —
 * for a native matrix, say, without ever holding d² values on the Java heap. At d = 2048 that saves
 * 32 MiB of heap per file and the time to touch it; {@code ganeval4j fid A.npz B.npz} works this way
 * (see {@code FrechetDistance.compute(StoredStats, StoredStats)}).
 *
 * <p>Immutable; the file must not change while it is in use (a changed shape is refused).
 */
public final class StoredStats {
    private final Path file;
    private final double[] mean;
    private final long count;
    private final StatsProvenance provenance;

    StoredStats(Path file, double[] mean, long count, StatsProvenance provenance) {
        this.file = file;
        this.mean = mean;
        this.count = count;
        this.provenance = provenance;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The feature dimension d. */
    public int dim() {
        return mean.length;
    }

    /** Number of samples N, 0 when unknown (files from other tools). */
    public long count() {
        return count;
    }

    /** What the file says about itself (unknown for files without metadata). */
    public StatsProvenance provenance() {
        return provenance;
    }

    /** μ (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Streams Σ (d² values, row-major — the same as column-major, Σ being symmetric) into
     * {@code target}'s next d² positions and checks what it wrote as {@link GaussianStats} checks
     * its covariance (finite, symmetric to 1e-6 of its largest element), as well as the entry's
     * CRC-32.
     *
     * @throws FileFormatException when the file is corrupt, Σ fails a check or the file changed
     *                             since it was opened
     */
    public void copyCovarianceTo(DoubleBuffer target) throws IOException {
        DoubleBuffer region = target.slice();
        copyUncheckedTo(target);
        region.limit(dim() * dim());
        try {
            StatsChecks.requireFiniteSymmetric(region, dim());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** Σ on the heap: everything as {@link StatsFile#read(Path)} reads it. */
    public GaussianStats load() throws IOException {
        int d = dim();
        double[] sigma = new double[Math.multiplyExact(d, d)];
        copyUncheckedTo(DoubleBuffer.wrap(sigma));
        try {
            return new GaussianStats(mean, sigma, count, provenance);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** Streams Σ into {@code target} without the value checks (the CRC-32 is checked). */
    private void copyUncheckedTo(DoubleBuffer target) throws IOException {
        int d = dim();
        if (target.remaining() < (long) d * d) {
            throw new IllegalArgumentException("Σ of " + file + " needs " + (long) d * d + " positions, the buffer has "
                    + target.remaining() + " left");
        }
        NpyHeader h = Npz.readDoubles(file, "sigma", target);
        long[] shape = h.shape();
        if (shape.length != 2 || shape[0] != d || shape[1] != d) {
            throw new FileFormatException(file + ": 'sigma' is now " + Arrays.toString(shape) + ", it was " + d + "×" + d
                    + " when the file was opened");
        }
    }

    @Override
    public String toString() {
        return "StoredStats[" + file + ", d=" + dim() + ", count=" + count + ", " + provenance.describe() + "]";
    }
}
