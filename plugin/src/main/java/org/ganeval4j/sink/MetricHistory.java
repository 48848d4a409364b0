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
 * and the reason).
 *
 * <p>Both files are only ever appended to and flushed to disk after each evaluation. Opening a folder
 * that already holds a history continues it: earlier rows are read back (from the JSONL file) and
 * kept, so a restarted run charts and early-stops on its whole history. A torn last line (a crash or
 * a full disk mid-write) is skipped on reading and never glued to the next row.
 *
 * <p>CSV columns: {@code timestamp,iteration,epoch,metric,value,std,direction,samples,seconds,extractor,status,failure}.
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
        IOException failure = null;
        try {
            append(dir.resolve(CSV), pendingCsv.toString(), header());
            pendingCsv.setLength(0);
        } catch (IOException ex) {
            failure = ex;
        }
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
        if (failure != null) {
            throw new IOException("could not append to the metric history in " + dir + " (rows kept in memory and"
                    + " retried at the next evaluation): " + failure.getMessage(), failure);
        }
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
        Path file = dir.resolve(JSONL);
        if (!Files.exists(file)) {
            return Collections.emptyList();
        }
        List<MetricResult> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(line)));
            } catch (IOException | RuntimeException ex) {
                LOG.warn("skipping unreadable line {} of {}: {}", lineNo, file, ex.getMessage());
            }
        }
        return out;
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
                seconds, o.path("extractor").asText(""), failure);
    }
}
