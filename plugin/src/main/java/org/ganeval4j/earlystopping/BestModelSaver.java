package org.ganeval4j.earlystopping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.io.AtomicFiles;

/**
 * Saves the generator whenever the monitored metric improves: {@value #MODEL} (DL4J
 * {@link ModelSerializer} format, without updater state) and {@value #RECORD} (metric, value,
 * iteration, epoch, timestamp), each written atomically so a crash never leaves a half-written best
 * model. Restore with {@link #restore(Path)}.
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

    /** Writes {@code model} as the best, with the result that made it so. */
    public void save(Model model, MetricResult result) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(MODEL), out -> ModelSerializer.writeModel(model, out, false));
        ObjectNode o = JSON.createObjectNode();
        o.put("metric", result.name());
        o.put("value", result.value());
        o.put("direction", result.direction().name());
        o.put("iteration", result.iteration());
        o.put("epoch", result.epoch());
        o.put("samples", result.samples());
        o.put("extractor", result.extractorId());
        o.put("timestamp", result.timestamp().toString());
        o.put("model", MODEL);
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(RECORD), out -> out.write(bytes));
    }

    /** Restores a saved best model (a {@code MultiLayerNetwork} or {@code ComputationGraph}). */
    public static Model restore(Path modelFile) throws IOException {
        if (!Files.exists(modelFile)) {
            throw new java.nio.file.NoSuchFileException(modelFile.toString());
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), false);
        } catch (Exception e) {
            return ModelSerializer.restoreComputationGraph(modelFile.toFile(), false);
        }
    }
}
