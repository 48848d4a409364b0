package org.ganeval4j.arbiter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random or grid search over a {@link HyperparameterSpace}, run by Arbiter's
 * {@link LocalOptimizationRunner} with a {@link GanTaskCreator} and a {@link GanMetricScoreFunction}.
 * Candidates train one after another, each in {@code candidate-<id>/} of the task creator's output
 * folder; after every candidate the results table {@code sweep.csv} is rewritten (atomically), and at
 * the end it is printed, and the best candidate's generator is copied to {@code best-generator.zip}
 * (with {@code best.json}) at the sweep's root.
 *
 * <pre>{@code
 * GanTaskCreator tasks = GanTaskCreator.builder(myGanFactory, Path.of("runs/sweep"))
 *     .metric(fd).samples(500).iterations(300).evaluateEvery(50)
 *     .stopWhen(TerminationCondition.patience(3)).build();
 * SweepResult r = GanSweep.randomSearch(space, tasks, GanMetricScoreFunction.of(fd), 8).seed(42).build().run();
 * }</pre>
 *
 * <p>A random search tries {@code candidates} points drawn with the seed; a grid search visits every
 * point of the grid (discrete spaces by their values, integer spaces by at most
 * {@code discretization} values, continuous ones by {@code discretization} values from minimum to
 * maximum). An optional time limit stops proposing new candidates (the running one finishes).
 * The output folder must not hold an earlier sweep: its files are never overwritten.
 */
public final class GanSweep {
    private static final Logger LOG = LoggerFactory.getLogger(GanSweep.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The best generator's record at the sweep's root. */
    public static final String BEST_RECORD = "best.json";

    private final HyperparameterSpace space;
    private final GanTaskCreator tasks;
    private final GanMetricScoreFunction score;
    private final int candidates;
    private final int discretization;
    private final long seed;
    private final Duration maxTime;
    private final PrintStream report;

    private GanSweep(Builder b) {
        this.space = b.space;
        this.tasks = b.tasks;
        this.score = b.score;
        this.candidates = b.candidates;
        this.discretization = b.discretization;
        this.seed = b.seed;
        this.maxTime = b.maxTime;
        this.report = b.report;
    }

    /** A random search of {@code candidates} candidates. */
    public static Builder randomSearch(HyperparameterSpace space, GanTaskCreator tasks, GanMetricScoreFunction score,
                                       int candidates) {
        return new Builder(space, tasks, score, candidates, 0);
    }

    /**
     * A grid search; continuous spaces are cut into {@code discretization} values (integer spaces into at
     * most that many).
     */
    public static Builder gridSearch(HyperparameterSpace space, GanTaskCreator tasks, GanMetricScoreFunction score,
                                     int discretization) {
        return new Builder(space, tasks, score, 0, discretization);
    }

    /** Validating builder. */
    public static final class Builder {
        private final HyperparameterSpace space;
        private final GanTaskCreator tasks;
        private final GanMetricScoreFunction score;
        private final int candidates;
        private final int discretization;
        private long seed = 12345;
        private Duration maxTime;
        private PrintStream report = System.out;

        private Builder(HyperparameterSpace space, GanTaskCreator tasks, GanMetricScoreFunction score, int candidates,
                        int discretization) {
            this.space = Objects.requireNonNull(space, "space");
            this.tasks = Objects.requireNonNull(tasks, "tasks");
            this.score = Objects.requireNonNull(score, "score");
            this.candidates = candidates;
            this.discretization = discretization;
        }

        /** Seed of the random search's draws (default 12345); a grid is visited in order. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Proposes no new candidate after this time (optional). */
        public Builder maxTime(Duration d) {
            this.maxTime = Objects.requireNonNull(d, "maxTime");
            return this;
        }

        /** Where the table is printed at the end (default {@code System.out}; null for nowhere). */
        public Builder report(PrintStream out) {
            this.report = out;
            return this;
        }

        public GanSweep build() {
            if (discretization == 0 && candidates < 1) {
                throw new IllegalArgumentException("a random search needs at least 1 candidate, got " + candidates);
            }
            if (candidates == 0 && discretization < 2) {
                throw new IllegalArgumentException("a grid search needs a discretization of at least 2 values, got "
                        + discretization);
            }
            if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
                throw new IllegalArgumentException("the sweep's time limit must be positive, got " + maxTime);
            }
            tasks.scoreOf(score);
            return new GanSweep(this);
        }
    }

    /**
     * Runs the search to the end.
     *
     * @throws IllegalStateException when the output folder already holds a sweep
     * @throws IOException           when the output folder or the results cannot be written
     */
    public SweepResult run() throws IOException {
        Path root = tasks.outputDirectory();
        refuseEarlierSweep(root);
        Files.createDirectories(root);

        CandidateGenerator generator;
        List<TerminationCondition> conditions = new ArrayList<>();
        if (discretization > 0) {
            GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, discretization,
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            LOG.info("grid search of {} candidates over {}", grid.getTotalNumCandidates(), space.hyperparameters());
            generator = grid;
            conditions.add(new SearchExhaustedCondition());
        } else {
            LOG.info("random search of {} candidates over {}", candidates, space.hyperparameters());
            generator = new RandomSearchGenerator(space, null);
            conditions.add(new MaxCandidatesCondition(candidates));
        }
        if (maxTime != null) {
            conditions.add(new MaxTimeCondition(maxTime.toMillis(), TimeUnit.MILLISECONDS));
        }
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder().candidateGenerator(generator)
                .scoreFunction(score).modelSaver(new GanResultSaver()).terminationConditions(conditions).rngSeed(seed)
                .build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(1, conf, tasks);
        Recorder recorder = new Recorder(root);
        runner.addListeners(recorder);
        runner.execute();

        List<CandidateOutcome> rows = recorder.rows();
        int bestId = runner.bestScoreCandidateIndex();
        CandidateOutcome best = rows.stream().filter(o -> o.id() == bestId && o.scored()).findFirst().orElse(null);
        Path bestModel = null;
        if (best != null) {
            bestModel = root.resolve(BestModelSaver.MODEL);
            Path from = best.model();
            AtomicFiles.write(bestModel, out -> Files.copy(from, out));
            writeBestRecord(root.resolve(BEST_RECORD), best, root);
        }
        SweepResult result = new SweepResult(root, score, space.hyperparameters(), rows, best, bestModel);
        result.writeCsv(result.csv());
        if (report != null) {
            report.print(result.table());
            report.println("results: " + result.csv() + (bestModel == null ? "" : ", best generator: " + bestModel)
                    + ", per candidate: " + root.resolve("candidate-<id>") + "/");
            report.flush();
        }
        return result;
    }

    private static void refuseEarlierSweep(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        if (Files.exists(root.resolve(SweepResult.CSV))) {
            throw new IllegalStateException(root + " already holds a sweep (" + SweepResult.CSV
                    + "): choose a new output folder or remove it");
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, "candidate-*")) {
            for (Path p : s) {
                throw new IllegalStateException(root + " already holds candidate folders (" + p.getFileName()
                        + "): choose a new output folder or remove them");
            }
        }
    }

    private static void writeBestRecord(Path file, CandidateOutcome best, Path root) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("candidate", best.id());
        n.put("metric", best.metric());
        n.put("value", best.score());
        n.put("iteration", best.iteration());
        ObjectNode h = n.putObject("hyperparameters");
        best.hyperparameters().forEach((k, v) -> h.set(k, JSON.valueToTree(v)));
        n.put("model", BestModelSaver.MODEL);
        n.put("copiedFrom", root.relativize(best.model()).toString());
        n.put("ganeval4j", GanEval4j.version());
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Collects every candidate's outcome and rewrites {@code sweep.csv} after each. */
    private final class Recorder extends BaseStatusListener {
        private final Path root;
        private final Map<Integer, CandidateOutcome> rows = new TreeMap<>();

        Recorder(Path root) {
            this.root = root;
        }

        synchronized List<CandidateOutcome> rows() {
            return List.copyOf(rows.values());
        }

        @Override
        public synchronized void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner runner,
                                                         OptimizationResult result) {
            CandidateOutcome o = null;
            if (result != null && result.getModelSpecificResults() instanceof CandidateOutcome c) {
                o = c;
            } else if (info.getCandidateStatus() == CandidateStatus.Failed) {
                // failed while Arbiter generated it: no task ran
                String trace = info.getExceptionStackTrace() == null ? "candidate generation failed"
                        : info.getExceptionStackTrace().lines().findFirst().orElse("candidate generation failed");
                o = CandidateOutcome.failed(info.getIndex(), Map.of(), trace, score.metric(), 0, 0,
                        tasks.candidateDirectory(info.getIndex()));
            }
            if (o == null) {
                return;
            }
            rows.put(o.id(), o);
            try {
                new SweepResult(root, score, space.hyperparameters(), List.copyOf(rows.values()), null, null)
                        .writeCsv(root.resolve(SweepResult.CSV));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not update {} (kept in memory, written at the end): {}", SweepResult.CSV, e.toString());
            }
        }
    }
}
