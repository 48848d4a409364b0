package org.ganeval4j.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric history of a training run in one folder: {@value #CSV} and {@value #JSONL}, one row /
 * line per metric per evaluation, failed evaluations included (empty value, {@code status=failed}
 * and the reason). An output that could not take an evaluation (the history file itself on a full
 * disk, the DL4J UI not running, …) adds a row for that evaluation with the output's name in the
 * {@code metric} column, {@code status=output_failed} and the reason ({@link #recordOutputFailures});
 * {@link #read} leaves these rows out and {@link #readOutputFailures} returns them.
 *
 * <p>Both files are only ever appended to and flushed to disk after each evaluation. Opening a folder
 * that already holds a history continues it: earlier rows are read back (from the JSONL file) and
 * kept, so a restarted run charts and early-stops on its whole history. A torn last line (a crash or
 * a full disk mid-write) is skipped on reading and never glued to the next row.
 *
 * <p>CSV columns: {@code timestamp,iteration,epoch,metric,value,std,direction,samples,seconds,extractor,status,failure}.
 * A result's {@link MetricResult#details() details} (e.g. FID∞'s points and fit) appear in the JSON
 * lines only, as a {@code details} object.
 * Thread safe.
 */
public final class MetricHistory implements MetricSink {
    /** The CSV file name. */
    public static final String CSV = "metrics.csv";
    /** The JSON-lines file name. */
    public static final String JSONL = "metrics.jsonl";

    static final String[] COLUMNS = {"timestamp", "iteration", "epoch", "metric", "value", "std", "direction",
        "samples", "seconds", "extractor", "status", "failure"};

    private static final Logger LOG = LoggerFactory.getLogger(MetricHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<MetricResult> results = new ArrayList<>();
    /** Rows that could not be written yet (a full disk); retried first on the next evaluation. */
    private final StringBuilder pendingCsv = new StringBuilder();
    private final StringBuilder pendingJson = new StringBuilder();

    private MetricHistory(Path dir, List<MetricResult> previous) {
        this.dir = dir;
        this.results.addAll(previous);
    }

    /** Opens (creating the folder if needed) and continues the history in {@code dir}. */
    public static MetricHistory open(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<MetricResult> previous = read(dir);
        if (!previous.isEmpty()) {
            LOG.info("continuing the metric history in {} ({} earlier rows)", dir, previous.size());
        }
        return new MetricHistory(dir, previous);
    }

    /** The folder. */
    public Path directory() {
        return dir;
    }

    /** Every result so far, earlier runs' included, in order. */
    public synchronized List<MetricResult> results() {
        return List.copyOf(results);
    }

    /** The results of one metric, in order. */
    public synchronized List<MetricResult> series(String metric) {
        return results.stream().filter(r -> r.name().equals(metric)).toList();
    }

    /** The metric names seen, in order of first appearance. */
    public synchronized List<String> metricNames() {
        return results.stream().map(MetricResult::name).distinct().toList();
    }

    /**
     * Appends the evaluation's rows to both files. When a write fails (a full disk) the rows stay in
     * memory and are written first on the next successful append, so none is lost while the process
     * lives.
     */
    @Override
    public synchronized void accept(Evaluation e) throws IOException {
        results.addAll(e.results());
        pendingCsv.append(csv(e.results()));
        for (MetricResult r : e.results()) {
            pendingJson.append(json(r)).append('\n');
        }
        IOException failure = flushPending();
        if (failure != null) {
            throw new IOException("could not append to the metric history in " + dir + " (rows kept in memory and"
                    + " retried at the next evaluation): " + failure.getMessage(), failure);
        }
    }

    /**
     * Adds a row per failed output of the evaluation at {@code iteration} and tries to write the pending
     * rows; when the files still cannot be written the rows stay pending (written with the next
     * successful append), and this returns quietly: the caller has already reported the failure.
     */
    public synchronized void recordOutputFailures(long iteration, long epoch, java.util.Map<String, String> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (var f : failures.entrySet()) {
            OutputFailure o = new OutputFailure(now, iteration, epoch, f.getKey(), f.getValue());
            try {
                pendingCsv.append(csv(o));
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            pendingJson.append(json(o)).append('\n');
        }
        IOException failure = flushPending();
        if (failure != null) {
            LOG.debug("output failures kept pending: {}", failure.toString());
        }
    }

    /** Writes the pending rows of each file; returns what went wrong (the rows of that file stay pending), or null. */
    private IOException flushPending() {
        IOException failure = null;
        if (pendingCsv.length() > 0) {
            try {
                append(dir.resolve(CSV), pendingCsv.toString(), header());
                pendingCsv.setLength(0);
            } catch (IOException ex) {
                failure = ex;
            }
        }
        if (pendingJson.length() > 0) {
            try {
                append(dir.resolve(JSONL), pendingJson.toString(), null);
                pendingJson.setLength(0);
            } catch (IOException ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        return failure;
    }

    @Override
    public String name() {
        return "metric history " + dir;
    }

    private static String header() {
        return String.join(",", COLUMNS) + "\n";
    }

    /**
     * Appends {@code text} in one write and forces it to disk; writes {@code header} first when the
     * file is new or empty, and a line break first when a previous write was torn.
     */
    private static void append(Path file, String text, String header) throws IOException {
        long size = Files.isRegularFile(file) ? Files.size(file) : 0;
        StringBuilder sb = new StringBuilder();
        if (size == 0) {
            if (header != null) {
                sb.append(header);
            }
        } else {
            try (var in = Files.newByteChannel(file, StandardOpenOption.READ)) {
                ByteBuffer last = ByteBuffer.allocate(1);
                in.position(size - 1);
                in.read(last);
                if (last.get(0) != '\n') {
                    sb.append('\n');
                }
            }
        }
        sb.append(text);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    private static String csv(List<MetricResult> rows) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            for (MetricResult r : rows) {
                p.printRecord(r.timestamp().toString(), r.iteration(), r.epoch(), r.name(), number(r.value()),
                        number(r.std()), direction(r.direction()), r.samples(), number(r.seconds()), r.extractorId(),
                        r.ok() ? "ok" : "failed", r.ok() ? "" : r.failure());
            }
        }
        return w.toString();
    }

    private static String csv(OutputFailure o) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            p.printRecord(o.timestamp().toString(), o.iteration(), o.epoch(), o.output(), "", "", "", "", "", "",
                    OutputFailure.STATUS, o.reason());
        }
        return w.toString();
    }

    static String json(OutputFailure f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("timestamp", f.timestamp().toString());
        o.put("iteration", f.iteration());
        o.put("epoch", f.epoch());
        o.put("metric", f.output());
        o.put("status", OutputFailure.STATUS);
        o.put("failure", f.reason());
        return o.toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String direction(Direction d) {
        return d == Direction.LOWER_IS_BETTER ? "lower_is_better" : "higher_is_better";
    }

    /** One result as a JSON object (NaN as null). */
    static String json(MetricResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("timestamp", r.timestamp().toString());
        o.put("iteration", r.iteration());
        o.put("epoch", r.epoch());
        o.put("metric", r.name());
        putNumber(o, "value", r.value());
        putNumber(o, "std", r.std());
        o.put("direction", direction(r.direction()));
        o.put("samples", r.samples());
        putNumber(o, "seconds", r.seconds());
        o.put("extractor", r.extractorId());
        o.put("status", r.ok() ? "ok" : "failed");
        if (!r.ok()) {
            o.put("failure", r.failure());
        }
        if (!r.details().isEmpty()) {
            o.set("details", JSON.valueToTree(r.details()));
        }
        return o.toString();
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /**
     * Reads the history in {@code dir} from {@value #JSONL}; an unreadable line (a torn write) is
     * skipped with a warning. Empty when there is none.
     */
    public static List<MetricResult> read(Path dir) throws IOException {
        List<MetricResult> out = new ArrayList<>();
        for (JsonNode o : lines(dir)) {
            if (!OutputFailure.STATUS.equals(o.path("status").asText())) {
                out.add(parse(o));
            }
        }
        return out;
    }

    /** The output failures recorded in the history in {@code dir} (rows with {@code status=output_failed}). */
    public static List<OutputFailure> readOutputFailures(Path dir) throws IOException {
        List<OutputFailure> out = new ArrayList<>();
        for (JsonNode o : lines(dir)) {
            if (OutputFailure.STATUS.equals(o.path("status").asText())) {
                out.add(new OutputFailure(Instant.parse(o.get("timestamp").asText()), o.path("iteration").asLong(),
                        o.path("epoch").asLong(), o.path("metric").asText(), o.path("failure").asText("")));
            }
        }
        return out;
    }

    private static List<JsonNode> lines(Path dir) throws IOException {
        Path file = dir.resolve(JSONL);
        if (!Files.exists(file)) {
            return Collections.emptyList();
        }
        List<JsonNode> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode o = JSON.readTree(line);
                if (!o.hasNonNull("metric") || !o.hasNonNull("timestamp")) {
                    throw new IOException("no metric or timestamp");
                }
                Instant.parse(o.get("timestamp").asText());
                out.add(o);
            } catch (IOException | RuntimeException ex) {
                LOG.warn("skipping unreadable line {} of {}: {}", lineNo, file, ex.getMessage());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> details(JsonNode d) {
        return d == null || !d.isObject() ? java.util.Map.of() : JSON.convertValue(d, java.util.Map.class);
    }

    private static MetricResult parse(JsonNode o) {
        String status = o.path("status").asText("ok");
        Direction d = o.path("direction").asText().toLowerCase(Locale.ROOT).startsWith("higher")
                ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
        double value = o.path("value").isNumber() ? o.get("value").asDouble() : Double.NaN;
        double std = o.path("std").isNumber() ? o.get("std").asDouble() : Double.NaN;
        double seconds = o.path("seconds").isNumber() ? o.get("seconds").asDouble() : Double.NaN;
        String failure = status.equals("ok") ? null : o.path("failure").asText("failed");
        return new MetricResult(o.get("metric").asText(), value, std, d, o.path("samples").asLong(),
                o.path("iteration").asLong(), o.path("epoch").asLong(), Instant.parse(o.get("timestamp").asText()),
                seconds, o.path("extractor").asText(""), failure, details(o.get("details")));
    }
}
