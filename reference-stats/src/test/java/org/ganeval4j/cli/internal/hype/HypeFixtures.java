package org.ganeval4j.cli.internal.hype;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.HypeResult;

/**
 * Images and players for the HYPE tests. Real images are bright and generated ones dark, each one
 * different, so a test "looks at" an image the page shows (decodes its PNG) and knows what it is, as
 * a person would; an attention check is a dark image that is none of the generated ones.
 */
final class HypeFixtures {
    static final int H = 16;
    static final int W = 16;
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HypeFixtures() {
    }

    /** What an image shown is. */
    enum Truth { REAL, FAKE, CHECK }

    /** Two {@code .npy} files (N, 3, H, W) and their images as interleaved RGB. */
    record Images(Path real, Path fake, List<byte[]> realRgb, List<byte[]> fakeRgb, Set<ByteBuffer> realSet,
                  Set<ByteBuffer> fakeSet, int h, int w) {
        /** Images of the given size (RGB, interleaved). */
        static Images of(Path real, Path fake, List<byte[]> realRgb, List<byte[]> fakeRgb, int h, int w) {
            return new Images(real, fake, realRgb, fakeRgb, keys(realRgb), keys(fakeRgb), h, w);
        }

        HypeImages pools() {
            return new HypeImages(realRgb, fakeRgb, h, w);
        }

        /** What the image of a {@code data:image/png;base64,…} URL is. */
        Truth classify(String dataUrl) throws IOException {
            assertThat(dataUrl).startsWith("data:image/png;base64,");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    dataUrl.substring("data:image/png;base64,".length()))));
            assertThat(img.getWidth()).isEqualTo(w);
            assertThat(img.getHeight()).isEqualTo(h);
            byte[] rgb = new byte[h * w * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = img.getRGB(x, y);
                    rgb[(y * w + x) * 3] = (byte) (p >> 16);
                    rgb[(y * w + x) * 3 + 1] = (byte) (p >> 8);
                    rgb[(y * w + x) * 3 + 2] = (byte) p;
                }
            }
            ByteBuffer key = ByteBuffer.wrap(rgb);
            if (realSet.contains(key)) {
                return Truth.REAL;
            }
            if (fakeSet.contains(key)) {
                return Truth.FAKE;
            }
            return Truth.CHECK;
        }
    }

    /** Writes {@code real.npy} (bright) and {@code fake.npy} (dark) into {@code dir}. */
    static Images write(Path dir, int nReal, int nFake) throws IOException {
        List<byte[]> real = new ArrayList<>();
        List<byte[]> fake = new ArrayList<>();
        Path r = dir.resolve("real.npy");
        Path f = dir.resolve("fake.npy");
        Npy.write(NpyArray.ofUint8(planes(nReal, true, real), nReal, 3, H, W), r);
        Npy.write(NpyArray.ofUint8(planes(nFake, false, fake), nFake, 3, H, W), f);
        return Images.of(r, f, real, fake, H, W);
    }

    private static Set<ByteBuffer> keys(List<byte[]> images) {
        Set<ByteBuffer> s = new HashSet<>();
        for (byte[] b : images) {
            s.add(ByteBuffer.wrap(b));
        }
        assertThat(s).hasSameSizeAs(images);
        return s;
    }

    /** NCHW bytes of n images; each image's RGB (interleaved) is added to {@code rgb}. */
    private static byte[] planes(int n, boolean bright, List<byte[]> rgb) {
        byte[] out = new byte[n * 3 * H * W];
        for (int i = 0; i < n; i++) {
            byte[] im = new byte[H * W * 3];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int v = bright ? 160 + (i * 37 + y * 5 + x * 3 + c * 11) % 90 : 10 + (i * 53 + y * 7 + x * 2 + c * 13) % 80;
                        if (y == 0 && x == 0 && c == 0) {
                            v = bright ? 255 - i % 90 : i % 90;
                        }
                        out[((i * 3 + c) * H + y) * W + x] = (byte) v;
                        im[(y * W + x) * 3 + c] = (byte) v;
                    }
                }
            }
            rgb.add(im);
        }
        return out;
    }

    /** A protocol for the test images. */
    static HypeConfig config(HypeResult.Mode mode, int images, int blocks, int tutorial, int qualification, int checks,
                             long seed, HypeImages pools) {
        return new HypeConfig(mode, images, blocks, tutorial, qualification, 0.65, checks, seed, 0, "real.npy", "fake.npy",
                pools.realCount(), pools.fakeCount(), pools.height(), pools.width(), pools.fingerprint());
    }

    /** A reply: status, body, and the body as JSON when it is JSON. */
    record Reply(int status, String body, JsonNode json) {
    }

    static Reply get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)).build());
    }

    static Reply post(String url, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build());
    }

    static Reply send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode j = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            j = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), r.body(), j);
    }

    /** How a simulated evaluator answers: true for "fake". */
    @FunctionalInterface
    interface Policy {
        /**
         * @param truth    what the image is
         * @param phase    tutorial, qualification or main
         * @param seen     images of this truth already seen in this phase
         */
        boolean judgedFake(Truth truth, String phase, int seen);
    }

    /** Counts of the scored answers a player gave, kept by the player itself (what the report must say). */
    static final class Tally {
        int reals;
        int realErrors;
        int fakes;
        int fakeErrors;
        int checks;
        int checkErrors;
        final List<Double> exposures = new ArrayList<>();
        final List<Integer> blocks = new ArrayList<>();

        /** 0, 1, 2 for the tutorial, the qualification and the main phase. */
        static int phaseIndex(String phase) {
            return phase.equals("tutorial") ? 0 : phase.equals("qualification") ? 1 : 2;
        }

        /** Counts one main-phase answer: a real judged fake, or a fake or check judged real, is an error. */
        void count(Truth truth, boolean judgedFake) {
            switch (truth) {
                case REAL -> {
                    reals++;
                    realErrors += judgedFake ? 1 : 0;
                }
                case FAKE -> {
                    fakes++;
                    fakeErrors += judgedFake ? 0 : 1;
                }
                case CHECK -> {
                    checks++;
                    checkErrors += judgedFake ? 0 : 1;
                }
            }
        }

        double score() {
            return 100.0 * (realErrors + fakeErrors) / (reals + fakes);
        }

        double fakeError() {
            return 100.0 * fakeErrors / fakes;
        }

        double realError() {
            return 100.0 * realErrors / reals;
        }
    }

    /** Plays {@code name} over HTTP from wherever they are to the end (or {@code maxAnswers}); returns the last reply. */
    static JsonNode play(String base, String name, Images images, Policy policy, Tally tally, int maxAnswers)
            throws IOException, InterruptedException {
        Reply s = post(base + "api/start", "{\"name\":\"" + name + "\",\"frame_ms\":16.0}");
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        JsonNode step = s.json();
        int[][] seen = new int[3][3];
        int answers = 0;
        while (!step.path("done").asBoolean() && answers < maxAnswers) {
            JsonNode t = step.get("trial");
            Truth truth = images.classify(t.get("image").asText());
            String phase = t.get("phase").asText();
            int ph = Tally.phaseIndex(phase);
            boolean fake = policy.judgedFake(truth, phase, seen[ph][truth.ordinal()]++);
            if (ph == 2) {
                tally.count(truth, fake);
                if (truth != Truth.CHECK && t.path("timed").asBoolean()) {
                    tally.exposures.add(t.get("exposure_ms").asDouble());
                    tally.blocks.add(t.get("block").asInt());
                }
            }
            Reply a = post(base + "api/answer", "{\"trial\":\"" + t.get("id").asText() + "\",\"answer\":\""
                    + (fake ? "fake" : "real") + "\",\"rt_ms\":" + (300 + answers) + ",\"shown_ms\":"
                    + (t.path("timed").asBoolean() ? t.get("frames").asInt() * 16.0 : "null") + "}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            step = a.json();
            answers++;
        }
        return step;
    }
}
