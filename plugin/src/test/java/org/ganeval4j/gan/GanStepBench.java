package org.ganeval4j.gan;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.testing.TestData;

/**
 * Not a test: times {@link Gan#step} for the MLP and DCGAN presets (run with
 * {@code -Dtest=GanStepBench -DgenBench=true}, optionally {@code -DgenBench.steps=N}). Prints wall time
 * (mean and median), this thread's CPU time and the whole process's CPU time per step: with
 * {@code OMP_NUM_THREADS=1} the thread's CPU time is close to the wall time on an idle machine even when
 * other processes load the cores; the load average is printed alongside.
 */
public class GanStepBench {
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "genBench", matches = "true")
    void bench() throws Exception {
        ImageDataset d;
        try (var s = ImageSources.open(TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz"),
                ImageSources.Options.defaults().withLimit(2000, 1))) {
            d = ImageDataset.load(s, 0);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int n = Integer.getInteger("genBench.steps", 20);
        System.out.printf("OMP_NUM_THREADS=%s, %d processors%n", System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        for (GanConfig c : new GanConfig[] {GanConfig.mnistMlp(1), GanConfig.mnistDcgan(1)}) {
            Gan g = Gan.build(c);
            Random r = new Random(1);
            for (int i = 0; i < 5; i++) {
                g.step(d.trainingBatch(r, c.batchSize(), g.imageFormat()));
            }
            double load0 = os.getSystemLoadAverage();
            long[] wall = new long[n];
            long cpu0 = threads.getCurrentThreadCpuTime();
            long proc0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                g.step(d.trainingBatch(r, c.batchSize(), g.imageFormat()));
                wall[i] = System.nanoTime() - t;
            }
            double total = (System.nanoTime() - t0) / 1e6 / n;
            Arrays.sort(wall);
            System.out.printf("%s: wall %.1f ms/step (median %.1f, min %.1f), thread CPU %.1f ms/step, process CPU %.1f"
                            + " ms/step, load average %.1f → %.1f%n", c.architecture(), total, wall[n / 2] / 1e6,
                    wall[0] / 1e6, (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n,
                    (os.getProcessCpuTime() - proc0) / 1e6 / n, load0, os.getSystemLoadAverage());
        }
    }
}
