package org.ganeval4j.preprocess.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resizes single-channel float32 planes (row-major, {@code H*W} values) of one fixed size to another with one
 * library's exact arithmetic. Separable: a horizontal pass (along the width) into a scratch plane, then a vertical
 * pass (along the height); a pass whose size does not change is skipped, which is exact because every kernel here
 * is the identity for an unchanged size. Per-axis index/weight tables are computed once per (in, out) pair and
 * cached. Immutable and thread safe; the {@link Workspace} is the caller's.
 */
public abstract class PlaneResizer {
    private static final int CACHE_LIMIT = 256;

    protected final int inHeight;
    protected final int inWidth;
    protected final int outHeight;
    protected final int outWidth;

    protected PlaneResizer(int inHeight, int inWidth, int outHeight, int outWidth) {
        if (inHeight < 1 || inWidth < 1 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("sizes must be >= 1, got " + inHeight + "x" + inWidth + " -> "
                    + outHeight + "x" + outWidth + " (HxW)");
        }
        if ((long) inHeight * inWidth > Integer.MAX_VALUE || (long) outHeight * outWidth > Integer.MAX_VALUE
                || (long) inHeight * outWidth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("plane too large for one Java array: " + inHeight + "x" + inWidth
                    + " -> " + outHeight + "x" + outWidth);
        }
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
    }

    public final int inputHeight() {
        return inHeight;
    }

    public final int inputWidth() {
        return inWidth;
    }

    public final int outputHeight() {
        return outHeight;
    }

    public final int outputWidth() {
        return outWidth;
    }

    /**
     * Resizes the plane {@code src[srcOff, srcOff + inH*inW)} into {@code dst[dstOff, dstOff + outH*outW)}.
     * {@code src} is not modified; {@code src} and {@code dst} ranges must not overlap.
     */
    public void resize(float[] src, int srcOff, float[] dst, int dstOff, Workspace ws) {
        boolean horizontal = inWidth != outWidth;
        boolean vertical = inHeight != outHeight;
        if (horizontal && vertical) {
            float[] tmp = ws.floats(inHeight * outWidth);
            horizontal(src, srcOff, tmp, 0);
            vertical(tmp, 0, dst, dstOff, ws);
        } else if (horizontal) {
            horizontal(src, srcOff, dst, dstOff);
        } else if (vertical) {
            vertical(src, srcOff, dst, dstOff, ws);
        } else {
            System.arraycopy(src, srcOff, dst, dstOff, inHeight * inWidth);
        }
        finish(dst, dstOff, outHeight * outWidth);
    }

    /** Resamples all {@code inHeight} rows from width {@code inWidth} to {@code outWidth}. */
    protected abstract void horizontal(float[] src, int srcOff, float[] dst, int dstOff);

    /** Resamples the columns of an {@code inHeight x outWidth} plane to {@code outHeight} rows. */
    protected abstract void vertical(float[] src, int srcOff, float[] dst, int dstOff, Workspace ws);

    /** A final element-wise step (clipping); none by default. */
    protected void finish(float[] dst, int dstOff, int length) {
    }

    /** A cache of per-axis tables keyed by (in, out), cleared when it grows past a few hundred entries. */
    protected static final class TableCache<T> {
        private final Map<Long, T> map = new ConcurrentHashMap<>();
        private final TableFactory<T> factory;

        public TableCache(TableFactory<T> factory) {
            this.factory = factory;
        }

        public T get(int in, int out) {
            long key = ((long) in << 32) | (out & 0xFFFFFFFFL);
            T t = map.get(key);
            if (t == null) {
                if (map.size() >= CACHE_LIMIT) {
                    map.clear();
                }
                t = factory.create(in, out);
                map.put(key, t);
            }
            return t;
        }
    }

    /** Builds the table for one axis. */
    @FunctionalInterface
    protected interface TableFactory<T> {
        T create(int in, int out);
    }
}
