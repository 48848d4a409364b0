package org.ganeval4j.gan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.ganeval4j.Beta;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.ImageSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real images held in memory (canonical NCHW, 0..255, one size), for training a GAN and computing
 * its reference statistics from the same images.
 */
@Beta
public final class ImageDataset {
    private final float[] pixels;
    private final int n;
    private final int c;
    private final int h;
    private final int w;

    private ImageDataset(float[] pixels, int n, int c, int h, int w) {
        this.pixels = pixels;
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
    }

    /** Reads every image of {@code source} (at most {@code limit}; 0 = all). */
    public static ImageDataset load(ImageSource source, int limit) throws IOException {
        List<INDArray> batches = new ArrayList<>();
        long count = 0;
        INDArray b;
        while ((limit == 0 || count < limit) && (b = source.next(limit == 0 ? 256 : (int) Math.min(256, limit - count))) != null) {
            if (!batches.isEmpty() && !java.util.Arrays.equals(b.shape(), 1, 4, batches.get(0).shape(), 1, 4)) {
                throw new IllegalArgumentException("images of different sizes in " + source.description() + ": "
                        + java.util.Arrays.toString(batches.get(0).shape()) + " and " + java.util.Arrays.toString(b.shape()));
            }
            batches.add(b);
            count += b.size(0);
        }
        if (count < 2) {
            throw new IllegalArgumentException(source.description() + " holds " + count + " readable images, need at least 2");
        }
        INDArray all = Nd4j.concat(0, batches.toArray(new INDArray[0])).castTo(DataType.FLOAT);
        return new ImageDataset(all.dup('c').data().asFloat(), (int) all.size(0), (int) all.size(1), (int) all.size(2),
                (int) all.size(3));
    }

    /** Number of images. */
    public int size() {
        return n;
    }

    /** Channels. */
    public int channels() {
        return c;
    }

    /** Height. */
    public int height() {
        return h;
    }

    /** Width. */
    public int width() {
        return w;
    }

    /** Images {@code [from, from + count)} in canonical form (NCHW, 0..255). */
    public INDArray canonical(int from, int count) {
        int per = c * h * w;
        float[] v = java.util.Arrays.copyOfRange(pixels, from * per, (from + count) * per);
        return Nd4j.create(v, new long[] {count, c, h, w}, 'c').castTo(DataType.FLOAT);
    }

    /** Every image in canonical form, in batches of {@code batch} (for reference statistics). */
    public Iterator<INDArray> canonicalBatches(int batch) {
        return new Iterator<>() {
            private int pos;

            @Override
            public boolean hasNext() {
                return pos < n;
            }

            @Override
            public INDArray next() {
                if (pos >= n) {
                    throw new NoSuchElementException();
                }
                int k = Math.min(batch, n - pos);
                INDArray x = canonical(pos, k);
                pos += k;
                return x;
            }
        };
    }

    /**
     * A random batch for GAN training, drawn with {@code rng} (with replacement across batches), in
     * {@code format}'s layout and scaled to [−1, 1].
     */
    public INDArray trainingBatch(Random rng, int batch, ImageFormat format) {
        if (format.channels() != c || format.height() != h || format.width() != w) {
            throw new IllegalArgumentException("the generator makes " + format.channels() + "×" + format.height() + "×"
                    + format.width() + " images but the dataset holds " + c + "×" + h + "×" + w);
        }
        int per = c * h * w;
        float[] v = new float[batch * per];
        for (int i = 0; i < batch; i++) {
            int src = rng.nextInt(n) * per;
            for (int k = 0; k < per; k++) {
                v[i * per + k] = pixels[src + k] / 127.5f - 1f;
            }
        }
        long[] shape = format.layout() == ImageFormat.Layout.FLAT ? new long[] {batch, per} : new long[] {batch, c, h, w};
        return Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT);
    }
}
