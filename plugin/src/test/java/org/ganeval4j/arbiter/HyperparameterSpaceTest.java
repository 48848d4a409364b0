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
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.Hyperparameters;
import org.junit.jupiter.api.Test;

/** Named hyperparameter spaces: values reach a factory by name, of the declared kind and range. */
class HyperparameterSpaceTest {
    @Test
    void randomCandidatesCarryEveryNamedValueInItsRange() {
        HyperparameterSpace space = HyperparameterSpace.builder().logUniform("lr", 1e-4, 1e-3)
                .continuous("beta1", 0.3, 0.9).integer("width", 32, 64).discrete("latentDim", 16, 32).build();
        assertThat(space.numParameters()).isEqualTo(4);
        assertThat(space.hyperparameters()).containsExactly("lr", "beta1", "width", "latentDim");
        RandomSearchGenerator generator = new RandomSearchGenerator(space, null);
        generator.setRngSeed(3);
        for (int i = 0; i < 20; i++) {
            Candidate<?> c = generator.getCandidate();
            assertThat(c.getException()).isNull();
            Hyperparameters hp = (Hyperparameters) c.getValue();
            assertThat(hp.values().keySet()).containsExactly("lr", "beta1", "width", "latentDim");
            assertThat(hp.getDouble("lr")).isBetween(1e-4, 1e-3);
            assertThat(hp.getDouble("beta1")).isBetween(0.3, 0.9);
            assertThat(hp.getInt("width")).isBetween(32, 64);
            assertThat(hp.getInt("latentDim")).isIn(16, 32);
        }
    }

    @Test
    void aGridVisitsEveryCombination() {
        HyperparameterSpace space = HyperparameterSpace.builder().discrete("a", 1, 2).discrete("b", "x", "y", "z")
                .build();
        GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, 2,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(grid.getTotalNumCandidates()).isEqualTo(6);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (grid.hasMoreCandidates()) {
            Hyperparameters hp = (Hyperparameters) grid.getCandidate().getValue();
            seen.add(hp.getInt("a") + hp.getString("b", "?"));
        }
        assertThat(seen).containsExactlyInAnyOrder("1x", "2x", "1y", "2y", "1z", "2z");
    }

    @Test
    void candidatesSurviveJavaSerialization() throws Exception {
        HyperparameterSpace space = HyperparameterSpace.builder()
                .discrete(GanConfig.ARCHITECTURE, GanConfig.Architecture.MLP, GanConfig.Architecture.DCGAN)
                .continuous(GanConfig.GENERATOR_LR, 1e-4, 1e-3).build();
        Hyperparameters c = (Hyperparameters) new RandomSearchGenerator(space, null).getCandidate().getValue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Hyperparameters back = (Hyperparameters) in.readObject();
            assertThat(back).isEqualTo(c);
            assertThat(back.values().keySet()).containsExactly("architecture", "generatorLr");
        }
    }

    @Test
    void theBuilderRefusesSpacesThatCouldNeverSearch() {
        assertThatThrownBy(() -> HyperparameterSpace.builder().build()).hasMessageContaining("searches nothing");
        assertThatThrownBy(() -> HyperparameterSpace.builder().discrete("latentDim", 16).build())
                .hasMessageContaining("latentDim is searched over a single value");
        assertThatThrownBy(() -> HyperparameterSpace.builder().integer("width", 8, 8))
                .hasMessageContaining("expected a finite range min < max, got [8.0, 8.0]");
        assertThatThrownBy(() -> HyperparameterSpace.builder().add("beta1", new FixedValue<>(0.5)).build())
                .hasMessageContaining("make it the factory's default");
        assertThatThrownBy(() -> HyperparameterSpace.builder().continuous("b", 0, 1).continuous("b", 0, 2))
                .hasMessageContaining("b is already searched");
        assertThatThrownBy(() -> HyperparameterSpace.builder().logUniform("lr", 0, 1))
                .hasMessageContaining("log-uniform range needs min > 0, got 0.0");
        assertThatThrownBy(() -> HyperparameterSpace.builder().add("x", new DiscreteParameterSpace<>()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
