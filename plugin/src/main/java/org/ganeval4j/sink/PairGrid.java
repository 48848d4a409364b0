package org.ganeval4j.sink;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ganeval4j.internal.HostValues;
import org.ganeval4j.io.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A PNG of image pairs, one pair per row (left | right), e.g. the generated samples closest to a
 * training image beside that training image (the memorisation check). Images are [C, H, W] or
 * [1, C, H, W] arrays with pixel values 0..255 (clipped), 1 or 3 channels; sizes may differ (each
 * cell is as large as the largest image). Stateless and thread safe.
 */
public final class PairGrid {
    private PairGrid() {
    }

    /** The grid with {@code gap} black pixels between images. */
    public static BufferedImage image(List<INDArray> left, List<INDArray> right, int gap) {
        if (left.size() != right.size() || left.isEmpty()) {
            throw new IllegalArgumentException("expected as many right as left images (at least one pair), found "
                    + left.size() + " and " + right.size());
        }
        int h = 1;
        int w = 1;
        for (List<INDArray> side : List.of(left, right)) {
            for (INDArray a : side) {
                long[] s = shape(a);
                h = (int) Math.max(h, s[1]);
                w = (int) Math.max(w, s[2]);
            }
        }
        int rows = left.size();
        BufferedImage img = new BufferedImage(2 * w + 3 * gap, rows * h + (rows + 1) * gap, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < rows; k++) {
            int oy = gap + k * (h + gap);
            draw(img, left.get(k), gap, oy);
            draw(img, right.get(k), 2 * gap + w, oy);
        }
        return img;
    }

    /** Writes the grid atomically as a PNG. */
    public static void write(Path file, List<INDArray> left, List<INDArray> right) throws IOException {
        BufferedImage img = image(left, right, 2);
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    private static long[] shape(INDArray a) {
        long[] s = a.shape();
        if (s.length == 4 && s[0] == 1) {
            s = new long[] {s[1], s[2], s[3]};
        }
        if (s.length != 3 || (s[0] != 1 && s[0] != 3)) {
            throw new IllegalArgumentException("expected an image [1 or 3, H, W] or [1, 1 or 3, H, W], found "
                    + java.util.Arrays.toString(a.shape()));
        }
        return s;
    }

    private static void draw(BufferedImage img, INDArray a, int ox, int oy) {
        long[] s = shape(a);
        int c = (int) s[0];
        int h = (int) s[1];
        int w = (int) s[2];
        float[] v = HostValues.floats(a);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int r = clip(v[p]);
                int g = c == 3 ? clip(v[plane + p]) : r;
                int b = c == 3 ? clip(v[2 * plane + p]) : r;
                img.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
            }
        }
    }

    private static int clip(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 255 ? 255 : Math.round(v);
    }
}
