package org.ganeval4j.listener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.earlystopping.GanScoreCalculator;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ModelGenerator;
import org.ganeval4j.sink.ChartSink;
import org.ganeval4j.sink.LogSink;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.sink.MetricSink;
import org.ganeval4j.sink.SampleGridSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a GAN's generator during DL4J training: FID (or FD), LPIPS diversity, KID, IS, … on a
 * schedule of iterations and/or epochs and at the end, through one {@link GanEvaluator}; every
 * evaluation goes to the sinks (log line, {@code metrics.csv}/{@code metrics.jsonl}, PNG charts and
 * sample grid, the DL4J UI) and to an optional early-stopping {@link MetricMonitor}, saving the best
 * generator whenever the monitored metric improves.
 *
 * <pre>{@code
 * GanMetricsListener metrics = GanMetricsListener.builder(evaluator)
 *     .schedule(EvaluationSchedule.everyIterations(500))
 *     .outputDirectory(Path.of("runs/dcgan"))
 *     .monitor(MetricMonitor.builder("FID").stopWhen(TerminationCondition.patience(5)).build())
 *     .saveBestModel(true)
 *     .build();
 * gan.addListeners(metrics);            // the network whose fit() advances the generator
 * while (!metrics.shouldStop() && …) { … gan.fit(batch); … }
 * metrics.finish();
 * }</pre>
 *
 * <p>Training is not disturbed: evaluation runs in inference mode outside training workspaces and
 * draws latents from its own seeded generator (see {@link GanEvaluator}). A failed evaluation (NaN or
 * infinite samples, a generator that throws) is logged once (by the log sink) and recorded as failed
 * in the history; an output that cannot take an evaluation (the history file on a full disk, the UI
 * not running, a chart or the best model that cannot be written) is logged once, retried at every
 * evaluation, and recorded in the evaluation ({@link Evaluation#outputFailures()}) and as an
 * {@code output_failed} row of the history files (written once the disk has room again); training
 * goes on unless {@code failFast} was chosen. With {@code background(true)} evaluations run on a snapshot of the
 * generator's parameters in a separate thread while training continues (an evaluation that is due
 * while the previous one still runs is skipped and logged; {@link #finish()} always evaluates the last
 * iteration unless it was evaluated, waiting for the running one first). A {@link Builder#finalEvaluation
 * final evaluator} runs once in {@link #finish()}, e.g. for FID∞, which needs tens of thousands of samples.
 *
 * <p>Thread safety: the training callbacks ({@code iterationDone}, {@code onEpochEnd},
 * {@link #iterationCompleted}) come from one training thread at a time; {@link #evaluateNow},
 * {@link #finish()} and {@link #evaluationAt} are synchronized and may be called from any thread; in
 * background mode at most one evaluation runs besides training, and its outputs (sinks, monitor, best
 * model) are written by that one evaluation thread. The accessors ({@link #latest()},
 * {@link #shouldStop()}, {@link #evaluationCount()}, …) may be read from any thread. Memory stays flat
 * over a long run: only the latest evaluation is kept (see {@link #latest()}).
 */
public final class GanMetricsListener extends BaseTrainingListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GanMetricsListener.class);

    /**
     * The history's metadata in the output folder: the {@link GeneratorRecord} of the evaluation (latent
     * specification, image format, the generator's part of the network, samples, metrics and their
     * reference files {@code reference-<metric>.npz|.npy}), written when the listener is built.
     */
    public static final String EVALUATION_RECORD = "evaluation.json";

    private final GanEvaluator evaluator;
    private final GanEvaluator finalEvaluator;
    private final EvaluationSchedule schedule;
    private final List<MetricSink> sinks;
    private final MetricHistory history;
    private final MetricMonitor monitor;
    private final BestModelSaver saver;
    private final GeneratorRecord record;
    private final boolean failFast;
    private final ExecutorService background;
    private volatile Evaluation latest;
    private volatile long evaluationCount;
    private final Set<String> failingSinks = Collections.synchronizedSet(new HashSet<>());
    private Future<?> running;
    private volatile RuntimeException fatal;
    private long lastIteration;
    private long lastEpoch;
    private long lastEvaluated = -1;
    private boolean finished;

    private GanMetricsListener(Builder b, MetricHistory history, List<MetricSink> sinks, GeneratorRecord record,
                               BestModelSaver saver) {
        this.record = record;
        this.evaluator = b.evaluator;
        this.finalEvaluator = b.finalEvaluator;
        this.schedule = b.schedule;
        this.history = history;
        this.sinks = List.copyOf(sinks);
        this.monitor = b.monitor;
        this.saver = saver;
        this.failFast = b.failFast;
        this.background = b.background ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ganeval4j-evaluation");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** A builder around the evaluator that defines what is computed. */
    public static Builder builder(GanEvaluator evaluator) {
        return new Builder(evaluator);
    }

    /** Validating builder. */
    public static final class Builder {
        private final GanEvaluator evaluator;
        private GanEvaluator finalEvaluator;
        private EvaluationSchedule schedule;
        private Path outputDirectory;
        private boolean charts = true;
        private boolean sampleGrid = true;
        private boolean log = true;
        private final List<MetricSink> sinks = new ArrayList<>();
        private MetricMonitor monitor;
        private boolean saveBest;
        private boolean freshBest;
        private boolean failFast;
        private boolean background;

        private Builder(GanEvaluator evaluator) {
            this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        }

        /** When to evaluate (default {@link EvaluationSchedule#DEFAULT}: every 5000 iterations and at the end). */
        public Builder schedule(EvaluationSchedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /**
         * Where the metric history ({@code metrics.csv}, {@code metrics.jsonl}), the charts, the sample
         * grid and the best model go; a folder with an earlier history is continued.
         */
        public Builder outputDirectory(Path dir) {
            this.outputDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Write a PNG chart per metric into the output folder (default true). */
        public Builder charts(boolean on) {
            this.charts = on;
            return this;
        }

        /** Write a PNG grid of the latest samples into the output folder (default true). */
        public Builder sampleGrid(boolean on) {
            this.sampleGrid = on;
            return this;
        }

        /** Log one line per evaluation through SLF4J (default true). */
        public Builder log(boolean on) {
            this.log = on;
            return this;
        }

        /** Another destination, e.g. the DL4J UI ({@code org.ganeval4j.ui.UiSink}). */
        public Builder sink(MetricSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** Early stopping: the monitored metric and its termination conditions. */
        public Builder monitor(MetricMonitor m) {
            this.monitor = Objects.requireNonNull(m, "monitor");
            return this;
        }

        /** Save the generator to the output folder whenever the monitored metric improves. */
        public Builder saveBestModel(boolean on) {
            this.saveBest = on;
            return this;
        }

        /**
         * Start afresh (default false): this run's first best replaces a {@code best-generator.zip} left in
         * the output folder by an earlier run. By default an earlier best model is kept until this run
         * beats it.
         */
        public Builder freshBest(boolean on) {
            this.freshBest = on;
            return this;
        }

        /** Throw from the training callback when an evaluation fails, stopping training (default false). */
        public Builder failFast(boolean on) {
            this.failFast = on;
            return this;
        }

        /**
         * A second evaluator run once, in {@link GanMetricsListener#finish()}, on the generator as
         * training left it — for metrics too costly to compute on the schedule, e.g. FID∞
         * ({@code FidInfinity}, nMax samples) with quasi-random latents. Its metrics and latents are
         * its own (its generator is ignored: the listener's generator is evaluated); the results go to
         * the same history, charts and sinks, at the last iteration.
         */
        public Builder finalEvaluation(GanEvaluator evaluator) {
            this.finalEvaluator = Objects.requireNonNull(evaluator, "evaluator");
            return this;
        }

        /** Evaluate on a parameter snapshot in a background thread while training continues (default false). */
        public Builder background(boolean on) {
            this.background = on;
            return this;
        }

        /**
         * Builds the listener, opening (and continuing) the history in the output folder.
         *
         * @throws IOException when the output folder cannot be created or its history read
         */
        public GanMetricsListener build() throws IOException {
            if (schedule == null) {
                schedule = EvaluationSchedule.DEFAULT;
            }
            boolean modelGenerator = evaluator.generator() instanceof ModelGenerator;
            if (saveBest) {
                if (monitor == null) {
                    throw new IllegalArgumentException("saveBestModel needs a monitor naming the metric to improve");
                }
                if (outputDirectory == null) {
                    throw new IllegalArgumentException("saveBestModel needs an output directory");
                }
                if (!modelGenerator) {
                    throw new IllegalArgumentException("saveBestModel needs a generator backed by a DL4J network"
                            + " (Generator.of(network) or Generator.layerOf(...)), got " + evaluator.generator().getClass().getName());
                }
            }
            if (background && !modelGenerator) {
                throw new IllegalArgumentException("background evaluation needs a generator backed by a DL4J network to"
                        + " snapshot (Generator.of(network) or Generator.layerOf(...))");
            }
            if (monitor != null && evaluator.metrics().stream().noneMatch(m -> m.names().contains(monitor.metric()))) {
                throw new IllegalArgumentException("the monitor follows " + monitor.metric() + " but the evaluator computes "
                        + evaluator.metrics().stream().flatMap(m -> m.names().stream()).toList());
            }
            List<MetricSink> all = new ArrayList<>();
            if (log) {
                all.add(new LogSink());
            }
            MetricHistory h = null;
            if (outputDirectory != null) {
                h = MetricHistory.open(outputDirectory);
                all.add(h);
                if (charts) {
                    all.add(new ChartSink(h));
                }
                if (sampleGrid) {
                    all.add(new SampleGridSink(outputDirectory, 64));
                }
            }
            all.addAll(sinks);
            GeneratorRecord record = null;
            if (outputDirectory != null && modelGenerator) {
                record = evaluator.record(outputDirectory);
                byte[] json = record.toJsonString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                org.ganeval4j.io.AtomicFiles.write(outputDirectory.resolve(EVALUATION_RECORD), out -> out.write(json));
            }
            BestModelSaver saver = null;
            if (saveBest) {
                saver = new BestModelSaver(outputDirectory, freshBest);
                if (saver.earlierMetric().isPresent() && !saver.earlierMetric().get().equals(monitor.metric())) {
                    throw new IllegalArgumentException(outputDirectory + " holds the best generator of an earlier run"
                            + " chosen by " + saver.earlierMetric().get() + ", but this run monitors " + monitor.metric()
                            + ": choose another output folder, or freshBest(true) to replace it");
                }
                if (saver.earlier().isPresent()) {
                    LOG.info("{} holds the best generator of an earlier run ({}): kept until this run beats it",
                            outputDirectory, saver.earlier().get());
                }
            }
            return new GanMetricsListener(this, h, all, record, saver);
        }
    }

    // ------------------------------------------------------------------ DL4J callbacks

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        iterationCompleted(iteration + 1L, epoch);
    }

    /**
     * For training loops that do not run DL4J listeners (a {@code TrainableGan}, a custom loop): call
     * after each training iteration with the number of iterations completed so far; evaluates when the
     * schedule says so.
     */
    public void iterationCompleted(long iterations, long epoch) {
        rethrowFatal();
        lastIteration = iterations;
        lastEpoch = epoch;
        if (schedule.atIteration(lastIteration)) {
            evaluateNow(lastIteration, epoch);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        rethrowFatal();
        long epoch = epochOf(model);
        if (schedule.atEpochEnd(epoch) && lastEvaluated != lastIteration) {
            evaluateNow(lastIteration, epoch);
        }
    }

    private static long epochOf(Model model) {
        if (model instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m) {
            return m.getEpochCount();
        }
        if (model instanceof org.deeplearning4j.nn.graph.ComputationGraph g) {
            return g.getEpochCount();
        }
        return 0;
    }

    // ------------------------------------------------------------------ API

    /**
     * Evaluates now (synchronously, or queued in the background) at the given iteration and epoch,
     * e.g. from a custom loop that does not use DL4J listeners.
     */
    public synchronized void evaluateNow(long iteration, long epoch) {
        if (background == null) {
            lastEvaluated = iteration;
            Generator g = evaluator.generator();
            handle(evaluator.evaluate(g, iteration, epoch), g);
            rethrowFatal();
            return;
        }
        if (running != null && !running.isDone()) {
            // not marked as evaluated: finish() still evaluates the last iteration
            LOG.warn("evaluation at iteration {} skipped: the previous evaluation is still running", iteration);
            return;
        }
        lastEvaluated = iteration;
        ModelGenerator snapshot = ((ModelGenerator) evaluator.generator()).snapshot();
        running = background.submit(() -> handle(evaluator.evaluate(snapshot, iteration, epoch), snapshot));
    }

    private void handle(Evaluation e, Generator used) {
        handle(e, used, true);
    }

    /** Records an evaluation; the final evaluation is not {@link #latest()}, which stays the scheduled one. */
    private void handle(Evaluation e, Generator used, boolean scheduled) {
        Map<String, String> failed = new LinkedHashMap<>();
        if (monitor != null && monitor.update(e) && saver != null) {
            MetricResult best = e.result(monitor.metric());
            try {
                if (saver.beats(best)) {
                    saver.save((ModelGenerator) used, e, best, record);
                } else {
                    LOG.debug("{} {} does not beat the earlier run's best generator ({}): kept", best.name(), best.value(),
                            saver.earlier().orElse(""));
                }
                failingSinks.remove("best model");
            } catch (IOException | RuntimeException ex) {
                reportSinkFailure("best model", ex);
                failed.put("best model", ex.toString());
            }
        }
        for (MetricSink s : sinks) {
            try {
                s.accept(e);
                if (failingSinks.remove(s.name())) {
                    LOG.info("{} works again", s.name());
                }
            } catch (IOException | RuntimeException ex) {
                reportSinkFailure(s.name(), ex);
                failed.put(s.name(), ex.toString());
            }
        }
        Evaluation recorded = e;
        if (!failed.isEmpty()) {
            // recorded as a failed evaluation: in this run's list and as rows of the history files
            recorded = e.withOutputFailures(failed);
            if (history != null) {
                history.recordOutputFailures(e.iteration(), e.epoch(), failed);
            }
        }
        if (scheduled) {
            latest = recorded;
        }
        evaluationCount++;
        if (failFast && !recorded.ok()) {
            List<String> why = new ArrayList<>();
            recorded.results().stream().filter(r -> !r.ok()).forEach(r -> why.add(r.name() + ": " + r.failure()));
            recorded.outputFailures().forEach((k, v) -> why.add(k + ": " + v));
            fatal = new IllegalStateException("evaluation at iteration " + e.iteration() + " failed (failFast): " + why);
        }
    }

    private void reportSinkFailure(String sink, Exception ex) {
        if (failingSinks.add(sink)) {
            LOG.warn("{} failed (logged once; retried at every evaluation): {}", sink, ex.toString());
        } else {
            LOG.debug("{} still failing: {}", sink, ex.toString());
        }
    }

    private void rethrowFatal() {
        RuntimeException f = fatal;
        if (f != null) {
            throw f;
        }
    }

    /**
     * The evaluation after {@code iteration} completed iterations: the latest one when it was made at
     * that iteration (reused, not repeated), else a new one made now (waiting for it in background
     * mode) and recorded like every other.
     */
    public Evaluation evaluationAt(long iteration, long epoch) {
        Evaluation e = latest;
        if (e != null && e.iteration() == iteration) {
            return e;
        }
        evaluateNow(iteration, epoch);
        awaitBackground();
        return latest;
    }

    /**
     * A DL4J {@code ScoreCalculator} for {@code EarlyStoppingTrainer} scoring by {@code metric}: it reuses
     * this listener's evaluation of the same iteration, so each score is one row of the history.
     */
    public GanScoreCalculator scoreCalculator(String metric) {
        return new GanScoreCalculator((model, iteration, epoch) -> evaluationAt(iteration, epoch), metric,
                GanScoreCalculator.directionOf(evaluator, metric));
    }

    /** The evaluator. */
    public GanEvaluator evaluator() {
        return evaluator;
    }

    /** True when the monitor's termination conditions say training should stop. */
    public boolean shouldStop() {
        return monitor != null && monitor.shouldStop();
    }

    /** Why training should stop, if it should. */
    public Optional<String> stopReason() {
        return monitor == null ? Optional.empty() : monitor.stopReason();
    }

    /** The early-stopping monitor, if any. */
    public Optional<MetricMonitor> monitor() {
        return Optional.ofNullable(monitor);
    }

    /**
     * The latest scheduled evaluation of this run (with its preview samples), if any; the
     * {@link Builder#finalEvaluation final evaluation} goes to the history only. Earlier evaluations are not
     * kept in memory: their results are in the history files ({@link #history()}), the monitor keeps
     * the best ({@link MetricMonitor#best()}).
     */
    public Optional<Evaluation> latest() {
        return Optional.ofNullable(latest);
    }

    /** Evaluations made by this listener so far (failed ones included). */
    public long evaluationCount() {
        return evaluationCount;
    }

    /**
     * The evaluation's record (latent specification, image format, samples, metrics and their reference
     * files), written as {@value #EVALUATION_RECORD} in the output folder; present when the listener has an
     * output folder and a generator backed by a DL4J network.
     */
    public Optional<GeneratorRecord> record() {
        return Optional.ofNullable(record);
    }

    /** The metric history, when an output folder was given. */
    public Optional<MetricHistory> history() {
        return Optional.ofNullable(history);
    }

    /** The sinks (and the best-model writer) failing at their last attempt, by name. */
    public List<String> failingSinks() {
        synchronized (failingSinks) {
            return List.copyOf(failingSinks);
        }
    }

    /** The last completed iteration seen. */
    public long lastIteration() {
        return lastIteration;
    }

    /** Waits for a background evaluation in progress (no-op in synchronous mode). */
    public void awaitBackground() {
        Future<?> f;
        synchronized (this) {
            f = running;
        }
        if (f != null) {
            try {
                f.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException ex) {
                if (ex.getCause() instanceof Error err) {
                    throw err;
                }
                // evaluation failures are recorded as failed results; anything reaching here is a bug of ours
                LOG.error("background evaluation failed: a bug of ganeval4j", ex.getCause());
            }
        }
    }

    /**
     * Ends training: evaluates once more if the schedule says so and the last iteration was not
     * evaluated yet, waits for background work, runs the {@link Builder#finalEvaluation final
     * evaluation} if there is one and closes the sinks. Idempotent.
     */
    public void finish() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        awaitBackground();
        if (schedule.atEnd() && lastIteration > 0 && lastEvaluated != lastIteration) {
            evaluateNow(lastIteration, lastEpoch);
            awaitBackground();
        }
        if (finalEvaluator != null && lastIteration > 0) {
            Generator g = evaluator.generator();
            handle(finalEvaluator.evaluate(g, lastIteration, lastEpoch), g, false);
        }
        if (background != null) {
            background.shutdown();
            try {
                background.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (MetricSink s : sinks) {
            try {
                s.close();
            } catch (IOException | RuntimeException ex) {
                LOG.warn("closing {} failed: {}", s.name(), ex.toString());
            }
        }
    }

    /** Same as {@link #finish()}. */
    @Override
    public void close() {
        finish();
    }
}
