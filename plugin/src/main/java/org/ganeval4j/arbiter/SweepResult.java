package org.ganeval4j.arbiter;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ganeval4j.io.AtomicFiles;
import org.ganeval4j.metric.Direction;

/**
 * The results of a {@link GanSweep}: one {@link CandidateOutcome} per candidate, in candidate order,
 * and the best one (Arbiter's best score, by the metric's direction). {@link #writeCsv} writes the
 * table as {@value #CSV}: {@code candidate}, one column per searched hyperparameter, {@code metric},
 * {@code best} (or {@code final}), {@code iteration}, {@code iterations}, {@code seconds},
 * {@code status} ({@code completed}, {@code stopped}, {@code failed}) and {@code reason}.
 */
public final class SweepResult {
    /** The results table's file name. */
    public static final String CSV = "sweep.csv";

    private final Path directory;
    private final GanMetricScoreFunction score;
    private final List<String> hyperparameters;
    private final List<CandidateOutcome> candidates;
    private final CandidateOutcome best;
    private final Path bestModel;

    SweepResult(Path directory, GanMetricScoreFunction score, List<String> hyperparameters,
                List<CandidateOutcome> candidates, CandidateOutcome best, Path bestModel) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.score = Objects.requireNonNull(score, "score");
        this.hyperparameters = List.copyOf(hyperparameters);
        List<CandidateOutcome> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(CandidateOutcome::id));
        this.candidates = List.copyOf(sorted);
        this.best = best;
        this.bestModel = bestModel;
    }

    /** The sweep's folder. */
    public Path directory() {
        return directory;
    }

    /** The metric candidates were scored by. */
    public String metric() {
        return score.metric();
    }

    /** Whether lower or higher scores are better. */
    public Direction direction() {
        return score.direction();
    }

    /** The searched hyperparameters' names. */
    public List<String> hyperparameters() {
        return hyperparameters;
    }

    /** Every candidate, in candidate order. */
    public List<CandidateOutcome> candidates() {
        return candidates;
    }

    /** The best scored candidate, if any candidate was scored. */
    public Optional<CandidateOutcome> best() {
        return Optional.ofNullable(best);
    }

    /** The best candidate's generator copied to the sweep's folder ({@code best-generator.zip}), if any. */
    public Optional<Path> bestModel() {
        return Optional.ofNullable(bestModel);
    }

    /** The results table's path, {@code directory/sweep.csv}. */
    public Path csv() {
        return directory.resolve(CSV);
    }

    /** Writes the results table to {@code file}, atomically. */
    public void writeCsv(Path file) throws IOException {
        List<String> header = new ArrayList<>();
        header.add("id");
        header.addAll(hyperparameters);
        header.addAll(List.of("metric", scoreColumn(), "iteration", "iterations", "seconds", "status", "reason"));
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            p.printRecord(header);
            for (CandidateOutcome o : candidates) {
                List<Object> row = new ArrayList<>();
                row.add(o.id());
                for (String h : hyperparameters) {
                    Serializable v = o.hyperparameters().get(h);
                    row.add(v == null ? "" : v.toString());
                }
                row.add(o.metric());
                row.add(o.scored() ? Double.toString(o.score()) : "");
                row.add(o.scored() ? Long.toString(o.iteration()) : "");
                row.add(o.iterations());
                row.add(String.format(Locale.ROOT, "%.2f", o.seconds()));
                row.add(status(o));
                row.add(o.reason());
                p.printRecord(row);
            }
        }
        byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private String scoreColumn() {
        return score.selection() == GanMetricScoreFunction.Selection.BEST ? "best_metric" : "final_metric";
    }

    private static String status(CandidateOutcome o) {
        return o.status().name().toLowerCase(Locale.ROOT);
    }

    /** The table as text, for a terminal: one row per candidate, the best marked with {@code *}. */
    public String table() {
        List<String> header = new ArrayList<>();
        header.add("id");
        header.addAll(hyperparameters);
        header.addAll(List.of(metric() + " (" + scoreColumn().replace("_metric", "") + ")", "iteration", "seconds", "status", "reason"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (CandidateOutcome o : candidates) {
            List<String> row = new ArrayList<>();
            row.add(o.id() + (best != null && best.id() == o.id() ? " *" : ""));
            for (String h : hyperparameters) {
                row.add(format(o.hyperparameters().get(h)));
            }
            row.add(o.scored() ? String.format(Locale.ROOT, "%.4f", o.score()) : "-");
            row.add(o.scored() ? Long.toString(o.iteration()) : "-");
            row.add(String.format(Locale.ROOT, "%.1f", o.seconds()));
            row.add(status(o));
            row.add(o.reason().length() > 90 ? o.reason().substring(0, 87) + "..." : o.reason());
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(String.format(Locale.ROOT, "%-" + width[i] + "s", r.get(i)));
                if (i < r.size() - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        long failed = candidates.stream().filter(o -> !o.scored()).count();
        sb.append(candidates.size()).append(" candidates, ").append(failed).append(" failed; ");
        if (best != null) {
            sb.append("best: candidate ").append(best.id()).append(", ").append(metric()).append(' ')
                    .append(String.format(Locale.ROOT, "%.4f", best.score())).append(" at iteration ")
                    .append(best.iteration());
            if (bestModel != null) {
                sb.append(", generator ").append(bestModel);
            }
        } else {
            sb.append("no candidate was scored");
        }
        return sb.append('\n').toString();
    }

    private static String format(Serializable v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return v.toString();
    }

    @Override
    public String toString() {
        return table();
    }
}
