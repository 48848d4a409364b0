package org.ganeval4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.spark.internal.JvmPool;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.GaussianStatsAccumulator;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 2: a real multi-process Spark standalone cluster on loopback, started from the Maven
 * artifacts alone — a Master and a Worker, each its own JVM on this test's class path, and the
 * Worker launching two executor JVMs. The Worker builds executor command lines from
 * {@code SPARK_HOME}; a home assembled here (an empty {@code jars/} and the marker directory of a
 * Scala 2.12 build) with the test class path in {@code SPARK_DIST_CLASSPATH} is all it needs. The
 * statistics and reservoir equal a single-machine pass, and the extractor was never built in this
 * (the driver's) JVM.
 */
class StandaloneClusterTest {
    private static final int IMAGES = 64;
    private static final int BATCH = 16;
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopCluster() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            p.waitFor();
        }
    }

    @Test
    void masterWorkerAndExecutorsInTheirOwnJvmsGiveTheSingleMachineResult() throws Exception {
        TestData.assets();
        Path mnist = TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz");
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("launcher/target/scala-2.12"));
        int port = freePort();
        Process master = start("master", home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitPort(port, master);
        start("worker", home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory", "3g",
                "--webui-port", String.valueOf(freePort()), "spark://127.0.0.1:" + port);

        SparkConf conf = SparkEvaluation.configure(new SparkConf().setMaster("spark://127.0.0.1:" + port)
                .setAppName("ganeval4j-standalone-test").set("spark.executor.cores", "1").set("spark.executor.memory", "1g")
                .set("spark.cores.max", "2").set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1").set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "180s"));
        int builtBefore = JvmPool.built();
        SparkResult r;
        int executors;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            r = SparkEvaluation.images(new ImageInput(mnist.toString(), IMAGES, 5), ExtractorRef.of("squeezenet", BATCH))
                    .partitions(4).reservoir(20, 3).build().run(sc);
            executors = sc.sc().getExecutorMemoryStatus().size() - 1;
        }
        assertThat(executors).as("executor JVMs").isEqualTo(2);
        assertThat(JvmPool.built()).as("extractors built in the driver's JVM").isEqualTo(builtBefore);

        FeatureMatrix f;
        GaussianStats local;
        try (FeatureExtractor fx = Extractors.create(Extractors.Choice.of("squeezenet"));
             ImageSource s = ImageSources.open(mnist, ImageSources.Options.defaults().withLimit(IMAGES, 5))) {
            f = ReferenceStatistics.features(fx, s, BATCH, Set.of(fx.spec().layer()), null).get(fx.spec().layer());
            try (GaussianStatsAccumulator acc = new GaussianStatsAccumulator(fx.spec().dims())) {
                for (int from = 0; from < IMAGES; from += BATCH) {
                    acc.add(f.rows(from, from + BATCH));
                }
                local = acc.toStats(fx.spec().provenance(mnist.getFileName().toString()));
            }
        }
        Stats.assertClose(r.statistics(), local, 1e-12);
        assertThat(r.statistics().provenance()).isEqualTo(local.provenance());
        FeatureReservoir expected = FeatureReservoir.builder(20, f.cols()).seed(3).build();
        expected.add(f);
        assertThat(r.reservoir().snapshot().toArray()).containsExactly(expected.snapshot().toArray());
    }

    private Process start(String name, Path home, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(List.of(org.ganeval4j.spark.internal.SparkClusterStats.JAVA_OPENS.split(" ")));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_DIST_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_WORKER_DIR", dir.resolve("work").toString());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the master exited: " + Files.readString(dir.resolve("master.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the master did not listen within 120 s: " + Files.readString(dir.resolve("master.log")));
    }
}
