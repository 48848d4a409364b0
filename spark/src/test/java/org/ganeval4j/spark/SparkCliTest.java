package org.ganeval4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.ganeval4j.cli.Main;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.testing.Python;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ganeval4j stats … --spark} and {@link StatsJob} against the local command on the same
 * input: same numbers, same metadata but the partition count, unreadable images counted and listed
 * exactly as locally; a NumPy-written uint8 {@code .npy} array is read from the end of its header.
 */
class SparkCliTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void unreadableImagesAreCountedAndListedExactlyAsLocally() throws Exception {
        TestData.assets();
        Path images = dir.resolve("images");
        Files.createDirectories(images.resolve("sub"));
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20; i++) {
            BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < 24 * 24; p++) {
                img.setRGB(p % 24, p / 24, r.nextInt(1 << 24));
            }
            ImageIO.write(img, "png", images.resolve(String.format("a%02d.png", i)).toFile());
        }
        Files.write(images.resolve("bad1.png"), new byte[] {1, 2, 3, 4});
        Files.write(images.resolve("sub/bad2.jpg"), new byte[0]);

        Path localOut = dir.resolve("local.npz");
        Path sparkOut = dir.resolve("spark.npz");
        String[] local = run("stats", images.toString(), "-o", localOut.toString(), "--extractor", "squeezenet", "--batch", "4",
                "--json");
        String[] spark = run("stats", images.toString(), "-o", sparkOut.toString(), "--extractor", "squeezenet", "--batch", "4",
                "--json", "--spark", "local[2]", "--partitions", "3");
        assertThat(local[0]).as(local[2]).isEqualTo("0");
        assertThat(spark[0]).as(spark[2]).isEqualTo("0");
        String skippedLine = local[2].lines().filter(l -> l.startsWith("ganeval4j: skipped")).findFirst().orElseThrow();
        assertThat(skippedLine).startsWith("ganeval4j: skipped 2 unreadable image(s): bad1.png: ").contains("sub/bad2.jpg: ");
        assertThat(spark[2].lines()).contains(skippedLine);
        Map<String, Object> lj = Stats.json(local[1]);
        Map<String, Object> sj = Stats.json(spark[1]);
        assertThat(sj.get("images")).isEqualTo(20).isEqualTo(lj.get("images"));
        assertThat(sj.get("skipped")).isEqualTo(2).isEqualTo(lj.get("skipped"));
        assertThat(sj.get("input")).isEqualTo(lj.get("input"));
        assertThat(sj.get("partitions")).isEqualTo(3);
        Stats.assertClose(StatsFile.read(sparkOut), StatsFile.read(localOut), 1e-12);
    }

    @Test
    void statsJobTakesTheSameOptionsAndWritesTheSameFile() throws Exception {
        TestData.assets();
        Path mnist = TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz");
        Path localOut = dir.resolve("local.npz");
        Path jobOut = dir.resolve("job.npz");
        String[] local = run("stats", mnist.toString(), "-o", localOut.toString(), "--extractor", "squeezenet", "--limit", "48",
                "--batch", "8");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StatsJob.run(new String[] {mnist.toString(), "-o", jobOut.toString(), "--extractor", "squeezenet",
            "--limit", "48", "--batch", "8", "--spark", "local[2]", "--progress"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo(local[1].strip()).isEqualTo("48");
        assertThat(err.toString()).contains("ganeval4j: spark: 6/6 partitions, 48/48 images");
        Stats.assertClose(StatsFile.read(jobOut), StatsFile.read(localOut), 1e-12);
        assertThat(Stats.json(Stats.metadata(jobOut))).containsEntry("partitions", 6)
                .containsEntry("dataset_id", "t10k-images-idx3-ubyte.gz");

        String[] bad = run("stats", dir.resolve("missing").toString(), "-o", jobOut.toString(), "--spark", "local[1]",
                "--extractor", "squeezenet");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2].strip()).startsWith("ganeval4j: no such file").doesNotContain("\n");
    }

    @Test
    void aNumpyUint8ArrayIsReadAsLocally() throws Exception {
        TestData.assets();
        Path npy = dir.resolve("images.npy");
        Python.check("import numpy as np,sys; r=np.random.RandomState(3);"
                + " np.save(sys.argv[1], r.randint(0, 256, (12, 3, 24, 24)).astype(np.uint8))", npy.toString());
        Path localOut = dir.resolve("local.npz");
        Path sparkOut = dir.resolve("spark.npz");
        String[] local = run("stats", npy.toString(), "-o", localOut.toString(), "--extractor", "squeezenet", "--batch", "4");
        String[] spark = run("stats", npy.toString(), "-o", sparkOut.toString(), "--extractor", "squeezenet", "--batch", "4",
                "--spark", "local[2]", "--partitions", "2");
        assertThat(local[0]).as(local[2]).isEqualTo("0");
        assertThat(spark[0]).as(spark[2]).isEqualTo("0");
        assertThat(spark[1].strip()).isEqualTo(local[1].strip()).isEqualTo("12");
        Stats.assertClose(StatsFile.read(sparkOut), StatsFile.read(localOut), 1e-12);
    }
}
