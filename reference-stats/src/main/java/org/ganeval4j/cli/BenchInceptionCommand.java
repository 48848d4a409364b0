package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ganeval4j.feature.FidInceptionV3;
import org.ganeval4j.preprocess.ResizeMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ganeval4j bench inception}: FID Inception throughput at 299x299 (resize mode pytorch, so the
 * resize is the identity and the time is the network's plus the normalisation), images per second
 * over timed batches of random images after one warm-up batch.
 */
@Command(name = "inception", mixinStandardHelpOptions = true,
        description = "FID Inception images per second at 299x299 (pool_2048, median over timed batches after a warm-up):"
                + " prints the number; batch, GFLOP/s and the rest go to stderr (all in --json).")
final class BenchInceptionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--batches", defaultValue = "3", description = "Timed batches after one warm-up (default ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--threads", description = "OpenMP/oneDNN threads (default: ND4J's, i.e. OMP_NUM_THREADS or one per core).")
    Integer threads;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "FID Inception weights (any file of its layout; timing does not depend on the values);"
                    + " default: the asset directory, the cache, else a download.")
    Path weights;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batches < 1 || (threads != null && threads < 1)) {
            throw new BadInputException("expected --batch >= 1, --batches >= 1, --threads >= 1; got " + batch + ", "
                    + batches + ", " + threads);
        }
        if (threads != null) {
            Nd4j.getEnvironment().setMaxThreads(threads);  // initialises ND4J first
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (FidInceptionV3 net = FeaturesCommand.load(weights, ResizeMode.PYTORCH, batch)) {
            Nd4j.getRandom().setSeed(1);
            INDArray images = Nd4j.rand(DataType.FLOAT, batch, 3, FidInceptionV3.INPUT_SIZE, FidInceptionV3.INPUT_SIZE)
                    .muli(255f);
            Set<String> layer = Set.of(FidInceptionV3.POOL_2048);
            net.extract(images, layer);
            double[] t = new double[batches];
            for (int i = 0; i < batches; i++) {
                long t0 = System.nanoTime();
                net.extract(images, layer);
                t[i] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(t);
            double median = t[batches / 2];
            ObjectNode o = Json.object();
            o.put("images_per_s", batch / median);
            o.put("batch", batch);
            o.put("seconds_per_batch", median);
            o.put("gflop_per_s", 2.0 * net.multiplyAddsPerImage() * batch / median / 1e9);
            o.put("gflop_per_image", 2.0 * net.multiplyAddsPerImage() / 1e9);
            o.put("threads", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            o.put("cores", Runtime.getRuntime().availableProcessors());
            o.put("nd4j_onednn", onednn());
            if (json) {
                out.println(Json.write(o));
            } else {
                // the figure itself on stdout (a plain number); what it was measured on, for people, on stderr
                out.println(o.get("images_per_s").asDouble());
                var err = spec.commandLine().getErr();
                o.fields().forEachRemaining(e -> err.println(e.getKey() + " " + e.getValue().asText()));
            }
        }
        return 0;
    }

    /** Whether the loaded libnd4j was built with oneDNN (the {@code onednn} classifiers). */
    static boolean onednn() {
        try {
            Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object e = env.getMethod("getInstance").invoke(null);
            return (Boolean) env.getMethod("isUseONEDNN").invoke(e)
                    && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("ONEDNN");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
