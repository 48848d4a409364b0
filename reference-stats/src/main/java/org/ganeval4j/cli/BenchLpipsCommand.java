package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ganeval4j.eval.LpipsDiversity;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.metric.DiversityResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ganeval4j bench lpips}: LPIPS pairs per second on random images, the arithmetic cost per
 * image, and optionally the seconds of an all-pairs diversity.
 */
@Command(name = "lpips", description = "LPIPS pairs per second on random images of --size: prints the number; the trunk's GFLOP per"
        + " image and the other figures go to stderr (all in --json).")
final class BenchLpipsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    LpipsOptions model;

    @Option(names = "--size", defaultValue = "64", description = "Image height and width (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--pairs", defaultValue = "32", description = "Pairs per timed call (default ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed calls, after the warm-up (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1", description = "Seconds of untimed calls first, at least two calls"
            + " (default ${DEFAULT-VALUE}; at 32²–64² the JIT needs about 5 s, some 200 calls, to reach the steady state).")
    double warmup;

    @Option(names = "--diversity", defaultValue = "0",
            description = "Also time the all-pairs LPIPS diversity of this many images (default ${DEFAULT-VALUE}: skip).")
    int diversity;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (size < 1 || pairs < 1 || repeat < 1 || diversity < 0 || diversity == 1 || !(warmup >= 0 && warmup <= 3600)) {
            throw new BadInputException("expected --size >= 1, --pairs >= 1, --repeat >= 1, --diversity 0 or >= 2,"
                    + " --warmup 0..3600 s; got " + size + ", " + pairs + ", " + repeat + ", " + diversity + ", " + warmup);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Lpips lpips = model.build()) {
            lpips.net().tapShapes(size, size);
            INDArray a = random(1, pairs);
            INDArray b = random(2, pairs);
            // warm up (at least twice): the per-pair arithmetic outside the network and the calls into it
            // are Java code, timed once compiled, as the network is timed after its first call
            long warm = System.nanoTime();
            long warmNanos = (long) (warmup * 1e9);
            for (int i = 0; i < 2 || System.nanoTime() - warm < warmNanos; i++) {
                lpips.distance(a, b);
            }
            double[] t = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                lpips.distance(a, b);
                t[i] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(t);
            double perPair = t[repeat / 2] / pairs;
            double gflop = 2.0 * lpips.net().macsPerImage(size, size) / 1e9;
            ObjectNode o = Json.object();
            o.put("net", lpips.net().id());
            o.put("version", lpips.version());
            o.put("size", size);
            o.put("threads", Runtime.getRuntime().availableProcessors());
            o.put("pairs_per_s", 1 / perPair);
            o.put("gflop_per_image", gflop);
            o.put("trunk_gflop_per_s", 2 * gflop / perPair);
            if (diversity >= 2) {
                INDArray images = random(3, diversity);
                long t0 = System.nanoTime();
                DiversityResult r = LpipsDiversity.of(lpips).compute(images);
                double s = (System.nanoTime() - t0) / 1e9;
                long dim = lpips.embeddingDim(size, size);
                o.put("diversity_images", diversity);
                o.put("diversity_pairs", r.pairs());
                o.put("diversity_s", s);
                o.put("diversity_trunk_gflop", diversity * gflop);
                o.put("diversity_gram_gflop", (double) diversity * diversity * dim / 1e9);
                o.put("embedding_dim", dim);
                o.put("diversity_brute_force_estimate_s", r.pairs() * perPair);
            }
            if (json) {
                out.println(Json.write(o));
            } else {
                // the figure itself on stdout (a plain number); what it was measured on, for people, on stderr
                out.println(o.get("pairs_per_s").asDouble());
                var err = spec.commandLine().getErr();
                o.fields().forEachRemaining(e -> err.println(e.getKey() + " " + e.getValue().asText()));
            }
        }
        return 0;
    }

    private INDArray random(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n * 3 * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(256);
        }
        return Nd4j.create(v, new long[] {n, 3, size, size}, 'c');
    }
}
