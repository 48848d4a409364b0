package org.ganeval4j.arbiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.ganeval4j.gan.GanConfig;
import org.junit.jupiter.api.Test;

class GanSearchSpaceTest {
    private static final GanConfig BASE = GanConfig.mnistMlp(7);

    @Test
    void randomCandidatesCarryTheirValuesAndAValidConfiguration() {
        GanSearchSpace space = GanSearchSpace.builder(BASE).learningRate(new ContinuousParameterSpace(1e-4, 1e-3))
                .width(new IntegerParameterSpace(32, 64)).batchSize(new DiscreteParameterSpace<>(16, 32)).build();
        assertThat(space.numParameters()).isEqualTo(3);
        assertThat(space.hyperparameters()).containsExactly("learningRate", "width", "batchSize");
        RandomSearchGenerator generator = new RandomSearchGenerator(space, null);
        generator.setRngSeed(3);
        for (int i = 0; i < 20; i++) {
            Candidate<?> c = generator.getCandidate();
            assertThat(c.getException()).isNull();
            GanCandidate g = (GanCandidate) c.getValue();
            GanConfig config = g.config();
            double lr = (Double) g.hyperparameters().get("learningRate");
            assertThat(lr).isBetween(1e-4, 1e-3);
            assertThat(config.generatorLr()).isEqualTo(lr);
            assertThat(config.discriminatorLr()).isEqualTo(lr);
            assertThat(config.generatorWidth()).isEqualTo(config.discriminatorWidth()).isBetween(32, 64)
                    .isEqualTo(g.hyperparameters().get("width"));
            assertThat(config.batchSize()).isIn(16, 32);
            assertThat(config.latentDim()).isEqualTo(BASE.latentDim());
            assertThat(config.seed()).isEqualTo(BASE.seed());
        }
    }

    @Test
    void aSpaceObjectUsedTwiceIsOneParameter() {
        DiscreteParameterSpace<Integer> shared = new DiscreteParameterSpace<>(32, 64);
        GanSearchSpace space = GanSearchSpace.builder(BASE).generatorWidth(shared).discriminatorWidth(shared)
                .latentDim(new DiscreteParameterSpace<>(8, 16)).build();
        assertThat(space.numParameters()).isEqualTo(2);
        GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, 2,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(grid.getTotalNumCandidates()).isEqualTo(4);
        while (grid.hasMoreCandidates()) {
            GanConfig c = ((GanCandidate) grid.getCandidate().getValue()).config();
            assertThat(c.generatorWidth()).isEqualTo(c.discriminatorWidth());
        }
    }

    @Test
    void invalidValuesMakeAnInvalidCandidateNotAnException() {
        GanSearchSpace space = GanSearchSpace.builder(BASE).beta1(new DiscreteParameterSpace<>(0.5, 1.0)).build();
        GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, 2,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        GanCandidate ok = (GanCandidate) grid.getCandidate().getValue();
        Candidate<?> bad = grid.getCandidate();
        assertThat(ok.valid()).isTrue();
        assertThat(bad.getException()).isNull();
        GanCandidate invalid = (GanCandidate) bad.getValue();
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.invalid()).isEqualTo("beta1 must be in [0, 1), got 1.0");
        assertThat(invalid.hyperparameters()).containsEntry("beta1", 1.0);
    }

    @Test
    void candidatesSurviveJavaSerialization() throws Exception {
        GanSearchSpace space = GanSearchSpace.builder(BASE)
                .architecture(new DiscreteParameterSpace<>(GanConfig.Architecture.MLP, GanConfig.Architecture.DCGAN))
                .generatorLr(new ContinuousParameterSpace(1e-4, 1e-3)).build();
        RandomSearchGenerator generator = new RandomSearchGenerator(space, null);
        GanCandidate c = (GanCandidate) generator.getCandidate().getValue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            GanCandidate back = (GanCandidate) in.readObject();
            assertThat(back).isEqualTo(c);
            assertThat(back.hyperparameters().keySet()).containsExactly("architecture", "generatorLr");
        }
    }

    @Test
    void theBuilderRefusesSpacesThatCouldNeverSearch() {
        assertThatThrownBy(() -> GanSearchSpace.builder(BASE).build()).hasMessageContaining("searches nothing");
        assertThatThrownBy(() -> GanSearchSpace.builder(BASE).learningRate(new ContinuousParameterSpace(0.1, 0.2))
                .generatorLr(new ContinuousParameterSpace(0.1, 0.2)).build())
                .hasMessageContaining("learningRate sets both generatorLr and discriminatorLr");
        assertThatThrownBy(() -> GanSearchSpace.builder(BASE).latentDim(new DiscreteParameterSpace<>(16)).build())
                .hasMessageContaining("latentDim is searched over a single value");
        assertThatThrownBy(() -> GanSearchSpace.builder(BASE).width(new IntegerParameterSpace(8, 8)).build())
                .hasMessageContaining("single value");
        assertThatThrownBy(() -> GanSearchSpace.builder(BASE).beta1(new FixedValue<>(0.5)).build())
                .hasMessageContaining("set it in the base GanConfig");
        assertThatThrownBy(() -> GanSearchSpace.builder(BASE).beta1(new FixedValue<>(0.5)).beta1(new FixedValue<>(0.6)))
                .hasMessageContaining("beta1 is already searched");
    }
}
