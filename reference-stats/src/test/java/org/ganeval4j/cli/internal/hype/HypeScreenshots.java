package org.ganeval4j.cli.internal.hype;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Images;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Tally;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Truth;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.metric.HypeResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openqa.selenium.By;

/**
 * Takes the README's screenshots of the HYPE page and of its results ({@code docs/results/hype-page.png},
 * {@code hype-results.png}): MNIST test digits as the real images, the 36 digits of the main example's
 * {@code docs/results/samples.png} as the generated ones, three simulated evaluators and one who fails
 * the qualification. Not a test; run it on the test class path:
 * {@code java -cp … org.ganeval4j.cli.internal.hype.HypeScreenshots MNIST_IDX SAMPLES_PNG OUT_DIR}.
 */
public final class HypeScreenshots {
    private HypeScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path mnist = Paths.get(args[0]);
        Path samples = Paths.get(args[1]);
        Path out = Paths.get(args[2]);
        List<byte[]> real = new ArrayList<>();
        try (ImageSource s = ImageSources.open(mnist, ImageSources.Options.defaults().withLimit(300, 1))) {
            for (INDArray b = s.next(100); b != null; b = s.next(100)) {
                float[] v = b.dup('c').data().asFloat();
                for (int i = 0; i < b.size(0); i++) {
                    byte[] rgb = new byte[28 * 28 * 3];
                    for (int p = 0; p < 28 * 28; p++) {
                        rgb[3 * p] = rgb[3 * p + 1] = rgb[3 * p + 2] = (byte) Math.round(v[i * 784 + p]);
                    }
                    real.add(rgb);
                }
            }
        }
        BufferedImage grid = ImageIO.read(samples.toFile());
        List<byte[]> fake = new ArrayList<>();
        for (int gy = 0; gy < 6; gy++) {
            for (int gx = 0; gx < 6; gx++) {
                byte[] rgb = new byte[28 * 28 * 3];
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int p = grid.getRGB(2 + gx * 30 + x, 2 + gy * 30 + y);
                        rgb[(y * 28 + x) * 3] = (byte) (p >> 16);
                        rgb[(y * 28 + x) * 3 + 1] = (byte) (p >> 8);
                        rgb[(y * 28 + x) * 3 + 2] = (byte) p;
                    }
                }
                fake.add(rgb);
            }
        }
        Images img = Images.of(null, null, real, fake, 28, 28);
        HypeImages pools = img.pools();
        HypeConfig c = new HypeConfig(HypeResult.Mode.INFINITY, 20, 1, 2, 4, 0.65, 2, 1, 0, "MNIST t10k", "samples.png",
                pools.realCount(), pools.fakeCount(), 28, 28, pools.fingerprint());
        Path dir = Files.createTempDirectory("hype-screens");
        c.write(dir);
        try (HypeSession session = new HypeSession(c, pools, dir); HypeBrowser b = HypeBrowser.open(720, 640)) {
            HypeServer server = HypeServer.start(session, 0, false);
            try {
                String base = server.evaluatorUrl();
                // three evaluators fooled now and then, one who calls everything generated (and fails the qualification)
                HypeFixtures.play(base, "ana", img, (t, p, k) -> p.equals("main") && t == Truth.FAKE && k % 3 == 0 ? false
                        : t != Truth.REAL, new Tally(), 1000);
                HypeFixtures.play(base, "ben", img, (t, p, k) -> p.equals("main") && (t == Truth.FAKE && k % 2 == 1
                        || t == Truth.REAL && k == 4) ? t == Truth.REAL : t != Truth.REAL, new Tally(), 1000);
                HypeFixtures.play(base, "chloé", img, (t, p, k) -> p.equals("main") && t == Truth.FAKE && k % 4 == 1 ? false
                        : t != Truth.REAL, new Tally(), 1000);
                HypeFixtures.play(base, "dev", img, (t, p, k) -> true, new Tally(), 1000);
                // a fourth evaluator half-way: the page resumes where they are
                HypeFixtures.play(base, "eli", img, (t, p, k) -> t != Truth.REAL, new Tally(), 9);
                b.driver.get(base);
                b.until(d -> d.findElement(By.id("display")).getText().contains("Hz"));
                b.driver.findElement(By.id("name")).sendKeys("eli\n");
                b.until(d -> d.findElement(By.id("answer-real")).isEnabled());
                Files.write(out.resolve("hype-page.png"), small(b.screenshot()));
                b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1040, 840));
                b.driver.get(server.resultsUrl());
                b.until(d -> d.findElement(By.id("evaluators")).isDisplayed());
                Files.write(out.resolve("hype-results.png"), small(b.screenshot()));
            } finally {
                server.close();
            }
        }
        System.out.println("wrote " + out.resolve("hype-page.png") + " and " + out.resolve("hype-results.png"));
    }

    /** The screenshot with its 256 most frequent colours (each other pixel gets the nearest of them): a small PNG. */
    static byte[] small(byte[] png) throws java.io.IOException {
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(png));
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int p : px) {
            counts.merge(p & 0xFFFFFF, 1, Integer::sum);
        }
        int[] palette = counts.entrySet().stream().sorted((a, c) -> c.getValue() - a.getValue()).limit(256)
                .mapToInt(java.util.Map.Entry::getKey).toArray();
        byte[] r = new byte[palette.length];
        byte[] g = new byte[palette.length];
        byte[] bl = new byte[palette.length];
        java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            bl[i] = (byte) palette[i];
            index.put(palette[i], i);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new java.awt.image.IndexColorModel(8, palette.length, r, g, bl));
        byte[] data = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int c = px[i] & 0xFFFFFF;
            Integer k = index.get(c);
            if (k == null) {
                int best = 0;
                long bestD = Long.MAX_VALUE;
                for (int j = 0; j < palette.length; j++) {
                    long dr = ((c >> 16) & 255) - ((palette[j] >> 16) & 255);
                    long dg = ((c >> 8) & 255) - ((palette[j] >> 8) & 255);
                    long db = (c & 255) - (palette[j] & 255);
                    long d = dr * dr + dg * dg + db * db;
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
                k = best;
                index.put(c, k);
            }
            data[i] = (byte) (int) k;
        }
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        ImageIO.write(out, "png", o);
        return o.toByteArray();
    }
}
