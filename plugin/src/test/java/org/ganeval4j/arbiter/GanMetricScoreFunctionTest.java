package org.ganeval4j.arbiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ganeval4j.arbiter.GanMetricScoreFunction.Selection;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GanMetricScoreFunctionTest {
    private static MetricResult ok(Direction d, long it, double v) {
        return MetricResult.ok("M", v, Double.NaN, d, 10, it, 0, 0, "");
    }

    private static MetricResult failed(Direction d, long it) {
        return MetricResult.failed("M", d, it, 0, 0, "", "NaN images");
    }

    @ParameterizedTest
    @CsvSource({"LOWER_IS_BETTER,BEST,2,5.0,true", "LOWER_IS_BETTER,FINAL,4,7.0,true",
                "HIGHER_IS_BETTER,BEST,3,9.0,false", "HIGHER_IS_BETTER,FINAL,4,7.0,false"})
    void selectsByDirectionAndSelection(Direction d, Selection s, long iteration, double value, boolean minimize) {
        GanMetricScoreFunction f = GanMetricScoreFunction.of("M", d, s);
        List<MetricResult> series = List.of(ok(d, 1, 6), ok(d, 2, 5), ok(d, 3, 9), failed(d, 3), ok(d, 4, 7));
        MetricResult r = f.select(series);
        assertThat(r.iteration()).isEqualTo(iteration);
        assertThat(r.value()).isEqualTo(value);
        assertThat(f.minimize()).isEqualTo(minimize);
    }

    @Test
    void theEarliestOfEqualBestValuesCounts() {
        Direction d = Direction.LOWER_IS_BETTER;
        assertThat(GanMetricScoreFunction.of("M", d, Selection.BEST).select(List.of(ok(d, 1, 5), ok(d, 2, 5))).iteration())
                .isEqualTo(1);
    }

    @Test
    void noScoreWithoutASuccessfulEvaluation() {
        Direction d = Direction.LOWER_IS_BETTER;
        assertThatThrownBy(() -> GanMetricScoreFunction.of("M", d, Selection.BEST).select(List.of(failed(d, 10))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no successful evaluation of M")
                .hasMessageContaining("NaN images");
        assertThatThrownBy(() -> GanMetricScoreFunction.of("M", d, Selection.FINAL).select(List.of(ok(d, 5, 1), failed(d, 10))))
                .hasMessageContaining("the final evaluation of M (iteration 10) failed: NaN images");
        assertThatThrownBy(() -> GanMetricScoreFunction.of("M", d, Selection.BEST).select(List.of()))
                .hasMessageContaining("never evaluated");
        assertThatThrownBy(() -> GanMetricScoreFunction.of("M", d, Selection.BEST).score("a network", (Class<? extends org.deeplearning4j.arbiter.optimize.api.data.DataSource>) null, new java.util.Properties()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores a TrainedGan")
                .hasMessageContaining("java.lang.String");
    }
}
