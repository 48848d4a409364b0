package org.ganeval4j.image.internal;

import java.util.List;
import org.ganeval4j.image.ImageSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Images held in memory (.npy, IDX): uint8 pixels, or float32 values already on the 0..255 scale. */
public final class ArrayImageSource implements ImageSource {
    private final byte[] pixels;
    private final float[] values;
    private final int c;
    private final int h;
    private final int w;
    private final int[] order;
    private final String description;
    private int pos;
    private List<String> lastNames = List.of();

    public ArrayImageSource(byte[] pixels, int n, int c, int h, int w, String description, int limit, long seed) {
        this(pixels, null, n, c, h, w, description, limit, seed);
    }

    /** Images given as float32 values on the 0..255 scale (not quantised). */
    public ArrayImageSource(float[] values, int n, int c, int h, int w, String description, int limit, long seed) {
        this(null, values, n, c, h, w, description, limit, seed);
    }

    private ArrayImageSource(byte[] pixels, float[] values, int n, int c, int h, int w, String description, int limit,
                             long seed) {
        this.pixels = pixels;
        this.values = values;
        this.c = c;
        this.h = h;
        this.w = w;
        this.order = Subset.choose(n, limit, seed);
        this.description = description + (limit > 0 && limit < n ? ", seeded subset of " + order.length : "");
    }

    @Override
    public long size() {
        return order.length;
    }

    @Override
    public INDArray next(int maxBatch) {
        if (pos >= order.length) {
            lastNames = List.of();
            return null;
        }
        int b = Math.min(maxBatch, order.length - pos);
        String[] names = new String[b];
        for (int i = 0; i < b; i++) {
            names[i] = "#" + order[pos + i];
        }
        lastNames = List.of(names);
        int per = c * h * w;
        float[] v = new float[b * per];
        for (int i = 0; i < b; i++) {
            int src = order[pos + i] * per;
            if (values != null) {
                System.arraycopy(values, src, v, i * per, per);
            } else {
                for (int k = 0; k < per; k++) {
                    v[i * per + k] = pixels[src + k] & 0xFF;
                }
            }
        }
        pos += b;
        return Nd4j.create(v, new long[] {b, c, h, w}, 'c').castTo(DataType.FLOAT);
    }

    @Override
    public List<String> lastNames() {
        return lastNames;
    }

    @Override
    public List<String> skipped() {
        return List.of();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
    }
}
