package org.ganeval4j.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ModelGenerator;
import org.ganeval4j.io.AtomicFiles;
import org.ganeval4j.io.FileFormatException;

/**
 * A generator saved alone — a DL4J {@link ModelSerializer} zip that plain DL4J loads
 * ({@code ModelSerializer.restoreMultiLayerNetwork} or {@code restoreComputationGraph}) and samples
 * with {@code output(z)} — with its {@link GeneratorRecord} as one more zip entry, {@value #ENTRY},
 * which DL4J ignores. {@code best-generator.zip} of the listener, the sweeps and the examples is such
 * a file; {@code ganeval4j eval} and {@code ganeval4j sample} read it without further options.
 *
 * <p>A saved model never names one of ganeval4j's {@code internal} classes (they may be renamed);
 * {@link #write} refuses a generator whose configuration does. Reading also accepts any other DL4J
 * model zip (e.g. a {@code CheckpointListener} checkpoint of a combined GAN network), then without a
 * record.
 */
public final class SavedGenerator {
    /** The zip entry holding the record. */
    public static final String ENTRY = "ganeval4j.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERNAL = Pattern.compile("org\\.ganeval4j\\.[\\w.]*?\\.?internal\\.\\w+");

    private final Path file;
    private final Model model;
    private final GeneratorRecord record;

    private SavedGenerator(Path file, Model model, GeneratorRecord record) {
        this.file = file;
        this.model = model;
        this.record = record;
    }

    /**
     * Writes {@code generator} alone ({@link ModelGenerator#standalone()}, without updater state) with
     * {@code record}, atomically.
     *
     * @throws IllegalStateException when the generator's configuration names an internal class
     */
    public static void write(Path file, ModelGenerator generator, GeneratorRecord record) throws IOException {
        Objects.requireNonNull(record, "record");
        Model g = generator.standalone().model();
        String conf = g instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) g).getConfiguration().toJson();
        Matcher internal = INTERNAL.matcher(conf);
        if (internal.find()) {
            throw new IllegalStateException("the generator's configuration names " + internal.group() + ", an internal"
                    + " class of ganeval4j that may be renamed: a saved generator must not depend on it");
        }
        byte[] json = record.toJsonString().getBytes(StandardCharsets.UTF_8);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".generator", ".zip.tmp");
        try {
            ModelSerializer.writeModel(g, tmp.toFile(), false);
            AtomicFiles.write(file, out -> {
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(tmp));
                     ZipOutputStream zip = new ZipOutputStream(out)) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        zip.putNextEntry(new ZipEntry(e.getName()));
                        in.transferTo(zip);
                        zip.closeEntry();
                    }
                    zip.putNextEntry(new ZipEntry(ENTRY));
                    zip.write(json);
                    zip.closeEntry();
                }
            });
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a DL4J model zip ({@code MultiLayerNetwork} or {@code ComputationGraph}) and its record when
     * it has one.
     *
     * @throws FileFormatException when the file is not a DL4J model zip, naming it
     */
    public static SavedGenerator read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String configuration;
        GeneratorRecord record = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null || zip.getEntry("coefficients.bin") == null) {
                throw new FileFormatException(file + ": not a DL4J model zip (no configuration.json/coefficients.bin"
                        + " entries; expected a file written by ModelSerializer)");
            }
            try (InputStream in = zip.getInputStream(conf)) {
                configuration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            ZipEntry r = zip.getEntry(ENTRY);
            if (r != null) {
                try (InputStream in = zip.getInputStream(r)) {
                    record = GeneratorRecord.fromJson(JSON.readTree(in), file + "!" + ENTRY);
                }
            }
        } catch (ZipException e) {
            throw new FileFormatException(file + ": not a zip archive (expected a DL4J model written by ModelSerializer): "
                    + e.getMessage());
        }
        JsonNode conf;
        try {
            conf = JSON.readTree(configuration);
        } catch (IOException e) {
            throw new FileFormatException(file + ": configuration.json is not JSON: " + e.getMessage());
        }
        Model model;
        try {
            model = conf.has("vertices") ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new FileFormatException(file + ": DL4J could not restore the model: " + e);
        }
        return new SavedGenerator(file, model, record);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The network as saved. */
    public Model model() {
        return model;
    }

    /** The whole saved network as the generator (a file written by {@link #write} holds the generator alone). */
    public ModelGenerator generator() {
        return ModelGenerator.of(model, ModelGenerator.Part.WHOLE);
    }

    /** A part of the saved network as the generator, e.g. the generator layers of a combined GAN checkpoint. */
    public ModelGenerator generator(ModelGenerator.Part part) {
        return ModelGenerator.of(model, part);
    }

    /** The record, when the file has one. */
    public Optional<GeneratorRecord> record() {
        return Optional.ofNullable(record);
    }

    /** The training iteration the network's configuration counts (DL4J's iteration count). */
    public long iterationCount() {
        return model instanceof MultiLayerNetwork m ? m.getIterationCount() : ((ComputationGraph) model).getIterationCount();
    }

    /** The training epoch the network's configuration counts. */
    public long epochCount() {
        return model instanceof MultiLayerNetwork m ? m.getEpochCount() : ((ComputationGraph) model).getEpochCount();
    }

    @Override
    public String toString() {
        return "SavedGenerator[" + file + ", " + model.getClass().getSimpleName() + (record == null ? "" : ", recorded")
                + "]";
    }

    /** For API symmetry with {@link Generator}: the generator of a saved file. */
    public static ModelGenerator load(Path file) throws IOException {
        return read(file).generator();
    }
}
