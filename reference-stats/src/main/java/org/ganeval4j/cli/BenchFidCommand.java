package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.FrechetDistance;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ganeval4j bench fid}: seconds per Fréchet distance on synthetic statistics — full-rank
 * statistics against each other, and N feature rows against full-rank reference statistics —
 * optionally beside pytorch-fid's scipy {@code sqrtm} route and numpy's symmetric-eigen route run
 * on the same matrices.
 */
@Command(name = "fid", mixinStandardHelpOptions = true,
        description = "Seconds per Fréchet distance on synthetic statistics (full rank, and N < d features).")
final class BenchFidCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dim", defaultValue = "2048", description = "Feature dimension d (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--n", defaultValue = "1000", description = "Feature rows for the low-rank case (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed calls per case, after one warm-up (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--scipy", description = "Also time pytorch-fid's scipy sqrtm route and numpy's eigh route (python3).")
    boolean scipy;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (dim < 2 || n < 2 || repeat < 1) {
            throw new BadInputException("expected --dim >= 2, --n >= 2, --repeat >= 1; got " + dim + ", " + n + ", " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        GaussianStats a = synthetic(1, 2 * dim, 0.0).toStats(StatsProvenance.unknown());
        GaussianStats b = synthetic(2, 2 * dim, 0.1).toStats(StatsProvenance.unknown());
        FeatureMatrix f = synthetic(3, n, 0.1);

        ObjectNode o = Json.object();
        o.put("dim", dim);
        o.put("n", n);
        o.put("threads", Runtime.getRuntime().availableProcessors());
        double[] value = new double[1];
        o.put("full_rank_s", time(() -> value[0] = FrechetDistance.compute(a, b).value()));
        o.put("full_rank_fid", value[0]);
        o.put("features_vs_stats_s", time(() -> FrechetDistance.compute(a, f).value()));
        try (FrechetDistance.Reference ref = FrechetDistance.reference(a)) {
            o.put("full_rank_cached_reference_s", time(() -> ref.distanceTo(b).value()));
            o.put("features_vs_cached_reference_s", time(() -> ref.distanceTo(f).value()));
        }
        if (scipy) {
            JsonNode py = runScipy(a, b);
            o.set("python", py);
            o.put("scipy_sqrtm_over_ganeval4j", py.get("scipy_sqrtm_s").asDouble() / o.get("full_rank_s").asDouble());
            o.put("numpy_eigh_over_ganeval4j", py.get("numpy_eigh_s").asDouble() / o.get("full_rank_s").asDouble());
        }
        if (json) {
            out.println(Json.write(o));
        } else {
            o.fields().forEachRemaining(e -> {
                if (!e.getValue().isObject()) {
                    out.println(e.getKey() + " " + e.getValue().asText());
                }
            });
            if (o.has("python")) {
                o.get("python").fields().forEachRemaining(e -> out.println("python_" + e.getKey() + " " + e.getValue().asText()));
            }
        }
        return 0;
    }

    /** Median seconds over {@link #repeat} calls after one warm-up. */
    private double time(DoubleSupplier call) {
        call.getAsDouble();
        double[] t = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            call.getAsDouble();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[repeat / 2];
    }

    /** Correlated Gaussian features with a spread of scales (full-rank covariance when rows ≥ d + 1). */
    private FeatureMatrix synthetic(long seed, int rows, double shift) {
        Random r = new Random(seed);
        float[] v = new float[rows * dim];
        for (int i = 0; i < rows; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < dim; j++) {
                v[i * dim + j] = (float) (shift + 0.5 * common * ((j % 7) / 7.0) + r.nextGaussian() * (0.2 + (j % 11) / 11.0));
            }
        }
        return FeatureMatrix.of(v, rows, dim);
    }

    private JsonNode runScipy(GaussianStats a, GaussianStats b) throws Exception {
        Path dir = Files.createTempDirectory("ganeval4j-bench");
        try {
            Npy.write(NpyArray.ofDoubles(a.mean(), dim), dir.resolve("mu1.npy"));
            Npy.write(NpyArray.ofDoubles(a.covariance(), dim, dim), dir.resolve("s1.npy"));
            Npy.write(NpyArray.ofDoubles(b.mean(), dim), dir.resolve("mu2.npy"));
            Npy.write(NpyArray.ofDoubles(b.covariance(), dim, dim), dir.resolve("s2.npy"));
            String script = String.join("\n",
                    "import numpy as np, scipy, scipy.linalg as L, sys, time, json, os",
                    "d=sys.argv[1]; m1=np.load(d+'/mu1.npy'); s1=np.load(d+'/s1.npy'); m2=np.load(d+'/mu2.npy'); s2=np.load(d+'/s2.npy')",
                    "t=time.perf_counter()",
                    "diff=m1-m2; covmean,_=L.sqrtm(s1.dot(s2), disp=False)",
                    "if not np.isfinite(covmean).all():",
                    "    off=np.eye(s1.shape[0])*1e-6; covmean=L.sqrtm((s1+off).dot(s2+off))",
                    "fid=diff.dot(diff)+np.trace(s1)+np.trace(s2)-2*np.trace(np.real(covmean))",
                    "t1=time.perf_counter()-t",
                    "t=time.perf_counter()",
                    "w,v=np.linalg.eigh(s1); r=(v*np.sqrt(np.clip(w,0,None)))@v.T",
                    "e=np.linalg.eigvalsh(r@s2@r)",
                    "fid2=diff.dot(diff)+np.trace(s1)+np.trace(s2)-2*np.sqrt(np.clip(e,0,None)).sum()",
                    "t2=time.perf_counter()-t",
                    "print(json.dumps({'scipy_sqrtm_s':t1,'scipy_fid':float(fid),'numpy_eigh_s':t2,'numpy_fid':float(fid2),",
                    "  'numpy':np.__version__,'scipy':scipy.__version__}))");
            Process p = new ProcessBuilder("python3", "-c", script, dir.toString()).redirectErrorStream(false).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("python3 scipy benchmark failed: " + stderr.strip());
            }
            return Json.MAPPER.readTree(stdout);
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(x -> x.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }
}
