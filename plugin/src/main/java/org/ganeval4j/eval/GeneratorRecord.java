package org.ganeval4j.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.ModelGenerator;

/**
 * What a saved generator needs to be sampled and evaluated again without further options: its
 * latent specification (distribution, size, seed, classes), its image format, which part of the
 * trained network it was, and — when it was saved by an evaluation — how that evaluation was made
 * and what it recorded. Written as JSON into the generator's zip ({@link SavedGenerator}), into
 * {@code best.json} and into the listener's {@code evaluation.json}.
 *
 * @param latent      the latent distribution, with the evaluation seed
 * @param format      the generator output's layout and range
 * @param trainedPart where the generator sat in the network it was trained in (the saved file holds
 *                    the generator alone)
 * @param evaluation  how it was evaluated, or null
 * @param recorded    what that evaluation recorded, or null
 */
public record GeneratorRecord(LatentSpec latent, ImageFormat format, ModelGenerator.Part trainedPart,
                              Settings evaluation, Recorded recorded) {
    /** The JSON layout's version; newer files are refused naming both versions. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public GeneratorRecord {
        Objects.requireNonNull(latent, "latent");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(trainedPart, "trainedPart");
    }

    /**
     * How an evaluation was made.
     *
     * @param samples   generated samples
     * @param batchSize samples per generator batch
     * @param metrics   the metrics (with {@code reference=FILE} for the real data saved beside the generator)
     */
    public record Settings(int samples, int batchSize, List<MetricSpec> metrics) {
        public Settings {
            if (samples < 2 || batchSize < 1) {
                throw new IllegalArgumentException("an evaluation has >= 2 samples in batches of >= 1, got " + samples
                        + " and " + batchSize);
            }
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * What an evaluation recorded.
     *
     * @param iteration training iteration
     * @param epoch     training epoch
     * @param values    metric name → value (successful metrics only)
     */
    public record Recorded(long iteration, long epoch, Map<String, Double> values) {
        public Recorded {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The successful values of {@code e}. */
        public static Recorded of(Evaluation e) {
            Map<String, Double> v = new LinkedHashMap<>();
            e.results().stream().filter(MetricResult::ok).forEach(r -> v.put(r.name(), r.value()));
            return new Recorded(e.iteration(), e.epoch(), v);
        }
    }

    /** The same with what an evaluation recorded. */
    public GeneratorRecord withRecorded(Recorded r) {
        return new GeneratorRecord(latent, format, trainedPart, evaluation, r);
    }

    /** The same with other evaluation settings. */
    public GeneratorRecord withEvaluation(Settings s) {
        return new GeneratorRecord(latent, format, trainedPart, s, recorded);
    }

    /** As a JSON object. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("formatVersion", FORMAT_VERSION);
        o.put("ganeval4j", GanEval4j.version());
        ObjectNode l = o.putObject("latent");
        l.put("spec", latent.describe());
        l.put("distribution", latent.distribution().name().toLowerCase(java.util.Locale.ROOT));
        l.put("dim", latent.dim());
        l.put("seed", latent.seed());
        l.put("classes", latent.numClasses());
        ObjectNode f = o.putObject("format");
        f.put("layout", format.describeLayout());
        f.put("range", format.describeRange());
        f.put("channels", format.channels());
        f.put("height", format.height());
        f.put("width", format.width());
        f.put("quantize", format.quantize());
        ObjectNode p = o.putObject("trainedPart");
        if (trainedPart.whole()) {
            p.put("whole", true);
        } else if (trainedPart.vertex() != null) {
            p.put("vertex", trainedPart.vertex());
        } else {
            p.put("layer", trainedPart.layer());
        }
        if (evaluation != null) {
            ObjectNode e = o.putObject("evaluation");
            e.put("samples", evaluation.samples());
            e.put("batchSize", evaluation.batchSize());
            ArrayNode m = e.putArray("metrics");
            evaluation.metrics().forEach(s -> m.add(s.toString()));
        }
        if (recorded != null) {
            ObjectNode r = o.putObject("recorded");
            r.put("iteration", recorded.iteration());
            r.put("epoch", recorded.epoch());
            ObjectNode v = r.putObject("values");
            recorded.values().forEach(v::put);
        }
        return o;
    }

    /** As JSON text. */
    public String toJsonString() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write a generator record: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a record written by {@link #toJson()}.
     *
     * @param where names the source in error messages
     * @throws IllegalArgumentException when it is malformed or of a newer format version
     */
    public static GeneratorRecord fromJson(JsonNode o, String where) {
        try {
            int version = o.path("formatVersion").asInt(-1);
            if (version < 1) {
                throw new IllegalArgumentException("no formatVersion");
            }
            if (version > FORMAT_VERSION) {
                throw new IllegalArgumentException("format version " + version + " is newer than this ganeval4j ("
                        + GanEval4j.version() + ") reads (" + FORMAT_VERSION + ")");
            }
            JsonNode l = need(o, "latent");
            LatentSpec latent = LatentSpec.parse(need(l, "spec").asText(), need(l, "seed").asLong());
            JsonNode f = need(o, "format");
            String layout = need(f, "layout").asText();
            ImageFormat format = new ImageFormat(layout.startsWith("flat") ? ImageFormat.Layout.FLAT
                    : ImageFormat.Layout.valueOf(layout.toUpperCase(java.util.Locale.ROOT)),
                    ImageFormat.parseRange(need(f, "range").asText()), need(f, "channels").asInt(),
                    need(f, "height").asInt(), need(f, "width").asInt(), f.path("quantize").asBoolean(true));
            JsonNode p = need(o, "trainedPart");
            ModelGenerator.Part part = p.has("vertex") ? new ModelGenerator.Part(-1, p.get("vertex").asText())
                    : p.has("layer") ? new ModelGenerator.Part(p.get("layer").asInt(), null) : ModelGenerator.Part.WHOLE;
            Settings settings = null;
            if (o.has("evaluation")) {
                JsonNode e = o.get("evaluation");
                List<MetricSpec> metrics = new ArrayList<>();
                need(e, "metrics").forEach(m -> metrics.add(MetricSpec.parse(m.asText())));
                settings = new Settings(need(e, "samples").asInt(), need(e, "batchSize").asInt(), metrics);
            }
            Recorded recorded = null;
            if (o.has("recorded")) {
                JsonNode r = o.get("recorded");
                Map<String, Double> values = new LinkedHashMap<>();
                need(r, "values").fields().forEachRemaining(en -> values.put(en.getKey(), en.getValue().asDouble()));
                recorded = new Recorded(need(r, "iteration").asLong(), r.path("epoch").asLong(0), values);
            }
            return new GeneratorRecord(latent, format, part, settings, recorded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": not a readable ganeval4j generator record: " + e.getMessage(), e);
        }
    }

    private static JsonNode need(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return n;
    }
}
