package org.ganeval4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.earlystopping.MonitorTerminationCondition;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * DL4J's own {@link EarlyStoppingTrainer} driving a GAN, scored by a ganeval4j metric. The trainer
 * fits one network; in DL4J's combined-network GAN pattern that is the combined network (generator
 * layers + frozen discriminator), whose {@code fit} updates the generator. The discriminator's half of
 * each step runs inside the training iterator ({@link DiscriminatorStepIterator}: {@code next()}
 * trains the discriminator on a real and a generated batch, then returns the generator's batch).
 * The metrics listener evaluates at every epoch end; {@code listener.scoreCalculator(metric)} hands
 * the trainer that same evaluation as the epoch's score (evaluated once); the listener's termination
 * conditions stop the trainer through {@link MonitorTerminationCondition}.
 */
@Command(name = "Dl4jEarlyStopping", mixinStandardHelpOptions = true, sortOptions = false,
        description = "DL4J's EarlyStoppingTrainer training a GAN on MNIST, scored by the Fréchet distance.")
public final class Dl4jEarlyStopping implements Callable<Integer> {
    @Mixin
    ExampleOptions options;

    @Option(names = "--epochs", defaultValue = "6", description = "most epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batches-per-epoch", defaultValue = "50", description = "steps per epoch (default ${DEFAULT-VALUE})")
    int batchesPerEpoch;

    @Option(names = "--patience", defaultValue = "3", description = "epochs without improvement (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--extractor", defaultValue = "mnist-cnn",
            description = "FD features: " + FdExtractors.IDS + " (default ${DEFAULT-VALUE})")
    String extractor;

    private EarlyStoppingResult<MultiLayerNetwork> result;

    /** The trainer's result of the last {@link #call()}, or null. */
    public EarlyStoppingResult<MultiLayerNetwork> result() {
        return result;
    }

    public static void main(String[] args) {
        QuietStdout.install();
        System.exit(new CommandLine(new Dl4jEarlyStopping()).execute(args));
    }

    /**
     * A GAN's training data for DL4J's trainer: {@code next()} runs the discriminator step on a fresh
     * real batch and returns the generator's batch (latents labelled real) for the combined network's
     * {@code fit}. Synchronous ({@link #asyncSupported()} is false): the discriminator step must run on
     * the training thread, between the generator's updates.
     */
    public static final class DiscriminatorStepIterator implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient Gan gan;
        private final transient ImageDataset data;
        private final int batches;
        private final java.util.Random rng;
        private int done;

        /** {@code batches} steps per epoch of {@code gan} on {@code data}, batches drawn with {@code seed}. */
        public DiscriminatorStepIterator(Gan gan, ImageDataset data, int batches, long seed) {
            if (batches < 1) {
                throw new IllegalArgumentException("batches per epoch must be >= 1, got " + batches);
            }
            this.gan = gan;
            this.data = data;
            this.batches = batches;
            this.rng = new java.util.Random(seed);
        }

        @Override
        public DataSet next(int num) {
            throw new UnsupportedOperationException("the batch size is the GAN's (" + gan.config().batchSize() + ")");
        }

        @Override
        public DataSet next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException("epoch done after " + batches + " batches");
            }
            done++;
            int b = gan.config().batchSize();
            gan.discriminatorStep(data.trainingBatch(rng, b, gan.imageFormat()));
            return gan.generatorBatch(b);
        }

        @Override
        public boolean hasNext() {
            return done < batches;
        }

        @Override
        public int inputColumns() {
            return gan.config().latentDim();
        }

        @Override
        public int totalOutcomes() {
            return 1;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            done = 0;
        }

        @Override
        public int batch() {
            return gan.config().batchSize();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("no preprocessing: the batches are latents");
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public List<String> getLabels() {
            return null;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path out = options.outputFolder("dl4j-early-stopping");
        ImageDataset data = Examples.loadImages(options, log);
        try (FeatureExtractor features = FdExtractors.create(extractor, log)) {
            Gan gan = Gan.build(GanConfig.mnistMlp(options.seed));
            try (FrechetMetric fd = new FrechetMetric(ReferenceStatistics.compute(features, data.canonicalBatches(250),
                    "mnist-t10k-" + data.size()), features)) {
                GanEvaluator evaluator = GanEvaluator.builder(gan.generator(), gan.imageFormat(),
                        gan.latentSpec(options.seed)).samples(ExampleOptions.or(options.samples, 250)).metric(fd).build();
                GanMetricsListener listener = GanMetricsListener.builder(evaluator)
                        .schedule(EvaluationSchedule.everyEpochs(1)).outputDirectory(out)
                        .monitor(MetricMonitor.builder(fd.name()).stopWhen(TerminationCondition.patience(patience)).build())
                        .build();
                gan.combined().addListeners(listener);
                EarlyStoppingConfiguration<MultiLayerNetwork> conf = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                        .scoreCalculator(listener.scoreCalculator(fd.name())).evaluateEveryNEpochs(1)
                        .epochTerminationConditions(new MaxEpochsTerminationCondition(epochs))
                        .iterationTerminationConditions(new MonitorTerminationCondition(listener::shouldStop))
                        .modelSaver(new InMemoryModelSaver<>()).build();
                EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(conf, gan.combined(),
                        new DiscriminatorStepIterator(gan, data, batchesPerEpoch, options.seed));
                result = trainer.fit();
                listener.finish();
                // DL4J M2.1's getBestModelScore() is the best model's training loss after an epoch condition: the
                // metric's best value is the best epoch's score
                log.printf("EarlyStoppingTrainer: %s (%s) after %d epochs; best %s %.6g at epoch %d; scores by epoch %s%n",
                        result.getTerminationReason(), result.getTerminationDetails(), result.getTotalEpochs(),
                        fd.name(), result.getScoreVsEpoch().get(result.getBestModelEpoch()), result.getBestModelEpoch(),
                        result.getScoreVsEpoch());
                log.println("history (one row per epoch, the scores above) in " + out.toAbsolutePath());
            }
        }
        return 0;
    }
}
