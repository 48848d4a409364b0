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
 *
 * <p>A folder that already holds a best model (a rerun with the same output folder) keeps it until a
 * result beats it ({@link #beats}): the saver reads the earlier {@value #RECORD} when it is made, so a
 * worse new run never overwrites a better earlier generator — unless made with {@code fresh}.
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
    private String savedMetric;
    private double savedValue = Double.NaN;
    private org.ganeval4j.metric.Direction savedDirection;

    /** Saves into {@code dir}, keeping a best model already there until a result beats it. */
    public BestModelSaver(Path dir) throws IOException {
        this(dir, false);
    }

    /**
     * Saves into {@code dir}; with {@code fresh} an earlier best model there is replaced by this run's
     * first save, else it is kept until a result beats it.
     *
     * @throws IOException when an earlier {@value #RECORD} exists but cannot be read
     */
    public BestModelSaver(Path dir, boolean fresh) throws IOException {
        this.dir = Objects.requireNonNull(dir, "dir");
        Path record = dir.resolve(RECORD);
        if (!fresh && Files.exists(record) && Files.exists(dir.resolve(MODEL))) {
            com.fasterxml.jackson.databind.JsonNode o;
            try {
                o = JSON.readTree(record.toFile());
            } catch (IOException e) {
                throw new IOException(record + ": an earlier best model's record is unreadable (" + e.getMessage()
                        + "); move it away or start afresh", e);
            }
            if (o.hasNonNull("metric") && o.hasNonNull("value") && o.hasNonNull("direction")) {
                savedMetric = o.get("metric").asText();
                savedValue = o.get("value").asDouble();
                savedDirection = org.ganeval4j.metric.Direction.valueOf(o.get("direction").asText());
            }
        }
    }

    /** The metric that chose the earlier best model kept in the folder, if any. */
    public java.util.Optional<String> earlierMetric() {
        return java.util.Optional.ofNullable(savedMetric);
    }

    /** The earlier best model kept in the folder (metric and value), if any. */
    public java.util.Optional<String> earlier() {
        return savedMetric == null ? java.util.Optional.empty()
                : java.util.Optional.of(savedMetric + " " + savedValue);
    }

    /**
     * True when {@code result} should replace the best model in the folder: there is none from an
     * earlier run (or the saver starts afresh), or {@code result} is better than it.
     *
     * @throws IllegalStateException when the folder's best model was chosen by another metric
     */
    public boolean beats(MetricResult result) {
        if (savedMetric == null) {
            return true;
        }
        if (!savedMetric.equals(result.name())) {
            throw new IllegalStateException(dir + " holds a best model chosen by " + savedMetric + " (" + savedValue
                    + "), not " + result.name() + ": choose another output folder or start afresh");
        }
        return savedDirection.improves(result.value(), savedValue, 0);
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
        savedMetric = best.name();
        savedValue = best.value();
        savedDirection = best.direction();
    }

    /** Restores a saved generator network (a {@code MultiLayerNetwork} or {@code ComputationGraph}). */
    public static Model restore(Path modelFile) throws IOException {
        return SavedGenerator.read(modelFile).model();
    }
}
