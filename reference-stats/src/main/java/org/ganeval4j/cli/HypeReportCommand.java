package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ganeval4j.cli.internal.hype.HypeReport;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Hype;
import org.ganeval4j.metric.HypeResult;
import org.ganeval4j.sink.ChartSink;
import org.ganeval4j.sink.MetricHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ganeval4j hype-report DIR}: the HYPE score of a session, its 95% bootstrap interval, and with
 * {@code --json} the per-evaluator table; {@code --append-to RUN} adds the score to a training run's
 * metric history (and redraws its chart).
 */
@Command(name = "hype-report", description = {"The HYPE score of a `ganeval4j hype` session: the score (HYPE-infinity:"
        + " percent of judgments in error; HYPE-time: mean threshold in ms; higher is more realistic), then the 95%%"
        + " confidence interval's low and high ends (bootstrap over evaluators), one per line. Evaluators who failed the"
        + " qualification or the attention checks, or have not finished, are not scored (--json lists them).",
        "--append-to RUN adds the score to RUN/metrics.csv and metrics.jsonl as HYPE-infinity (or HYPE-time) and draws"
        + " its chart."})
final class HypeReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "DIR", description = "The session folder given to `ganeval4j hype --out`.")
    Path dir;

    @Option(names = "--json", description = "Print a JSON object: score, interval, error rates, every evaluator.")
    boolean json;

    @Option(names = "--replicates", defaultValue = "10000", paramLabel = "R",
            description = "Bootstrap replicates (default ${DEFAULT-VALUE}).")
    int replicates;

    @Option(names = "--seed", paramLabel = "S", description = "Bootstrap seed (default: the session's seed).")
    Long seed;

    @Option(names = "--append-to", paramLabel = "RUN",
            description = "A training run's output folder: append the score to its metric history.")
    Path appendTo;

    @Option(names = "--iteration", paramLabel = "N",
            description = "The training iteration to record the score at (default: the last one in RUN's history).")
    Long iteration;

    @Override
    public Integer call() throws Exception {
        if (replicates < 1) {
            throw new BadInputException("--replicates must be >= 1, got " + replicates);
        }
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString());
        }
        HypeReport r = HypeReport.read(dir, replicates, seed != null ? seed : readSeed());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HypeResult res = r.result();
        if (res == null) {
            throw new BadInputException(dir + ": no evaluator has completed the session yet (" + r.withStatus("in progress")
                    .size() + " in progress, " + (r.withStatus("not qualified").size() + r.withStatus("inattentive").size())
                    + " excluded)");
        }
        if (appendTo != null) {
            append(res, err);
        }
        if (json) {
            out.println(Json.write(r.toJson()));
        } else {
            out.println(res.score());
            out.println(res.ciLow());
            out.println(res.ciHigh());
        }
        int excluded = r.withStatus("not qualified").size() + r.withStatus("inattentive").size();
        if (excluded > 0 || !r.withStatus("in progress").isEmpty()) {
            err.println("ganeval4j: " + res.evaluators().size() + " evaluator(s) scored, " + excluded + " excluded, "
                    + r.withStatus("in progress").size() + " in progress (--json lists them)");
        }
        return 0;
    }

    private long readSeed() throws java.io.IOException {
        return org.ganeval4j.cli.internal.hype.HypeConfig.exists(dir)
                ? org.ganeval4j.cli.internal.hype.HypeConfig.read(dir).seed() : 0;
    }

    private void append(HypeResult res, PrintWriter err) throws java.io.IOException {
        if (!Files.isDirectory(appendTo)) {
            throw new BadInputException("--append-to " + appendTo + ": not a folder (expected a training run's output"
                    + " folder, where metrics.csv lives)");
        }
        MetricHistory history = MetricHistory.open(appendTo);
        List<MetricResult> rows = history.results();
        long it = iteration != null ? iteration : rows.isEmpty() ? 0 : rows.get(rows.size() - 1).iteration();
        long epoch = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).epoch();
        String name = res.mode().metricName();
        String source = "human:" + res.evaluators().size() + "-evaluators";
        List<MetricResult> previous = history.series(name);
        if (!previous.isEmpty()) {
            MetricResult last = previous.get(previous.size() - 1);
            if (last.iteration() == it && last.value() == res.score() && last.samples() == res.judgments()) {
                err.println("ganeval4j: " + name + " = " + res.score() + " at iteration " + it + " is already in "
                        + appendTo.resolve(MetricHistory.CSV) + "; not appended again");
                return;
            }
        }
        MetricResult m = MetricResult.ok(name, res.score(), res.standardError(), Hype.DIRECTION, res.judgments(), it, epoch,
                Double.NaN, source);
        history.accept(new Evaluation(it, epoch, List.of(m), null));
        new ChartSink(history).write(name, history.series(name));
        err.println(String.format(Locale.ROOT, "ganeval4j: appended %s = %.2f%s at iteration %d to %s and %s", name,
                res.score(), res.mode().unit(), it, appendTo.resolve(MetricHistory.CSV), appendTo.resolve(ChartSink.fileName(name))));
    }
}
