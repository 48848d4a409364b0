package org.ganeval4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ganeval4j.cli.Main;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.metric.InceptionScoreResult;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.GaussianStatsAccumulator;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 1 and 3 of the Spark module: on 1,000 CIFAR-10 test images (a seeded subset of the
 * archive) the statistics of {@code local[1]}, {@code local[2]} and 7 partitions equal the
 * single-machine {@code ganeval4j stats} within 1e-12 relative, their metadata equal but for the
 * partitioning; the feature reservoir holds exactly the rows a single pass keeps and the Inception
 * Score accumulator merges to the single-pass score; a task that fails once is retried and changes
 * nothing. FD-SqueezeNet features (cheap); the IS is taken over them as if they were logits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkPartitioningTest {
    /** 1,000 images (acceptance); {@code -Dganeval4j.spark.testImages=N} for a quicker look while developing. */
    private static final int LIMIT = Integer.getInteger("ganeval4j.spark.testImages", 1000);
    private static final long SEED = 7;
    private static final int BATCH = 16;
    private static final int CAPACITY = 300;
    private static final long RESERVOIR_SEED = 11;
    private static final InceptionScore IS = InceptionScore.builder().splits(10).build();

    @TempDir
    static Path dir;

    private Path archive;
    private GaussianStats local;
    private String localMetadata;
    private FeatureMatrix localFeatures;
    private JavaSparkContext sc;

    /**
     * The single-machine pass: the features of every image, batch by batch as {@code ganeval4j stats}
     * reads them, and from them the statistics exactly as the command accumulates them (same batches,
     * same float32 features, same order), and the command's own file for its metadata.
     */
    @BeforeAll
    void singleMachine() throws Exception {
        TestData.assets();
        archive = TestData.asset("datasets/cifar10/cifar10-jpg-test.tar.gz");
        try (FeatureExtractor fx = Extractors.create(Extractors.Choice.of("squeezenet"));
             ImageSource s = ImageSources.open(archive, ImageSources.Options.defaults().withLimit(LIMIT, SEED))) {
            localFeatures = ReferenceStatistics.features(fx, s, BATCH, Set.of(fx.spec().layer()), null).get(fx.spec().layer());
            try (GaussianStatsAccumulator acc = new GaussianStatsAccumulator(fx.spec().dims())) {
                for (int from = 0; from < localFeatures.rows(); from += BATCH) {
                    acc.add(localFeatures.rows(from, Math.min(localFeatures.rows(), from + BATCH)));
                }
                local = acc.toStats(fx.spec().provenance(archive.getFileName().toString()));
            }
        }
        // the single-machine command's file: its metadata is what the Spark run's must equal
        Path out = dir.resolve("local.npz");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"stats", archive.toString(), "-o", out.toString(), "--extractor", "squeezenet",
            "--limit", String.valueOf(LIMIT), "--seed", String.valueOf(SEED), "--batch", String.valueOf(BATCH)},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        Stats.assertClose(StatsFile.read(out), local, 1e-12);
        localMetadata = Stats.metadata(out);
    }

    @AfterAll
    void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private SparkResult run(JavaSparkContext context, int partitions) throws Exception {
        return SparkEvaluation.images(new ImageInput(archive.toString(), LIMIT, SEED), ExtractorRef.of("squeezenet", BATCH))
                .partitions(partitions).reservoir(CAPACITY, RESERVOIR_SEED).inceptionScore(IS, "pool_512")
                .datasetId(archive.getFileName().toString()).build().run(context);
    }

    @Test
    void localOneLocalTwoAndSevenPartitionsEqualTheSingleMachineStats() throws Exception {
        FeatureReservoir expectedReservoir = FeatureReservoir.builder(CAPACITY, localFeatures.cols()).seed(RESERVOIR_SEED).build();
        for (int from = 0; from < localFeatures.rows(); from += 64) {
            expectedReservoir.add(localFeatures.rows(from, Math.min(localFeatures.rows(), from + 64)));
        }
        InceptionScoreResult expectedIs = IS.compute(localFeatures);

        SparkResult one;
        try (JavaSparkContext c1 = new JavaSparkContext(new SparkConf().setMaster("local[1]").setAppName("t1"))) {
            one = run(c1, 0);
        }
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("t2"));
        SparkResult seven = run(sc, 7);
        assertThat(one.partitions()).isEqualTo(4);
        assertThat(seven.partitions()).isEqualTo(7);
        for (SparkResult r : new SparkResult[] {one, seven}) {
            assertThat(r.images()).isEqualTo(LIMIT);
            assertThat(r.skipped()).isEmpty();
            Stats.assertClose(r.statistics(), local, 1e-12);
            assertThat(r.statistics().provenance()).isEqualTo(local.provenance());
            assertThat(r.description()).isEqualTo("archive " + archive + " (10000 images, seeded subset of " + LIMIT + ")");
            assertThat(r.reservoir().seen()).isEqualTo(LIMIT);
            assertThat(r.reservoir().keptPositions()).containsExactly(expectedReservoir.keptPositions());
            assertThat(r.reservoir().snapshot().toArray()).containsExactly(expectedReservoir.snapshot().toArray());
            assertThat(r.inceptionScore().mean()).isCloseTo(expectedIs.mean(),
                    org.assertj.core.api.Assertions.within(1e-12 * expectedIs.mean()));
            assertThat(r.inceptionScore().std()).isCloseTo(expectedIs.std(), org.assertj.core.api.Assertions.within(1e-10 * Math.max(1, expectedIs.std())));
            assertThat(r.inceptionScore().rows()).isEqualTo(LIMIT);
        }

        // local[2] with its default partitioning (4 per core), through the CLI on the same context: the file
        // equals the single-machine file but for the partition count and the date
        Path out = dir.resolve("spark.npz");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"stats", archive.toString(), "-o", out.toString(), "--extractor", "squeezenet",
            "--limit", String.valueOf(LIMIT), "--seed", String.valueOf(SEED), "--batch", String.valueOf(BATCH),
            "--spark", "local[2,2]"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        Stats.assertClose(StatsFile.read(out), local, 1e-12);
        Map<String, Object> meta = Stats.json(Stats.metadata(out));
        Map<String, Object> expected = Stats.json(localMetadata);
        assertThat(meta.remove("partitions")).isEqualTo(8);
        meta.remove("created");
        expected.remove("created");
        assertThat(meta).isEqualTo(expected);
    }

    /** Acceptance 3: the first attempt of partitions 1 and 4 fails halfway; Spark retries them and nothing changes. */
    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() throws Exception {
        if (sc == null) {
            sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("t2"));
        }
        ImageInput small = new ImageInput(archive.toString(), 96, 3);
        SparkResult clean = SparkEvaluation.images(small, ExtractorRef.of("squeezenet", BATCH)).partitions(5)
                .reservoir(50, 1).build().run(sc);
        StringWriter err = new StringWriter();
        sc.setLocalProperty(SparkEvaluation.FAIL_ONCE_KEY, "1,4");
        SparkResult retried;
        try {
            retried = SparkEvaluation.images(small, ExtractorRef.of("squeezenet", BATCH)).partitions(5).reservoir(50, 1)
                    .progress(new PrintWriter(err, true)).build().run(sc);
        } finally {
            sc.setLocalProperty(SparkEvaluation.FAIL_ONCE_KEY, null);
        }
        assertThat(err.toString()).contains("partition 1 failed (attempt 0)").contains("partition 4 failed (attempt 0)")
                .contains("injected failure").contains("5/5 partitions, 96/96 images");
        assertThat(retried.images()).isEqualTo(96);
        Stats.assertClose(retried.statistics(), clean.statistics(), 1e-12);
        assertThat(retried.reservoir().snapshot().toArray()).containsExactly(clean.reservoir().snapshot().toArray());
    }
}
