package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ganeval4j.eval.LpipsDiversity;
import org.ganeval4j.eval.MsSsimDiversity;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.image.ImageSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ganeval4j.metric.DiversityResult;
import org.ganeval4j.metric.PairSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ganeval4j diversity INPUT}: LPIPS diversity (mean distance over pairs, higher is more diverse)
 * or, with {@code --metric ms-ssim}, MS-SSIM diversity (mean similarity over pairs, lower is more
 * diverse), and its standard error.
 */
@Command(name = "diversity", description = {"Diversity of a set of images: the mean LPIPS distance (--metric lpips,"
        + " higher = more diverse) or the mean MS-SSIM (--metric ms-ssim, Odena et al.'s diversity score, lower = more"
        + " diverse) over all pairs or K random pairs, then its standard error, one per line; with --real (ms-ssim),"
        + " then the same two numbers for the real images.",
        "INPUT: a folder of images of one size (recursive), a .tar.gz of images, an IDX file or a .npy array"
        + " (N, C, H, W): uint8, or float32/float64 with --range.",
        "MS-SSIM with its default 5 scales needs images of at least 176×176; for small images give fewer --betas"
        + " and/or a smaller window (e.g. --betas 0.0448,0.2856,0.3001 --kernel-size 7 for 28×28 and larger)."})
final class DiversityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Image folder or .npy.")
    Path input;

    @Mixin
    LpipsOptions model;

    @Mixin
    RangeOption range;

    @Option(names = "--metric", defaultValue = "lpips", paramLabel = "lpips|ms-ssim",
            description = "The pair measure (default ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--pairs", description = "all, or a number K of random pairs (default: all for lpips, "
            + MsSsimDiversity.DEFAULT_PAIRS + " for ms-ssim).")
    String pairs;

    @Mixin
    PixelCommand.WindowOptions window;

    @Option(names = "--betas", paramLabel = "B1,B2,…", description = "ms-ssim: one exponent per scale (default"
            + " 0.0448,0.2856,0.3001,0.2363,0.1333).")
    String betas;

    @Option(names = "--normalize", defaultValue = "relu", paramLabel = "relu|none|simple",
            description = "ms-ssim: what happens to each scale's term first (default ${DEFAULT-VALUE}).")
    String normalize;

    @Option(names = "--real", paramLabel = "REAL",
            description = "ms-ssim: real images whose diversity is printed too, for comparison (Odena et al.).")
    Path real;



    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random pairs (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--memory-mb", defaultValue = "1024",
            description = "Embeddings kept in memory before spilling to a temporary file, in MiB (default ${DEFAULT-VALUE}).")
    long memoryMb;

    @Option(names = "--json", description = "Print a JSON object with the mean, standard error and per-layer means.")
    boolean json;

    static PairSelection parsePairs(String pairs, long seed) {
        if (pairs.strip().toLowerCase(Locale.ROOT).equals("all")) {
            return PairSelection.all();
        }
        long k;
        try {
            k = Long.parseLong(pairs.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("--pairs expects 'all' or a positive number, got '" + pairs + "'");
        }
        if (k < 1) {
            throw new BadInputException("--pairs expects 'all' or a positive number, got " + k);
        }
        return PairSelection.random(k, seed);
    }

    @Override
    public Integer call() throws Exception {
        String which = metric.strip().toLowerCase(Locale.ROOT);
        if (which.equals("ms-ssim")) {
            return msSsim();
        }
        if (!which.equals("lpips")) {
            throw new BadInputException("--metric expects lpips or ms-ssim, got '" + metric + "'");
        }
        if (real != null) {
            throw new BadInputException("--real is for --metric ms-ssim");
        }
        PairSelection selection = parsePairs(pairs == null ? "all" : pairs, seed);
        PrintWriter out = spec.commandLine().getOut();
        try (ImageSource source = ImageInputs.open(input, range.get()); Lpips lpips = model.build()) {
            LpipsDiversity metric = LpipsDiversity.builder(lpips).pairs(selection).memoryBudget(memoryMb << 20).build();
            long t0 = System.nanoTime();
            INDArray first = source.next(64);
            if (first == null) {
                throw new BadInputException(input + ": no images found");
            }
            int h = (int) first.size(2);
            int w = (int) first.size(3);
            lpips.net().tapShapes(h, w);
            INDArray pending = null;
            long known = source.size();
            if (known < 0) {
                // size unknown in advance: read every image first
                List<INDArray> all = new ArrayList<>(List.of(first));
                for (INDArray b = source.next(64); b != null; b = source.next(64)) {
                    all.add(b);
                }
                pending = Nd4j.concat(0, all.toArray(new INDArray[0]));
                known = pending.size(0);
            }
            requireTwo(input, known);
            DiversityResult r;
            try (LpipsDiversity.Session session = metric.open(Math.toIntExact(known))) {
                if (pending != null) {
                    for (int from = 0; from < known; from += 64) {
                        session.add(pending.get(NDArrayIndex.interval(from, Math.min(from + 64, known)), NDArrayIndex.all(),
                                NDArrayIndex.all(), NDArrayIndex.all()));
                    }
                } else {
                    for (INDArray b = first; b != null; b = source.next(64)) {
                        session.add(b);
                    }
                }
                ImageInputs.reportSkipped(source, spec.commandLine().getErr());
                r = session.result();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (json) {
                ObjectNode o = Json.object();
                o.put("metric", LpipsDiversity.NAME);
                putResult(o, r, selection);
                o.put("route", r.route());
                ObjectNode layers = o.putObject("layers");
                double[] m = r.layerMeans();
                for (int l = 0; l < m.length; l++) {
                    layers.put(r.layerNames().get(l), m[l]);
                }
                o.put("net", lpips.net().id());
                o.put("version", lpips.version());
                o.put("height", h);
                o.put("width", w);
                o.put("seconds", seconds);
                o.put("input", input.toString());
                out.println(Json.write(o));
            } else {
                out.println(r.mean());
                out.println(r.standardError());
            }
        }
        return 0;
    }

    private int msSsim() throws Exception {
        PairSelection selection = parsePairs(pairs == null ? String.valueOf(MsSsimDiversity.DEFAULT_PAIRS) : pairs, seed);
        MsSsim.Options options = MsSsim.Options.defaults(255).withSsim(window.options(255))
                .withNormalize(MsSsim.Normalize.of(normalize));
        if (betas != null) {
            options = options.withBetas(PixelCommand.MsSsimCommand.parseBetas(betas));
        }
        long t0 = System.nanoTime();
        MsSsimDiversity.Builder builder = MsSsimDiversity.builder().options(options).pairs(selection);
        INDArray realImages = real == null ? null : atLeastTwo(real, ImageInputs.readAll(real, range.get(), false));
        if (realImages != null) {
            builder.realImages(realImages);
        }
        MsSsimDiversity div = builder.build();
        INDArray images = atLeastTwo(input, ImageInputs.readAll(input, range.get(), false));
        DiversityResult r = div.compute(images);
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("metric", MsSsimDiversity.NAME);
            o.put("direction", div.direction().name().toLowerCase(Locale.ROOT));
            putResult(o, r, selection);
            o.put("extractor", div.extractorId());
            o.set("options", msSsimOptions(options));
            o.put("height", images.size(2));
            o.put("width", images.size(3));
            if (div.real() != null) {
                ObjectNode ro = o.putObject("real");
                ro.put("mean", div.real().mean());
                ro.put("standard_error", div.real().standardError());
                ro.put("pairs", div.real().pairs());
                ro.put("samples", div.real().samples());
                ro.put("input", real.toString());
            }
            o.put("seconds", seconds);
            o.put("input", input.toString());
            out.println(Json.write(o));
        } else {
            out.println(r.mean());
            out.println(r.standardError());
            if (div.real() != null) {
                out.println(div.real().mean());
                out.println(div.real().standardError());
            }
        }
        return 0;
    }

    private static INDArray atLeastTwo(Path p, INDArray images) {
        requireTwo(p, images.size(0));
        return images;
    }

    private static void requireTwo(Path p, long images) {
        if (images < 2) {
            throw new BadInputException(p + ": diversity needs at least 2 images, found " + images);
        }
    }

    /** What both diversities print of their result: mean, standard error, pair std, pairs, samples, selection, seed. */
    private void putResult(ObjectNode o, DiversityResult r, PairSelection selection) {
        o.put("mean", r.mean());
        o.put("standard_error", r.standardError());
        o.put("pair_std", r.pairStd());
        o.put("pairs", r.pairs());
        o.put("samples", r.samples());
        o.put("selection", selection.coversAll(r.samples()) ? "all" : "random");
        o.put("seed", seed);
    }

    private static ObjectNode msSsimOptions(MsSsim.Options options) {
        ObjectNode o = Json.object();
        PixelCommand.WindowOptions.describe(options.ssim(), o);
        var b = o.putArray("betas");
        for (double v : options.betas()) {
            b.add(v);
        }
        o.put("normalize", options.normalize().id());
        o.put("data_range", options.ssim().dataRange());
        return o;
    }
}
