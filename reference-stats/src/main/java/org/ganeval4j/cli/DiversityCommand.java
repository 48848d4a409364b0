package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ganeval4j.eval.LpipsDiversity;
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

/** {@code ganeval4j diversity INPUT}: LPIPS diversity (mean distance over pairs) and its standard error. */
@Command(name = "diversity", description = {"LPIPS diversity of a set of images: the mean LPIPS distance over all"
        + " pairs (or K random pairs), then its standard error, one per line.",
        "INPUT: a folder of images of one size (recursive), a .tar.gz of images, an IDX file or a .npy uint8 array"
        + " (N, 3, H, W)."})
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

    @Option(names = "--pairs", defaultValue = "all", description = "all, or a number K of random pairs (default ${DEFAULT-VALUE}).")
    String pairs;

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
        PairSelection selection = parsePairs(pairs, seed);
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
            if (known < 2) {
                throw new BadInputException(input + ": diversity needs at least 2 images, found " + known);
            }
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
                o.put("mean", r.mean());
                o.put("standard_error", r.standardError());
                o.put("pair_std", r.pairStd());
                o.put("pairs", r.pairs());
                o.put("samples", r.samples());
                o.put("selection", selection.coversAll(r.samples()) ? "all" : "random");
                o.put("seed", seed);
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
}
