package org.ganeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ganeval4j.cli.internal.hype.HypeConfig;
import org.ganeval4j.cli.internal.hype.HypeImages;
import org.ganeval4j.cli.internal.hype.HypeServer;
import org.ganeval4j.cli.internal.hype.HypeSession;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.metric.HypeResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ganeval4j hype REAL FAKE --out DIR}: serves the HYPE page (Zhou et al., NeurIPS 2019) on this
 * machine and prints its link, then the results link; answers go to {@code DIR/trials.jsonl}. The same
 * command on the same DIR resumes the session.
 */
@Command(name = "hype", description = {"Human evaluation: serves a page on which evaluators judge real and generated"
        + " images one at a time (HYPE-infinity, or HYPE-time with timed exposures), and prints its link, then the"
        + " results link. Answers are appended to DIR/trials.jsonl; run the same command again to resume.",
        "REAL, FAKE: a folder of images of one size (recursive), a .tar.gz of images, an IDX file or a .npy uint8 array"
        + " (N, C, H, W); both of one size. Stop with Ctrl-C; `ganeval4j hype-report DIR` scores the answers."})
final class HypeCommand implements Callable<Integer> {
    /** The port when neither --port nor the session names one. */
    static final int DEFAULT_PORT = 8765;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "REAL", description = "Real images.")
    Path real;

    @Parameters(index = "1", paramLabel = "FAKE", description = "Generated images.")
    Path fake;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "The session folder: session.json, trials.jsonl (created, or resumed).")
    Path out;

    @Option(names = "--mode", paramLabel = "infinity|time",
            description = "HYPE-infinity (no time limit; default) or HYPE-time (timed exposures, adaptive staircase).")
    String mode;

    @Option(names = "--images", paramLabel = "N",
            description = "Scored images per evaluator and block, half real, half generated (default: 100 for infinity,"
                    + " 150 per block for time, as in the paper).")
    Integer images;

    @Option(names = "--blocks", paramLabel = "B", description = "HYPE-time staircase blocks per evaluator (default 3).")
    Integer blocks;

    @Option(names = "--tutorial", paramLabel = "T", description = "Tutorial images with feedback (default 10).")
    Integer tutorial;

    @Option(names = "--qualification", paramLabel = "Q",
            description = "Qualification images without time limit, half real, half generated (default 100, as in the"
                    + " paper; 0 skips it).")
    Integer qualification;

    @Option(names = "--qualification-pass", paramLabel = "P",
            description = "Fraction of the real and of the generated qualification images each that must be judged right"
                    + " (default 0.65, as in the paper).")
    Double qualificationPass;

    @Option(names = "--checks", paramLabel = "C",
            description = "Attention checks per block: obviously broken images that must be judged fake (default 4).")
    Integer checks;

    @Option(names = "--port", paramLabel = "P",
            description = "Port (default: the session's, else " + DEFAULT_PORT + "; 0 for any free port).")
    Integer port;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds every evaluator's image order (default 0).")
    Long seed;

    @Option(names = "--limit", defaultValue = "2000", paramLabel = "N",
            description = "At most N images of each side are loaded, a seeded subset (default ${DEFAULT-VALUE}; 0: all).")
    int limit;

    @Option(names = "--allow-remote",
            description = "Listen on every network interface; every link then carries a random token and requests"
                    + " without it are not answered.")
    boolean allowRemote;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        HypeConfig stored = HypeConfig.exists(out) ? HypeConfig.read(out) : null;
        HypeResult.Mode m = mode != null ? HypeConfig.mode(mode) : stored != null ? stored.mode() : HypeResult.Mode.INFINITY;
        boolean time = m == HypeResult.Mode.TIME;
        long s = pick("--seed", seed, stored == null ? null : stored.seed(), 0L);
        if (limit < 0) {
            throw new BadInputException("--limit must be >= 0 (0 = all), got " + limit);
        }
        if (stored != null && mode != null && stored.mode() != m) {
            throw conflict("--mode", mode, stored.modeName());
        }
        HypeImages pools = load(real, fake, limit, s, err);
        HypeConfig c = new HypeConfig(m,
                pick("--images", images, stored == null ? null : stored.images(), time ? 150 : 100),
                pick("--blocks", blocks, stored == null ? null : stored.blocks(), time ? 3 : 1),
                pick("--tutorial", tutorial, stored == null ? null : stored.tutorial(), 10),
                pick("--qualification", qualification, stored == null ? null : stored.qualification(), 100),
                pick("--qualification-pass", qualificationPass, stored == null ? null : stored.qualificationPass(), 0.65),
                pick("--checks", checks, stored == null ? null : stored.checks(), 4),
                s,
                port != null ? port : stored != null ? stored.port() : DEFAULT_PORT,
                real.toString(), fake.toString(), pools.realCount(), pools.fakeCount(), pools.height(), pools.width(),
                pools.fingerprint());
        if (stored != null && !stored.fingerprint().isEmpty() && !stored.fingerprint().equals(c.fingerprint())) {
            throw new BadInputException(real + " and " + fake + " are not the images the session in " + out
                    + " started with (" + stored.realCount() + " real and " + stored.fakeCount() + " generated "
                    + stored.height() + "×" + stored.width() + " images from " + stored.real() + " and " + stored.fake()
                    + "): pass the same inputs, --limit and --seed, or a new --out");
        }
        Files.createDirectories(out);
        HypeSession session = new HypeSession(c, pools, out);
        HypeServer server;
        try {
            server = HypeServer.start(session, c.port(), allowRemote);
        } catch (IOException e) {
            session.close();
            throw new BadInputException(e.getMessage() + " (another --port?)");
        }
        // the session keeps the port it was first served on (unless --port 0), so open pages find it again
        new HypeConfig(c.mode(), c.images(), c.blocks(), c.tutorial(), c.qualification(), c.qualificationPass(),
                c.checks(), c.seed(), c.port() == 0 ? 0 : server.port(), c.real(), c.fake(), c.realCount(), c.fakeCount(),
                c.height(), c.width(), c.fingerprint()).write(out);
        stdout.println(server.evaluatorUrl());
        stdout.println(server.resultsUrl());
        stdout.flush();
        err.println("ganeval4j: " + (time ? "HYPE-time (" + c.blocks() + " blocks of " : "HYPE-infinity (")
                + c.images() + " images, half real, half generated, " + c.tutorial() + " tutorial, " + c.qualification()
                + " qualification, " + c.checks() + " attention checks" + (time ? " per block" : "") + "; " + c.realCount()
                + " real and " + c.fakeCount() + " generated " + c.height() + "×" + c.width() + " images) in " + out + ": "
                + session.evaluatorCount() + " evaluator(s) so far.");
        err.println("ganeval4j: evaluators open the first link" + (allowRemote
                ? " (it carries the session's token; anyone with it can take part)" : " on this machine")
                + "; the second shows the results. Ctrl-C stops the server: every answer is on disk, and the same"
                + " command resumes the session.");
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            try {
                session.close();
            } catch (IOException e) {
                // the log is forced after every answer: nothing is pending
            }
            stopped.countDown();
        }, "ganeval4j-hype-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    private <T> T pick(String option, T given, T stored, T fallback) {
        if (given != null && stored != null && !Objects.equals(given, stored)) {
            throw conflict(option, String.valueOf(given), String.valueOf(stored));
        }
        return given != null ? given : stored != null ? stored : fallback;
    }

    private BadInputException conflict(String option, String given, String stored) {
        return new BadInputException(out + " holds a session started with " + option + " " + stored + ", not " + given
                + ": leave " + option + " out to resume it, or start a new session with another --out");
    }

    /** Real and generated images, of one size. */
    static HypeImages load(Path real, Path fake, int limit, long seed, PrintWriter err) throws IOException {
        Side r = images(real, limit, seed, err);
        Side f = fakeImages(fake, limit > 0 ? limit : r.rgb().size(), seed, err);
        if (r.height != f.height || r.width != f.width) {
            throw new BadInputException("REAL images are " + r.height + "×" + r.width + " and FAKE images " + f.height + "×"
                    + f.width + ": HYPE shows images of one size (resize one side first)");
        }
        return new HypeImages(r.rgb, f.rgb, r.height, r.width);
    }

    /** Images of one side as 8-bit RGB, row-major. */
    record Side(List<byte[]> rgb, int height, int width) {
    }

    /**
     * The generated images of {@code fake}: image inputs as elsewhere, or a saved generator ({@code .zip},
     * e.g. a run's {@code best-generator.zip}) sampled as {@code ganeval4j sample} does — latent rows
     * 0..{@code count}−1 of its record, 8-bit.
     */
    static Side fakeImages(Path fake, int count, long seed, PrintWriter err) throws IOException {
        if (fake.getFileName() != null && fake.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            GeneratorOptions.Sampler sampler = new GeneratorOptions().resolve(fake);
            List<byte[]> out = new ArrayList<>();
            for (int from = 0; from < count; from += 100) {
                addRgb(SampleCommand.canonical(sampler, from, Math.min(100, count - from)), out);
            }
            return new Side(out, sampler.format().height(), sampler.format().width());
        }
        return images(fake, count, seed, err);
    }

    /** Adds the images of a canonical batch (NCHW, 0..255, gray or RGB) as 8-bit RGB, row-major. */
    private static void addRgb(INDArray b, List<byte[]> out) {
        int n = (int) b.size(0);
        int c = (int) b.size(1);
        int plane = (int) (b.size(2) * b.size(3));
        float[] v = b.dup('c').data().asFloat();
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[plane * 3];
            int base = i * c * plane;
            for (int px = 0; px < plane; px++) {
                for (int ch = 0; ch < 3; ch++) {
                    float x = v[base + (c == 1 ? 0 : ch) * plane + px];
                    rgb[px * 3 + ch] = (byte) Math.max(0, Math.min(255, Math.round(x)));
                }
            }
            out.add(rgb);
        }
    }

    /** The images of {@code p} (a seeded subset of at most {@code limit}; 0 = all), as other commands read them. */
    static Side images(Path p, int limit, long seed, PrintWriter err) throws IOException {
        List<byte[]> out = new ArrayList<>();
        int h = -1;
        int w = -1;
        try (ImageSource s = ImageInputs.open(p, limit, seed)) {
            for (INDArray b = s.next(256); b != null; b = s.next(256)) {
                int bh = (int) b.size(2);
                int bw = (int) b.size(3);
                if (h < 0) {
                    h = bh;
                    w = bw;
                } else if (h != bh || w != bw) {
                    throw new BadInputException(p + ": images must all have one size, found " + h + "×" + w + " and " + bh
                            + "×" + bw);
                }
                addRgb(b, out);
            }
            ImageInputs.reportSkipped(s, err);
        }
        if (out.isEmpty()) {
            throw new BadInputException(p + ": no images found");
        }
        return new Side(out, h, w);
    }
}
