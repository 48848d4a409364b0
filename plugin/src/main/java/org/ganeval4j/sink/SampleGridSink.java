package org.ganeval4j.sink;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.internal.HostValues;
import org.ganeval4j.io.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A PNG grid of the latest generated samples ({@value #FILE}), rewritten atomically after each
 * evaluation that carries samples.
 */
public final class SampleGridSink implements MetricSink {
    /** The file name. */
    public static final String FILE = "samples.png";

    private final Path dir;
    private final int maxImages;

    /** At most {@code maxImages} samples in {@code dir}/{@value #FILE}. */
    public SampleGridSink(Path dir, int maxImages) {
        if (maxImages < 1) {
            throw new IllegalArgumentException("maxImages must be >= 1, got " + maxImages);
        }
        this.dir = dir;
        this.maxImages = maxImages;
    }

    @Override
    public void accept(Evaluation evaluation) throws IOException {
        if (evaluation.samples() == null) {
            return;
        }
        BufferedImage grid = grid(evaluation.samples(), maxImages, 2);
        AtomicFiles.write(dir.resolve(FILE), out -> ImageIO.write(grid, "png", out));
    }

    /**
     * Lays out up to {@code max} images of an NCHW batch (pixel values 0..255, clipped; 1 or 3
     * channels) in a near-square grid with {@code gap} black pixels between them.
     */
    public static BufferedImage grid(INDArray nchw, int max, int gap) {
        if (nchw.rank() != 4 || (nchw.size(1) != 1 && nchw.size(1) != 3)) {
            throw new IllegalArgumentException("expected images [N, 1 or 3, H, W], got shape " + Arrays.toString(nchw.shape()));
        }
        int n = (int) Math.min(max, nchw.size(0));
        int c = (int) nchw.size(1);
        int h = (int) nchw.size(2);
        int w = (int) nchw.size(3);
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * w + (cols + 1) * gap, rows * h + (rows + 1) * gap,
                BufferedImage.TYPE_INT_RGB);
        float[] v = HostValues.floats(nchw.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)));
        int plane = h * w;
        for (int k = 0; k < n; k++) {
            int ox = gap + (k % cols) * (w + gap);
            int oy = gap + (k / cols) * (h + gap);
            int base = k * c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    int r = clip(v[base + p]);
                    int g = c == 3 ? clip(v[base + plane + p]) : r;
                    int b = c == 3 ? clip(v[base + 2 * plane + p]) : r;
                    img.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    private static int clip(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 255 ? 255 : Math.round(v);
    }

    @Override
    public String name() {
        return "sample grid " + dir.resolve(FILE);
    }
}
