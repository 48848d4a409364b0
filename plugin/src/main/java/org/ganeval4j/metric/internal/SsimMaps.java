package org.ganeval4j.metric.internal;

/**
 * The single-scale SSIM computation of torchmetrics 1.9.0 ({@code _ssim_update}) for one image pair,
 * in float64, with a separable window: both images are padded by reflection ({@code F.pad(...,
 * mode="reflect")}: the border pixel is not repeated) by {@code p = (K − 1)/2} on each side, the five
 * maps {@code x, y, x², y², xy} are filtered with the K×K window ({@code w ⊗ w}, one pass along rows,
 * one along columns) to H×W maps {@code μx, μy, E[x²], E[y²], E[xy]}, and per pixel
 * <pre>
 *   σx² = max(E[x²] − μx², 0),  σy² = max(E[y²] − μy², 0),  σxy = E[xy] − μx μy
 *   cs   = (2σxy + C2) / (σx² + σy² + C2)
 *   ssim = (2μxμy + C1)(2σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))
 * </pre>
 * The SSIM mean is taken over every pixel of the H×W map (torchmetrics averages the full map); the
 * contrast-sensitivity mean over the map with {@code p} pixels cropped on each side
 * ({@code cs[..., p:-p, p:-p]}), as MS-SSIM uses it. Channels are filtered separately and averaged
 * together. Not API; stateless.
 */
public final class SsimMaps {
    private SsimMaps() {
    }

    /** The torchmetrics Gaussian size for σ: {@code int(3.5σ + 0.5)·2 + 1}. */
    public static int gaussianSize(double sigma) {
        return (int) (3.5 * sigma + 0.5) * 2 + 1;
    }

    /**
     * torchmetrics' 1-D Gaussian ({@code _gaussian}): {@code exp(−(d/σ)²/2)} at
     * {@code d = (1−K)/2, …, (K−1)/2}, divided by its sum.
     */
    public static double[] gaussian(int size, double sigma) {
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = (1 - size) / 2.0 + i;
            double t = d / sigma;
            g[i] = Math.exp(-(t * t) / 2);
            sum += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** The uniform 1-D window {@code 1/K} (its outer product is torchmetrics' {@code ones/K²}). */
    public static double[] uniform(int size) {
        double[] u = new double[size];
        java.util.Arrays.fill(u, 1.0 / size);
        return u;
    }

    /**
     * Mean SSIM and mean contrast sensitivity of one pair.
     *
     * @param x      first image, C×H×W row-major
     * @param y      second image, same shape
     * @param window the 1-D window, odd length K with {@code (K−1)/2 < H} and {@code < W}
     * @param c1     {@code (k1 L)²}
     * @param c2     {@code (k2 L)²}
     * @param withCs whether to compute the contrast-sensitivity mean (else it is NaN)
     * @return {@code {ssim mean, cs mean}}; the cs mean is NaN when the crop leaves nothing
     */
    public static double[] simAndCs(double[] x, double[] y, int channels, int h, int w, double[] window, double c1,
                                    double c2, boolean withCs) {
        int k = window.length;
        int p = (k - 1) / 2;
        int hp = h + 2 * p;
        int wp = w + 2 * p;
        int plane = h * w;
        // the five maps filtered along rows, over the padded height: hp × w each
        double[][] rows = new double[5][hp * w];
        double[][] padded = new double[5][wp];
        double[][] cols = new double[5][w];
        double[] simRow = new double[w];
        double simSum = 0;
        double csSum = 0;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int r = 0; r < hp; r++) {
                int src = base + reflect(r - p, h) * w;
                double[] px = padded[0];
                double[] py = padded[1];
                double[] pxx = padded[2];
                double[] pyy = padded[3];
                double[] pxy = padded[4];
                for (int j = 0; j < wp; j++) {
                    int sj = reflect(j - p, w);
                    double a = x[src + sj];
                    double b = y[src + sj];
                    px[j] = a;
                    py[j] = b;
                    pxx[j] = a * a;
                    pyy[j] = b * b;
                    pxy[j] = a * b;
                }
                int out = r * w;
                for (int q = 0; q < 5; q++) {
                    filterRow(padded[q], window, rows[q], out, w);
                }
            }
            for (int i = 0; i < h; i++) {
                for (int q = 0; q < 5; q++) {
                    double[] col = cols[q];
                    double[] src = rows[q];
                    java.util.Arrays.fill(col, 0);
                    for (int t = 0; t < k; t++) {
                        double wt = window[t];
                        int row = (i + t) * w;
                        for (int j = 0; j < w; j++) {
                            col[j] += wt * src[row + j];
                        }
                    }
                }
                double[] mxs = cols[0];
                double[] mys = cols[1];
                double[] exx = cols[2];
                double[] eyy = cols[3];
                double[] exy = cols[4];
                for (int j = 0; j < w; j++) {
                    double mx = mxs[j];
                    double my = mys[j];
                    double mxx = mx * mx;
                    double myy = my * my;
                    double mxy = mx * my;
                    double vx = Math.max(exx[j] - mxx, 0.0);
                    double vy = Math.max(eyy[j] - myy, 0.0);
                    double upper = 2 * (exy[j] - mxy) + c2;
                    double lower = (vx + vy) + c2;
                    simRow[j] = ((2 * mxy + c1) * upper) / ((mxx + myy + c1) * lower);
                    if (withCs) {
                        // cs overwrites the moment it was computed from: exx is not read again
                        exx[j] = upper / lower;
                    }
                }
                for (int j = 0; j < w; j++) {
                    simSum += simRow[j];
                }
                if (withCs && i >= p && i < h - p) {
                    for (int j = p; j < w - p; j++) {
                        csSum += exx[j];
                    }
                }
            }
        }
        double sim = simSum / ((double) channels * plane);
        long cropped = (long) channels * Math.max(h - 2 * p, 0) * Math.max(w - 2 * p, 0);
        double cs = withCs && cropped > 0 && p > 0 ? csSum / cropped : Double.NaN;
        return new double[] {sim, cs};
    }

    /** {@code out[at + j] = Σ_t window[t] · in[j + t]} for j in [0, n). */
    private static void filterRow(double[] in, double[] window, double[] out, int at, int n) {
        java.util.Arrays.fill(out, at, at + n, 0);
        for (int t = 0; t < window.length; t++) {
            double wt = window[t];
            for (int j = 0; j < n; j++) {
                out[at + j] += wt * in[j + t];
            }
        }
    }

    /**
     * {@code F.avg_pool2d(x, (2, 2))}: each output pixel the mean of a 2×2 block, a trailing odd row or
     * column dropped; {@code ((a + b) + c + d) / 4} in torch's order.
     */
    public static double[] avgPool2(double[] x, int channels, int h, int w) {
        int h2 = h / 2;
        int w2 = w / 2;
        double[] out = new double[channels * h2 * w2];
        for (int c = 0; c < channels; c++) {
            int in = c * h * w;
            int o = c * h2 * w2;
            for (int i = 0; i < h2; i++) {
                int r0 = in + 2 * i * w;
                int r1 = r0 + w;
                for (int j = 0; j < w2; j++) {
                    out[o + i * w2 + j] = (x[r0 + 2 * j] + x[r0 + 2 * j + 1] + x[r1 + 2 * j] + x[r1 + 2 * j + 1]) / 4;
                }
            }
        }
        return out;
    }

    /** Reflection without repeating the border ({@code -1 → 1}, {@code n → n − 2}); valid for one bounce. */
    private static int reflect(int i, int n) {
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * (n - 1) - i : i;
    }
}
