package org.ganeval4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.GanMetric;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.eval.MetricSpec;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.feature.FidInceptionV3;
import org.ganeval4j.sink.ChartSink;
import org.ganeval4j.sink.MetricHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ganeval4j eval GENERATOR.zip}: one evaluation of a saved DL4J generator through the same
 * {@link GanEvaluator} and metric classes the training listener uses. A {@code best-generator.zip}
 * written by ganeval4j records its latents, image format, sample count, metrics and reference files,
 * so no option is needed to repeat the recorded evaluation; every option overrides the record.
 * {@code --checkpoints DIR} evaluates every saved model of a folder in training order and writes
 * {@code metrics.csv}, {@code metrics.jsonl} and the charts as the listener does.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a saved generator (DL4J ModelSerializer zip: MultiLayerNetwork or ComputationGraph, or"
                + " the generator part of a combined network with --layer) as the training listener does. A"
                + " best-generator.zip of ganeval4j needs no options: it records its latents, format, samples, metrics"
                + " and reference files. Prints one 'NAME VALUE' line per metric value (and 'NAME-std VALUE' where the"
                + " metric has a spread).",
                "FID Inception runs at about 13 images/s on 2 CPU cores: 50,000 samples take about an hour; an"
                        + " estimate is printed before a long evaluation starts."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GENERATOR.zip", description = "The saved generator.")
    Path generator;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Evaluate every .zip model of DIR in training order, writing the history and charts to --out.")
    Path checkpoints;

    @Option(names = "--out", paramLabel = "DIR",
            description = "With --checkpoints: where metrics.csv, metrics.jsonl and the charts go (default DIR/eval).")
    Path out;

    @Option(names = "--reference", paramLabel = "REF",
            description = "Real data for fid, kid, pr and prdc: statistics .npz (ganeval4j stats, pytorch-fid), features"
                    + " .npy/.npz (ganeval4j features) or images; default: the reference files the record names.")
    Path reference;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "Metrics: fid, kid, is, pr, prdc, lpips-diversity, fid-inf, is-inf, each with :key=value options"
                    + " (e.g. kid:subsets=50, lpips-diversity:net=squeeze:pairs=2000, fid:extractor=squeezenet,"
                    + " fid-inf:n-min=5000:n-max=50000:points=15); default: the"
                    + " recorded metrics, else fid.")
    List<String> metrics;

    @Option(names = "--samples", description = "Generated samples (default: the recorded number, else 50000).")
    Integer samples;

    @Option(names = "--batch", description = "Samples per generator/extractor batch (default: the recorded size, else 50).")
    Integer batch;

    @Option(names = "--weights", paramLabel = "FILE", description = "FID Inception weights (default: resolved).")
    Path weights;

    @Mixin
    GeneratorOptions generatorOptions;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        if ((generator == null) == (checkpoints == null)) {
            throw new BadInputException("give either GENERATOR.zip or --checkpoints DIR, got "
                    + (generator == null ? "neither" : "both"));
        }
        if (samples != null && samples < 2) {
            throw new BadInputException("--samples must be >= 2, got " + samples);
        }
        if (batch != null) {
            BadInputException.requireBatch(batch, "--batch");
        }
        return generator != null ? single() : folder();
    }

    private int single() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        GeneratorOptions.Sampler s = generatorOptions.resolve(generator);
        try (EvalMetrics built = new EvalMetrics(baseDir(generator), reference, weights, batchOf(s), err)) {
            GanEvaluator evaluator = evaluator(s, built);
            estimate(evaluator, err);
            Evaluation e;
            try (ProgressBar bar = ImageInputs.bar(progress, "samples", evaluator.samples())) {
                e = evaluator.evaluate(s.generator(), s.file().iterationCount(), s.file().epochCount(),
                        bar == null ? null : bar::stepTo);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                ObjectNode node = describe(s, evaluator, e);
                o.println(Json.write(node));
            } else {
                print(e, o);
            }
            return failures(e, err);
        }
    }

    private int folder() throws Exception {
        if (!Files.isDirectory(checkpoints)) {
            throw Files.exists(checkpoints) ? new BadInputException("--checkpoints must name a folder, got " + checkpoints)
                    : new NoSuchFileException(checkpoints.toString());
        }
        List<SavedGenerator> models = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(checkpoints, "*.zip")) {
            for (Path p : ds) {
                models.add(SavedGenerator.read(p));
            }
        }
        if (models.isEmpty()) {
            throw new BadInputException(checkpoints + ": no .zip models");
        }
        models.sort(Comparator.comparingLong(EvalCommand::iterationOf)
                .thenComparing(m -> m.file().getFileName().toString()));
        Path dir = out != null ? out : checkpoints.resolve("eval");
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        MetricHistory history = MetricHistory.open(dir);
        ChartSink charts = new ChartSink(history);
        ArrayNode rows = Json.MAPPER.createArrayNode();
        int failed = 0;
        GeneratorOptions.Sampler first = generatorOptions.resolve(models.get(0));
        try (EvalMetrics built = new EvalMetrics(baseDir(models.get(0).file()), reference, weights, batchOf(first), err)) {
            GanEvaluator evaluator = evaluator(first, built);
            estimate(evaluator, err);
            for (SavedGenerator m : models) {
                GeneratorOptions.Sampler s = generatorOptions.resolve(m);
                if (!s.latent().equals(first.latent()) || !s.format().equals(first.format())) {
                    throw new BadInputException(m.file() + " has other latents or image format (" + s.latent() + ", "
                            + s.format() + ") than " + first.file().file() + ": evaluate the two separately");
                }
                Evaluation e = evaluator.evaluate(s.generator(), iterationOf(m), m.epochCount());
                history.accept(e);
                charts.accept(e);
                failed += failures(e, err);
                if (json) {
                    rows.add(describe(s, evaluator, e));
                } else {
                    o.println("# " + m.file().getFileName() + " (iteration " + e.iteration() + ")");
                    print(e, o);
                }
            }
        }
        history.close();
        if (json) {
            ObjectNode node = Json.object();
            node.put("history", dir.resolve(MetricHistory.CSV).toString());
            node.set("checkpoints", rows);
            o.println(Json.write(node));
        } else {
            o.println("# history: " + dir.resolve(MetricHistory.CSV) + ", charts in " + dir);
        }
        return failed == 0 ? 0 : 1;
    }

    /** The training iteration of a saved model: its record's, else DL4J's iteration count. */
    private static long iterationOf(SavedGenerator m) {
        return m.record().map(GeneratorRecord::recorded).map(GeneratorRecord.Recorded::iteration)
                .orElse(m.iterationCount());
    }

    private static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private int batchOf(GeneratorOptions.Sampler s) {
        if (batch != null) {
            return batch;
        }
        return s.file().record().map(GeneratorRecord::evaluation).map(GeneratorRecord.Settings::batchSize).orElse(50);
    }

    private GanEvaluator evaluator(GeneratorOptions.Sampler s, EvalMetrics built) throws IOException {
        GeneratorRecord.Settings recorded = s.file().record().map(GeneratorRecord::evaluation).orElse(null);
        List<MetricSpec> specs = new ArrayList<>();
        if (metrics != null) {
            for (String m : metrics) {
                try {
                    specs.add(MetricSpec.parse(m));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--metrics: " + e.getMessage());
                }
            }
        } else if (recorded != null && !recorded.metrics().isEmpty()) {
            specs.addAll(recorded.metrics());
        } else {
            specs.add(MetricSpec.of("fid"));
        }
        int n = samples != null ? samples : recorded != null ? recorded.samples() : 50_000;
        GanEvaluator.Builder b = GanEvaluator.builder(s.generator(), s.format(), s.latent()).samples(n)
                .batchSize(batchOf(s)).previewImages(0);
        for (MetricSpec m : specs) {
            GanMetric metric = built.create(m);
            b.metric(metric);
        }
        return b.build();
    }

    /** Prints an estimate of the time on stderr before a long evaluation. */
    private void estimate(GanEvaluator evaluator, PrintWriter err) {
        int probe = Math.min(evaluator.batchSize(), evaluator.samples());
        if (evaluator.samples() <= 4 * probe) {
            return;
        }
        double perSample = evaluator.secondsPerSample(probe);
        double total = perSample * evaluator.samples();
        boolean inception = evaluator.metrics().stream().flatMap(m -> m.requires().stream())
                .anyMatch(r -> r.extractor().spec().extractor().equals(FidInceptionV3.ID));
        err.printf(Locale.ROOT, "ganeval4j: %d samples, estimated %s (%.1f samples/s measured on a probe batch of %d; generator"
                + " and features only)%s%n", evaluator.samples(), duration(total), 1 / perSample, probe,
                inception ? "; FID Inception on 2 CPU cores takes about an hour for 50,000 samples" : "");
        err.flush();
    }

    private static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    private static void print(Evaluation e, PrintWriter o) {
        for (MetricResult r : e.results()) {
            if (r.ok()) {
                o.println(r.name() + " " + r.value());
                if (Double.isFinite(r.std())) {
                    o.println(r.name() + "-std " + r.std());
                }
            }
        }
    }

    private static int failures(Evaluation e, PrintWriter err) {
        int n = 0;
        for (MetricResult r : e.results()) {
            if (!r.ok()) {
                err.println("ganeval4j: " + r.name() + " failed: " + r.failure());
                n++;
            }
        }
        return n == 0 ? 0 : 1;
    }

    private static ObjectNode describe(GeneratorOptions.Sampler s, GanEvaluator evaluator, Evaluation e) {
        ObjectNode node = Json.object();
        node.put("generator", s.file().file().toString());
        node.put("iteration", e.iteration());
        node.put("samples", evaluator.samples());
        node.put("latent", s.latent().describe());
        node.put("seed", s.latent().seed());
        node.put("format", s.format().describeLayout());
        node.put("range", s.format().describeRange());
        ArrayNode specs = node.putArray("metric_specs");
        evaluator.metrics().forEach(m -> m.spec().ifPresent(x -> specs.add(x.toString())));
        ObjectNode values = node.putObject("metrics");
        for (MetricResult r : e.results()) {
            ObjectNode v = values.putObject(r.name());
            if (r.ok()) {
                v.put("value", r.value());
                if (Double.isFinite(r.std())) {
                    v.put("std", r.std());
                }
                v.put("extractor", r.extractorId());
                v.put("seconds", r.seconds());
                if (!r.details().isEmpty()) {
                    v.set("details", Json.MAPPER.valueToTree(r.details()));
                }
            } else {
                v.put("failure", r.failure());
            }
        }
        s.file().record().map(GeneratorRecord::recorded).ifPresent(rec -> {
            ObjectNode r = node.putObject("recorded");
            r.put("iteration", rec.iteration());
            rec.values().forEach(r::put);
        });
        return node;
    }
}
