package org.ganeval4j.earlystopping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.image.ModelGenerator;
import org.ganeval4j.io.AtomicFiles;

/**
 * Saves the generator whenever the monitored metric improves: {@value #MODEL} — the generator alone
 * (not a combined GAN network), DL4J {@code ModelSerializer} format without updater state, with its
 * {@link GeneratorRecord} inside ({@link SavedGenerator}) — and {@value #RECORD} (metric, value,
 * direction, iteration, epoch, samples, extractor, timestamp, and the generator record: latent
 * specification, image format, the part of the trained network it was, the evaluation's settings and
 * values). Each file is written atomically, so a crash never leaves a half-written best model.
 * {@code ganeval4j eval best-generator.zip} repeats the recorded evaluation; {@link #restore(Path)}
 * loads the network.
 */
public final class BestModelSaver {
    /** The model file name. */
    public static final String MODEL = "best-generator.zip";
    /** The record file name. */
    public static final String RECORD = "best.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    /** Saves into {@code dir}. */
    public BestModelSaver(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The folder. */
    public Path directory() {
        return dir;
    }

    /**
     * Writes {@code generator} as the best, with the evaluation and the result that made it so.
     *
     * @param generator  the evaluated generator (saved alone: {@link ModelGenerator#standalone()})
     * @param evaluation the evaluation in which it was best
     * @param best       the monitored metric's result in that evaluation
     * @param record     the generator's record (latent, format, evaluation settings), without values
     */
    public void save(ModelGenerator generator, Evaluation evaluation, MetricResult best, GeneratorRecord record)
            throws IOException {
        Files.createDirectories(dir);
        GeneratorRecord full = record.withRecorded(GeneratorRecord.Recorded.of(evaluation));
        SavedGenerator.write(dir.resolve(MODEL), generator, full);
        ObjectNode o = JSON.createObjectNode();
        o.put("metric", best.name());
        o.put("value", best.value());
        o.put("direction", best.direction().name());
        o.put("iteration", best.iteration());
        o.put("epoch", best.epoch());
        o.put("samples", best.samples());
        o.put("extractor", best.extractorId());
        o.put("timestamp", best.timestamp().toString());
        o.put("model", MODEL);
        o.set("generator", full.toJson());
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(RECORD), out -> out.write(bytes));
    }

    /** Restores a saved generator network (a {@code MultiLayerNetwork} or {@code ComputationGraph}). */
    public static Model restore(Path modelFile) throws IOException {
        return SavedGenerator.read(modelFile).model();
    }
}
