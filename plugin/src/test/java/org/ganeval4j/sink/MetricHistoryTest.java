package org.ganeval4j.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class MetricHistoryTest {
    @TempDir
    Path dir;

    static Evaluation evaluation(long it, double fid) {
        return new Evaluation(it, 0, List.of(
                MetricResult.ok("FID", fid, Double.NaN, Direction.LOWER_IS_BETTER, 100, it, 0, 1.5, "x/pool@pytorch"),
                MetricResult.ok("LPIPS-diversity", 0.4, 0.01, Direction.HIGHER_IS_BETTER, 100, it, 0, 0.5, "lpips")),
                null);
    }

    @Test
    void appendsBothFilesAndARestartContinuesThem() throws Exception {
        MetricHistory h = MetricHistory.open(dir);
        h.accept(evaluation(10, 300));
        h.accept(new Evaluation(20, 0, List.of(MetricResult.failed("FID", Direction.LOWER_IS_BETTER, 20, 0, 0.1,
                "x", "generator produced NaN, \"quoted\"")), null));
        List<String> csv = Files.readAllLines(dir.resolve(MetricHistory.CSV));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).isEqualTo(String.join(",", MetricHistory.COLUMNS));
        assertThat(csv.get(3)).contains("failed").contains("\"generator produced NaN, \"\"quoted\"\"\"");

        MetricHistory again = MetricHistory.open(dir);
        assertThat(again.results()).hasSize(3);
        again.accept(evaluation(30, 250));
        assertThat(Files.readAllLines(dir.resolve(MetricHistory.CSV))).hasSize(6).first()
                .isEqualTo(String.join(",", MetricHistory.COLUMNS));
        assertThat(Files.readAllLines(dir.resolve(MetricHistory.JSONL))).hasSize(5);
        List<MetricResult> fid = again.series("FID");
        assertThat(fid).extracting(MetricResult::iteration).containsExactly(10L, 20L, 30L);
        assertThat(fid.get(1).ok()).isFalse();
        assertThat(fid.get(1).failure()).contains("NaN");
        assertThat(fid.get(2).value()).isEqualTo(250.0);
    }

    @Test
    void pandasAndJsonReadTheFiles() throws Exception {
        MetricHistory h = MetricHistory.open(dir);
        h.accept(evaluation(10, 300));
        h.accept(evaluation(20, 200.5));
        String out = Python.check("import csv,json,sys\n"
                + "rows=list(csv.DictReader(open(sys.argv[1]+'/metrics.csv')))\n"
                + "js=[json.loads(l) for l in open(sys.argv[1]+'/metrics.jsonl')]\n"
                + "print(len(rows), rows[2]['metric'], rows[2]['value'], js[3]['std'], js[2]['iteration'])", dir.toString());
        assertThat(out.strip()).isEqualTo("4 FID 200.5 0.01 20");
    }

    @Test
    void aTornLastLineIsSkippedAndNotGluedToTheNextRow() throws Exception {
        MetricHistory h = MetricHistory.open(dir);
        h.accept(evaluation(10, 300));
        Files.writeString(dir.resolve(MetricHistory.JSONL), "{\"timestamp\": \"20", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(MetricHistory.CSV), "2026-01-01T00:00:00Z,2", StandardOpenOption.APPEND);
        MetricHistory again = MetricHistory.open(dir);
        assertThat(again.results()).hasSize(2);
        again.accept(evaluation(20, 200));
        assertThat(MetricHistory.read(dir)).hasSize(4);
        List<String> csv = Files.readAllLines(dir.resolve(MetricHistory.CSV));
        assertThat(csv.get(csv.size() - 2)).startsWith("2026").contains("FID").contains("200.0");
    }

    @Test
    void aFullDiskFailsTheAppendButLosesNothingWritten() throws Exception {
        Path devFull = Paths.get("/dev/full");
        if (!Files.exists(devFull)) {
            org.ganeval4j.testing.TestData.missing("/dev/full (Linux) simulates a full disk; it is missing here");
        }
        MetricHistory h = MetricHistory.open(dir);
        h.accept(evaluation(10, 300));
        byte[] jsonBefore = Files.readAllBytes(dir.resolve(MetricHistory.JSONL));
        Path csv = dir.resolve(MetricHistory.CSV);
        Path saved = dir.resolve("saved.csv");
        Files.move(csv, saved);
        Files.createSymbolicLink(csv, devFull);
        assertThatThrownBy(() -> h.accept(evaluation(20, 200))).isInstanceOf(IOException.class)
                .hasMessageContaining("could not append to the metric history");
        assertThat(h.series("FID")).hasSize(2);
        assertThat(new String(Files.readAllBytes(dir.resolve(MetricHistory.JSONL)), StandardCharsets.UTF_8))
                .startsWith(new String(jsonBefore, StandardCharsets.UTF_8));
        assertThat(Files.readAllLines(saved)).hasSize(3);

        // space again: the rows kept in memory are written with the next evaluation
        Files.delete(csv);
        Files.move(saved, csv);
        h.accept(evaluation(30, 100));
        assertThat(Files.readAllLines(csv)).hasSize(7);
        assertThat(MetricHistory.read(dir)).extracting(MetricResult::iteration).containsExactly(10L, 10L, 20L, 20L, 30L, 30L);
    }

    @Test
    void chartsAndGridArePngs() throws Exception {
        MetricHistory h = MetricHistory.open(dir);
        ChartSink charts = new ChartSink(h);
        for (int i = 1; i <= 5; i++) {
            Evaluation e = evaluation(i * 10, 300.0 / i);
            h.accept(e);
            charts.accept(e);
        }
        BufferedImage fid = ImageIO.read(dir.resolve(ChartSink.fileName("FID")).toFile());
        assertThat(fid.getWidth()).isEqualTo(800);
        assertThat(Files.exists(dir.resolve("chart-LPIPS-diversity.png"))).isTrue();

        var samples = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 3, 8, 6).muli(255);
        new SampleGridSink(dir, 4).accept(new Evaluation(1, 0, List.of(), samples));
        BufferedImage grid = ImageIO.read(dir.resolve(SampleGridSink.FILE).toFile());
        assertThat(grid.getWidth()).isEqualTo(2 * 6 + 3 * 2);
        assertThat(grid.getHeight()).isEqualTo(2 * 8 + 3 * 2);
        int rgb = grid.getRGB(2, 2);
        int expectedRed = Math.round(samples.getFloat(0, 0, 0, 0));
        assertThat((rgb >> 16) & 0xFF).isEqualTo(expectedRed);
    }
}
