package org.ganeval4j.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Named values as a factory reads them, and the reference GAN's mapping of names onto its configuration. */
class HyperparametersTest {
    @Test
    void numbersConvertOnlyWithoutLoss() {
        Hyperparameters hp = Hyperparameters.of(Map.<String, Serializable>of("i", 64, "d", 64.0, "f", 0.5, "s", "x"));
        assertThat(hp.getInt("i")).isEqualTo(64);
        assertThat(hp.getInt("d")).isEqualTo(64);
        assertThat(hp.getDouble("i")).isEqualTo(64.0);
        assertThat(hp.getDouble("absent", 3.0)).isEqualTo(3.0);
        assertThatThrownBy(() -> hp.getInt("f")).hasMessage("hyperparameter 'f' must be an integer, got 0.5");
        assertThatThrownBy(() -> hp.getDouble("s")).hasMessage("hyperparameter 's' must be a number, got x (String)");
        assertThatThrownBy(() -> hp.getDouble("absent")).hasMessageStartingWith("no hyperparameter 'absent' (given: ");
        assertThatThrownBy(() -> hp.requireKnown(java.util.List.of("i", "d", "f")))
                .hasMessage("unknown hyperparameter 's' (known: [i, d, f])");
    }

    @Test
    void theReferenceGanReadsItsNamedValues() {
        GanConfig base = GanConfig.mnistMlp(7);
        GanConfig c = base.with(Hyperparameters.of(Map.of(GanConfig.LEARNING_RATE, 3e-4, GanConfig.WIDTH, 48,
                GanConfig.ARCHITECTURE, "dcgan")));
        assertThat(c.generatorLr()).isEqualTo(3e-4);
        assertThat(c.discriminatorLr()).isEqualTo(3e-4);
        assertThat(c.generatorWidth()).isEqualTo(48);
        assertThat(c.discriminatorWidth()).isEqualTo(48);
        assertThat(c.architecture()).isEqualTo(GanConfig.Architecture.DCGAN);
        assertThat(c.latentDim()).isEqualTo(base.latentDim());
        assertThat(base.with(Hyperparameters.none())).isEqualTo(base);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "learningRate|generatorLr|learningRate sets both generatorLr and discriminatorLr",
        "width|discriminatorWidth|width sets both generatorWidth and discriminatorWidth"})
    void aValueSetJointlyAndSeparatelyIsRefused(String joint, String separate, String message) {
        Hyperparameters hp = Hyperparameters.of(Map.of(joint, 1e-3, separate, 2e-3));
        assertThatThrownBy(() -> GanConfig.mnistMlp(1).with(hp)).hasMessageContaining(message);
    }

    @Test
    void invalidValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> GanConfig.mnistMlp(1).with(Hyperparameters.of(Map.of(GanConfig.BETA1, 1.0))))
                .hasMessage("beta1 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> GanConfig.mnistMlp(1).with(Hyperparameters.of(Map.of("lr", 1.0))))
                .hasMessageStartingWith("unknown hyperparameter 'lr' (known: [architecture, ");
    }
}
