package org.ganeval4j.arbiter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultSaver;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.ganeval4j.GanEval4j;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.GanMetric;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.gan.GanFactory;
import org.ganeval4j.gan.Hyperparameters;
import org.ganeval4j.gan.TrainableGan;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.io.AtomicFiles;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.ganeval4j.sink.MetricSink;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arbiter's {@link TaskCreator} for any GAN: a candidate's {@link Hyperparameters} (from a
 * {@link HyperparameterSpace}) go to the user's {@link GanFactory}, whose {@link TrainableGan} is
 * trained step by step for a budget of iterations and/or time with a {@link GanMetricsListener}. The
 * listener evaluates every K iterations and at the end, writes the candidate's metric history
 * ({@code metrics.csv}, {@code metrics.jsonl}), saves its best generator — the generator alone —
 * ({@code best-generator.zip}, {@code best.json}) into {@code candidate-<id>/}, and stops the
 * candidate early when one of the {@link Builder#stopWhen termination conditions} says so —
 * patience, a threshold it must reach by iteration K ({@link TerminationCondition#reachBy}), repeated
 * failures — so the sweep spends its budget on promising candidates. The metric followed is the
 * score function's ({@link GanMetricScoreFunction}); the candidate's score is its best or final value.
 *
 * <p>A candidate fails — recorded with the reason in {@code candidate-<id>/candidate.json} and in the
 * {@link OptimizationResult} (status {@code Failed}), never thrown — when the factory refuses its
 * hyperparameters ({@code invalid hyperparameters: …}), a step's loss becomes NaN or infinite
 * ({@code diverged: …}), its last evaluation failed (e.g. NaN images), it never evaluated successfully,
 * or anything throws. Every result carries its {@link CandidateOutcome} as Arbiter's model-specific
 * result, and every status change goes to Arbiter's {@link StatusListener}s.
 *
 * <p>Candidates train one at a time, even under a runner that allows several concurrent tasks: the
 * metrics are shared between candidates and are not thread safe. Training is as reproducible as the
 * factory makes it (the reference GAN seeds its networks, its noise and its batches).
 */
public final class GanTaskCreator implements TaskCreator {
    private static final Logger LOG = LoggerFactory.getLogger(GanTaskCreator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each candidate's record in its folder. */
    public static final String CANDIDATE_RECORD = "candidate.json";
    /** The generator at the end of training, written for {@link GanMetricScoreFunction.Selection#FINAL}. */
    public static final String FINAL_MODEL = "final-generator.zip";

    private final GanFactory factory;
    private final Path outputDirectory;
    private final List<GanMetric> metrics;
    private final int samples;
    private final int evaluationBatchSize;
    private final long evaluationSeed;
    private final int iterations;
    private final Duration maxTime;
    private final int evaluateEvery;
    private final List<TerminationCondition> conditions;
    private final boolean charts;
    private final List<IntFunction<MetricSink>> sinks;

    private GanTaskCreator(Builder b) {
        this.factory = b.factory;
        this.outputDirectory = b.outputDirectory;
        this.metrics = List.copyOf(b.metrics);
        this.samples = b.samples;
        this.evaluationBatchSize = b.evaluationBatchSize;
        this.evaluationSeed = b.evaluationSeed;
        this.iterations = b.iterations;
        this.maxTime = b.maxTime;
        this.evaluateEvery = b.evaluateEvery;
        this.conditions = List.copyOf(b.conditions);
        this.charts = b.charts;
        this.sinks = List.copyOf(b.sinks);
    }

    /**
     * A builder for candidates made by {@code factory}, each writing into
     * {@code outputDirectory/candidate-<id>/}.
     */
    public static Builder builder(GanFactory factory, Path outputDirectory) {
        return new Builder(factory, outputDirectory);
    }

    /** Validating builder. */
    public static final class Builder {
        private final GanFactory factory;
        private final Path outputDirectory;
        private final List<GanMetric> metrics = new ArrayList<>();
        private int samples = 1000;
        private int evaluationBatchSize = 100;
        private long evaluationSeed = 1234;
        private int iterations = -1;
        private Duration maxTime;
        private int evaluateEvery = -1;
        private final List<TerminationCondition> conditions = new ArrayList<>();
        private boolean charts = true;
        private final List<IntFunction<MetricSink>> sinks = new ArrayList<>();

        private Builder(GanFactory factory, Path outputDirectory) {
            this.factory = Objects.requireNonNull(factory, "factory");
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
        }

        /** A metric evaluated at every evaluation (at least one; the score function's must be among them). */
        public Builder metric(GanMetric m) {
            metrics.add(Objects.requireNonNull(m, "metric"));
            return this;
        }

        /** Generated samples per evaluation (default 1000). */
        public Builder samples(int n) {
            this.samples = n;
            return this;
        }

        /** Samples per generator/extractor batch during evaluation (default 100). */
        public Builder evaluationBatchSize(int n) {
            this.evaluationBatchSize = n;
            return this;
        }

        /** Seed of the evaluation latents, the same for every candidate and evaluation (default 1234). */
        public Builder evaluationSeed(long seed) {
            this.evaluationSeed = seed;
            return this;
        }

        /** Training iterations (alternating updates) per candidate (required unless a time budget is given). */
        public Builder iterations(int n) {
            this.iterations = n;
            return this;
        }

        /** Wall-clock budget per candidate, evaluations included (optional). */
        public Builder maxTime(Duration d) {
            this.maxTime = Objects.requireNonNull(d, "maxTime");
            return this;
        }

        /** Evaluate every K iterations, and at the end (required). */
        public Builder evaluateEvery(int k) {
            this.evaluateEvery = k;
            return this;
        }

        /**
         * Stops a candidate early, checked after each evaluation of the scored metric; e.g.
         * {@code TerminationCondition.patience(3)}, {@code TerminationCondition.reachBy(80, 200)}.
         */
        public Builder stopWhen(TerminationCondition c) {
            conditions.add(Objects.requireNonNull(c, "condition"));
            return this;
        }

        /** PNG charts and sample grids in each candidate's folder (default true). */
        public Builder charts(boolean on) {
            this.charts = on;
            return this;
        }

        /** Another destination for each candidate's evaluations, made per candidate id (e.g. a DL4J UI session). */
        public Builder sink(IntFunction<MetricSink> perCandidate) {
            sinks.add(Objects.requireNonNull(perCandidate, "perCandidate"));
            return this;
        }

        public GanTaskCreator build() {
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException("a GAN task needs at least one metric to evaluate, e.g. a FrechetMetric");
            }
            if (samples < 2) {
                throw new IllegalArgumentException("samples per evaluation must be >= 2, got " + samples);
            }
            if (evaluationBatchSize < 1) {
                throw new IllegalArgumentException("evaluation batch size must be >= 1, got " + evaluationBatchSize);
            }
            if (iterations == -1 && maxTime == null) {
                throw new IllegalArgumentException("a training budget is required: iterations(N) and/or maxTime(d)");
            }
            if (iterations != -1 && iterations < 1) {
                throw new IllegalArgumentException("iterations per candidate must be >= 1, got " + iterations);
            }
            if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
                throw new IllegalArgumentException("the time budget per candidate must be positive, got " + maxTime);
            }
            if (evaluateEvery < 1) {
                throw new IllegalArgumentException("evaluateEvery(K) is required, K >= 1, got " + evaluateEvery);
            }
            if (iterations != -1 && evaluateEvery > iterations) {
                LOG.info("evaluating every {} iterations of {}: each candidate is evaluated at the end only", evaluateEvery,
                        iterations);
            }
            return new GanTaskCreator(this);
        }
    }

    /** The sweep's folder; candidate {@code id} writes into {@link #candidateDirectory(int)}. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** The folder of candidate {@code id}. */
    public Path candidateDirectory(int id) {
        return outputDirectory.resolve(CandidateOutcome.folderName(id));
    }

    /** The metrics evaluated. */
    public List<GanMetric> metrics() {
        return metrics;
    }

    /**
     * An evaluator of {@code gan} as candidates are evaluated (the same samples, latent seed, batch
     * size and metrics), e.g. to re-evaluate a saved best generator.
     */
    public GanEvaluator evaluator(TrainableGan gan) {
        GanEvaluator.Builder b = GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(evaluationSeed))
                .samples(samples).batchSize(evaluationBatchSize).previewImages(charts ? 36 : 0);
        metrics.forEach(b::metric);
        return b.build();
    }

    /** Arbiter's runner calls this form when the configuration has no data source (the task creator holds the data). */
    @Override
    @SuppressWarnings({"rawtypes", "deprecation"}) // Arbiter's signature
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return new Task(candidate, scoreOf(scoreFunction), statusListeners, runner);
    }

    /** The data source, if any, is ignored: the task creator holds the data. */
    @Override
    @SuppressWarnings("rawtypes") // Arbiter's signature
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return new Task(candidate, scoreOf(scoreFunction), statusListeners, runner);
    }

    /** The score function as ours, checked against the metrics: a misconfigured sweep fails at once. */
    GanMetricScoreFunction scoreOf(ScoreFunction f) {
        if (!(f instanceof GanMetricScoreFunction g)) {
            throw new IllegalArgumentException("GanTaskCreator needs a GanMetricScoreFunction, got "
                    + (f == null ? "none" : f.getClass().getName()));
        }
        List<String> names = metrics.stream().flatMap(m -> m.names().stream()).toList();
        if (!names.contains(g.metric())) {
            throw new IllegalArgumentException("the score function follows " + g.metric() + " but the candidates are"
                    + " evaluated on " + names);
        }
        return g;
    }

    /** Trains one candidate. */
    private final class Task implements Callable<OptimizationResult> {
        private final Candidate<?> candidate;
        private final GanMetricScoreFunction score;
        private final List<StatusListener> listeners;
        private final IOptimizationRunner runner;
        private final int id;
        private long startMillis;

        Task(Candidate<?> candidate, GanMetricScoreFunction score, List<StatusListener> listeners,
             IOptimizationRunner runner) {
            this.candidate = candidate;
            this.score = score;
            this.listeners = listeners == null ? List.of() : listeners;
            this.runner = runner;
            this.id = candidate.getIndex();
        }

        @Override
        public OptimizationResult call() {
            synchronized (GanTaskCreator.this) {
                return run();
            }
        }

        private OptimizationResult run() {
            startMillis = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Path dir = candidateDirectory(id);
            Map<String, Serializable> hyper = Map.of();
            notifyListeners(info(CandidateStatus.Running, null, null), null);
            try {
                Object value = candidate.getValue();
                if (!(value instanceof Hyperparameters hp)) {
                    throw new IllegalArgumentException("GanTaskCreator trains Hyperparameters candidates (from a"
                            + " HyperparameterSpace), got " + (value == null ? "null" : value.getClass().getName()));
                }
                hyper = hp.values();
                TrainableGan gan;
                try {
                    gan = factory.create(hp);
                } catch (IllegalArgumentException e) {
                    return failed(dir, hyper, "invalid hyperparameters: " + e.getMessage(), 0, t0, null);
                }
                if (gan == null) {
                    throw new IllegalStateException("the GAN factory returned null for " + hp);
                }
                return train(dir, hyper, gan, t0);
            } catch (Exception t) {
                LOG.warn("candidate {} failed", id, t);
                return failed(dir, hyper, t.toString(), 0, t0, stackTrace(t));
            } finally {
                Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            }
        }

        private OptimizationResult train(Path dir, Map<String, Serializable> hyper, TrainableGan gan, long t0)
                throws IOException {
            if (Files.exists(dir.resolve(org.ganeval4j.sink.MetricHistory.JSONL))) {
                throw new IllegalStateException(dir + " already holds a metric history: a candidate folder is never"
                        + " reused (choose a new output folder)");
            }
            Files.createDirectories(dir);
            MetricMonitor.Builder monitor = MetricMonitor.builder(score.metric());
            conditions.forEach(monitor::stopWhen);
            GanMetricsListener.Builder lb = GanMetricsListener.builder(evaluator(gan))
                    .schedule(EvaluationSchedule.everyIterations(evaluateEvery)).outputDirectory(dir)
                    .monitor(monitor.build()).saveBestModel(score.selection() == GanMetricScoreFunction.Selection.BEST)
                    .charts(charts).sampleGrid(charts);
            for (IntFunction<MetricSink> s : sinks) {
                lb.sink(s.apply(id));
            }
            GanMetricsListener listener = lb.build();

            long budget = iterations < 0 ? Long.MAX_VALUE : iterations;
            long it = 0;
            String stopped = null;
            String diverged = null;
            long seen = 0;
            try (listener) {
                while (it < budget) {
                    if (listener.shouldStop()) {
                        stopped = listener.stopReason().orElse("stopped by a termination condition");
                        break;
                    }
                    if (maxTime != null && System.nanoTime() - t0 >= maxTime.toNanos()) {
                        stopped = "time budget " + maxTime + " reached after " + it + " iterations";
                        break;
                    }
                    TrainableGan.StepLosses losses = gan.step();
                    it++;
                    listener.iterationCompleted(it, 0);
                    if (losses == null || !losses.finite()) {
                        diverged = "diverged: training loss became non-finite at iteration " + it
                                + (losses == null ? " (the step returned no losses)" : " (discriminator "
                                + losses.discriminator() + ", generator " + losses.generator() + ")");
                        break;
                    }
                    long n = listener.evaluationCount();
                    if (n != seen) {
                        seen = n;
                        for (StatusListener sl : listeners) {
                            safely(() -> sl.onCandidateIteration(info(CandidateStatus.Running, null, null), candidate.getValue(),
                                    (int) Math.min(Integer.MAX_VALUE, listener.lastIteration())));
                        }
                    }
                }
                if (stopped == null && diverged == null && listener.shouldStop() && it < budget) {
                    stopped = listener.stopReason().orElse("stopped by a termination condition");
                }
            }
            if (diverged != null) {
                return failed(dir, hyper, diverged, it, t0, null);
            }
            TrainedGan trained = new TrainedGan(gan, org.ganeval4j.sink.MetricHistory.read(dir), it);
            List<MetricResult> series = trained.results(score.metric());
            if (!series.isEmpty() && !series.get(series.size() - 1).ok()) {
                MetricResult last = series.get(series.size() - 1);
                return failed(dir, hyper, "the last evaluation (iteration " + last.iteration() + ") failed: "
                        + last.failure(), it, t0, null);
            }
            MetricResult chosen;
            try {
                chosen = score.select(series);
            } catch (IllegalStateException e) {
                return failed(dir, hyper, e.getMessage(), it, t0, null);
            }
            Path model;
            if (score.selection() == GanMetricScoreFunction.Selection.BEST) {
                model = dir.resolve(BestModelSaver.MODEL);
                if (!Files.exists(model)) {
                    return failed(dir, hyper, "the best generator could not be saved (" + listener.failingSinks()
                            + ")", it, t0, null);
                }
            } else {
                model = dir.resolve(FINAL_MODEL);
                GeneratorRecord record = listener.record().orElseThrow();
                GeneratorRecord.Recorded values = listener.latest().map(GeneratorRecord.Recorded::of).orElse(null);
                SavedGenerator.write(model, gan.generator(), values == null ? record : record.withRecorded(values));
            }
            double value = chosen.value();
            CandidateOutcome outcome = CandidateOutcome.scored(id, hyper,
                    stopped == null ? CandidateOutcome.Status.COMPLETED : CandidateOutcome.Status.STOPPED, stopped,
                    score.metric(), value, chosen.iteration(), it, seconds(t0), dir, model);
            writeRecord(outcome);
            CandidateInfo ci = info(CandidateStatus.Complete, value, null);
            OptimizationResult result = new OptimizationResult(candidate, value, id, outcome, ci, null);
            ResultSaver saver = runner == null ? null : runner.getConfiguration().getResultSaver();
            if (saver != null) {
                result.setResultReference(saver.saveModel(result, trained));
            }
            LOG.info("candidate {}: {} {} at iteration {} ({}, {} iterations, {} s)", id, score.metric(), value,
                    chosen.iteration(), outcome.status(), it, String.format(java.util.Locale.ROOT, "%.1f", outcome.seconds()));
            notifyListeners(ci, result);
            return result;
        }

        private OptimizationResult failed(Path dir, Map<String, Serializable> hyper, String reason, long it, long t0,
                                          String stackTrace) {
            CandidateOutcome outcome = CandidateOutcome.failed(id, hyper, reason, score.metric(), it, seconds(t0), dir);
            try {
                writeRecord(outcome);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not write {} of failed candidate {}: {}", CANDIDATE_RECORD, id, e.toString());
            }
            LOG.info("candidate {} failed: {}", id, reason);
            CandidateInfo ci = info(CandidateStatus.Failed, null, stackTrace == null ? reason : stackTrace);
            OptimizationResult result = new OptimizationResult(candidate, null, id, outcome, ci, null);
            notifyListeners(ci, result);
            return result;
        }

        private CandidateInfo info(CandidateStatus status, Double value, String failure) {
            Long end = status == CandidateStatus.Running ? null : System.currentTimeMillis();
            return new CandidateInfo(id, status, value, startMillis, startMillis, end, candidate.getFlatParameters(), failure);
        }

        private void notifyListeners(CandidateInfo ci, OptimizationResult result) {
            for (StatusListener sl : listeners) {
                safely(() -> sl.onCandidateStatusChange(ci, runner, result));
            }
        }

        private void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("status listener failed for candidate {}: {}", id, e.toString());
            }
        }
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Writes {@code candidate.json} into the candidate's folder, atomically. */
    private static void writeRecord(CandidateOutcome o) throws IOException {
        Files.createDirectories(o.directory());
        ObjectNode n = JSON.createObjectNode();
        n.put("candidate", o.id());
        n.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
        n.put("reason", o.reason());
        n.put("metric", o.metric());
        if (o.scored()) {
            n.put("score", o.score());
            n.put("iteration", o.iteration());
        } else {
            n.putNull("score");
            n.putNull("iteration");
        }
        n.put("iterations", o.iterations());
        n.put("seconds", o.seconds());
        ObjectNode h = n.putObject("hyperparameters");
        o.hyperparameters().forEach((k, v) -> h.set(k, JSON.valueToTree(v)));
        if (o.model() != null) {
            n.put("model", o.directory().relativize(o.model()).toString());
        }
        n.put("ganeval4j", GanEval4j.version());
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(o.directory().resolve(CANDIDATE_RECORD), out -> out.write(bytes));
    }
}
