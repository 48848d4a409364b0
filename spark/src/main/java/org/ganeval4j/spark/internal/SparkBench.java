package org.ganeval4j.spark.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.bytedeco.javacpp.Pointer;
import org.ganeval4j.spark.ExtractorRef;
import org.ganeval4j.spark.ImageInput;
import org.ganeval4j.spark.SparkEvaluation;
import org.ganeval4j.spark.SparkResult;

/**
 * Throughput of reference statistics on Spark in local mode, one master after the other:
 * {@code java … org.ganeval4j.spark.internal.SparkBench INPUT [IMAGES] [EXTRACTOR] [MASTER…]} (defaults:
 * 512 images, {@code squeezenet}, {@code local[1] local[2]}). For each master a warm-up pass on one
 * batch per core builds the extractors, then a timed pass over IMAGES images (a seeded subset) gives
 * images/s; the memory line is this JVM's — in local mode the executor — resident set (JavaCPP's
 * count of physical bytes), native allocations and heap. Run it on a quiet machine with
 * {@code OMP_NUM_THREADS=1} so that one task uses one core.
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SparkBench INPUT [IMAGES] [EXTRACTOR] [MASTER...]");
            System.exit(2);
        }
        String input = args[0];
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        String extractor = args.length > 2 ? args[2] : "squeezenet";
        List<String> masters = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            masters.add(args[i]);
        }
        if (masters.isEmpty()) {
            masters = List.of("local[1]", "local[2]");
        }
        SparkClusterStats.quietLogging();
        PrintWriter out = new PrintWriter(System.out, true);
        double first = 0;
        for (String master : masters) {
            SparkConf conf = SparkEvaluation.configure(new SparkConf().setMaster(master).setAppName("ganeval4j-bench")
                    .set("spark.ui.enabled", "false"));
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                int cores = sc.defaultParallelism();
                ExtractorRef ref = ExtractorRef.of(extractor, 16);
                SparkEvaluation.images(new ImageInput(input, 16 * cores, 99), ref).partitions(cores).build().run(sc);
                long t0 = System.nanoTime();
                SparkResult r = SparkEvaluation.images(new ImageInput(input, images, 1), ref).partitions(4 * cores).build()
                        .run(sc);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double rate = r.images() / seconds;
                if (first == 0) {
                    first = rate;
                }
                Runtime rt = Runtime.getRuntime();
                out.printf(Locale.ROOT, "%s images/s %.2f (%d images, %d partitions, %.1f s, %.2fx the first)%n", master, rate,
                        r.images(), r.partitions(), seconds, rate / first);
                out.printf(Locale.ROOT, "%s memory: resident %d MiB, native %d MiB, heap %d MiB%n", master,
                        Pointer.physicalBytes() >> 20, Pointer.totalBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
        }
    }
}
