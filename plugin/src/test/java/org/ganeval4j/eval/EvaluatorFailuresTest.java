package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.testing.Capture;
import org.ganeval4j.metric.Direction;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 acceptance 2: a bug-like exception in a metric is logged at ERROR with its stack trace and
 * fails the evaluation visibly; what the user's generator throws is an expected failure; an
 * {@code OutOfMemoryError} propagates.
 */
class EvaluatorFailuresTest {
    static final ImageFormat FORMAT = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 3, 8, 8);

    /** A metric reading images only, failing in {@code accept} with {@code failure}. */
    static GanMetric failing(String name, Runnable failure) {
        return new GanMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Direction direction() {
                return Direction.LOWER_IS_BETTER;
            }

            @Override
            public List<FeatureRequest> requires() {
                return List.of();
            }

            @Override
            public Accumulator start(int samples) {
                return new Accumulator() {
                    @Override
                    public void accept(FeatureBatch batch) {
                        failure.run();
                    }

                    @Override
                    public List<MetricValue> finish() {
                        return List.of(MetricValue.of(name, 1.0, ""));
                    }
                };
            }
        };
    }

    static GanMetric fine(String name) {
        return failing(name, () -> { });
    }

    private static GanEvaluator evaluator(Generator g, GanMetric... metrics) {
        GanEvaluator.Builder b = GanEvaluator.builder(g, FORMAT, LatentSpec.normal(TinyNets.LATENT, 1)).samples(8)
                .batchSize(4);
        for (GanMetric m : metrics) {
            b.metric(m);
        }
        return b.build();
    }

    @Test
    void aBugInAMetricIsLoggedAtErrorWithItsTraceAndFailsItVisibly() {
        Generator g = Generator.of(TinyNets.generator(1));
        GanEvaluator e = evaluator(g, failing("buggy", () -> {
            Object nothing = null;
            nothing.hashCode();
        }), fine("fine"));
        Evaluation[] result = new Evaluation[1];
        String log = Capture.stderr(() -> result[0] = e.evaluate(3, 0));
        MetricResult buggy = result[0].result("buggy");
        assertThat(buggy.ok()).isFalse();
        assertThat(buggy.failure()).startsWith(GanEvaluator.INTERNAL_ERROR).contains("NullPointerException");
        assertThat(result[0].result("fine").ok()).as("other metrics are unaffected").isTrue();
        assertThat(log).contains("ERROR").contains("buggy failed on a batch at iteration 3: a bug of ganeval4j")
                .contains("java.lang.NullPointerException").contains("at org.ganeval4j.eval.EvaluatorFailuresTest");
        assertThat(log.split("a bug of ganeval4j", -1)).as("logged once, not per batch").hasSize(2);
    }

    @Test
    void whatTheUsersGeneratorThrowsIsAnExpectedFailure() {
        Generator boom = Generator.of(z -> {
            throw new IllegalStateException("my generator is broken");
        });
        Evaluation[] result = new Evaluation[1];
        String log = Capture.stderr(() -> result[0] = evaluator(boom, fine("m")).evaluate(1, 0));
        assertThat(result[0].result("m").failure())
                .isEqualTo("the generator threw IllegalStateException: my generator is broken");
        assertThat(log).doesNotContain("ERROR");
    }

    @Test
    void anOutOfMemoryErrorPropagates() {
        Generator g = Generator.of(TinyNets.generator(1));
        GanEvaluator e = evaluator(g, failing("hungry", () -> {
            throw new OutOfMemoryError("simulated");
        }));
        assertThatThrownBy(() -> e.evaluate(1, 0)).isInstanceOf(OutOfMemoryError.class).hasMessage("simulated");
        Generator oom = Generator.of(z -> {
            throw new OutOfMemoryError("in the generator");
        });
        assertThatThrownBy(() -> evaluator(oom, fine("m")).evaluate(1, 0)).isInstanceOf(OutOfMemoryError.class);
    }
}
