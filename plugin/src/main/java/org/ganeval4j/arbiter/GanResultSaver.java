package org.ganeval4j.arbiter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultSaver;
import org.deeplearning4j.nn.api.Model;
import org.ganeval4j.earlystopping.BestModelSaver;

/**
 * Arbiter's {@link ResultSaver} for GAN candidates. The {@link GanTaskCreator} has already written
 * the candidate's generator (best or final) into its folder; this saver only hands Arbiter a
 * {@link ResultReference} to it, so {@code runner.getResults()} can load any scored candidate's
 * generator back ({@link Reference#getResultModel()}: the generator network alone, as
 * {@link BestModelSaver#restore} reads it).
 */
public final class GanResultSaver implements ResultSaver {
    @Override
    public ResultReference saveModel(OptimizationResult result, Object modelResult) {
        if (!(result.getModelSpecificResults() instanceof CandidateOutcome o) || o.model() == null) {
            throw new IllegalArgumentException("GanResultSaver saves the scored candidates of a GanTaskCreator, got a result"
                    + " without a generator file: " + result.getModelSpecificResults());
        }
        return new Reference(result, o.model());
    }

    @Override
    public List<Class<?>> getSupportedCandidateTypes() {
        return List.of(org.ganeval4j.gan.Hyperparameters.class);
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(TrainedGan.class);
    }

    /** A scored candidate: its result in memory, its generator on disk. */
    public static final class Reference implements ResultReference {
        private final OptimizationResult result;
        private final Path model;

        Reference(OptimizationResult result, Path model) {
            this.result = Objects.requireNonNull(result, "result");
            this.model = Objects.requireNonNull(model, "model");
        }

        @Override
        public OptimizationResult getResult() {
            return result;
        }

        /** The generator file. */
        public Path modelFile() {
            return model;
        }

        /** Restores the saved network (see {@link BestModelSaver#restore}). */
        @Override
        public Model getResultModel() throws IOException {
            return BestModelSaver.restore(model);
        }
    }
}
