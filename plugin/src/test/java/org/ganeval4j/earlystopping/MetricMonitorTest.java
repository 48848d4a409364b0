package org.ganeval4j.earlystopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricMonitorTest {
    private static MetricResult fid(long it, double v) {
        return MetricResult.ok("FID", v, Double.NaN, Direction.LOWER_IS_BETTER, 10, it, 0, 0, "");
    }

    @Test
    void patienceStopsAfterThatManyEvaluationsWithoutImprovement() {
        MetricMonitor m = MetricMonitor.builder("FID").minDelta(0.5).stopWhen(TerminationCondition.patience(3)).build();
        assertThat(m.update(fid(1, 100))).isTrue();
        assertThat(m.update(fid(2, 90))).isTrue();
        assertThat(m.update(fid(3, 89.8))).as("within minDelta").isFalse();
        assertThat(m.update(fid(4, 95))).isFalse();
        assertThat(m.shouldStop()).isFalse();
        assertThat(m.update(fid(5, 91))).isFalse();
        assertThat(m.shouldStop()).isTrue();
        assertThat(m.stopReason()).get().asString().contains("did not improve for 3 evaluations").contains("90.0");
        assertThat(m.best()).get().extracting(MetricResult::iteration).isEqualTo(2L);
    }

    @ParameterizedTest
    @CsvSource({"LOWER_IS_BETTER,50,49,true", "LOWER_IS_BETTER,50,51,false", "HIGHER_IS_BETTER,0.4,0.41,true",
                "HIGHER_IS_BETTER,0.4,0.39,false"})
    void targetFollowsTheDirection(Direction d, double target, double value, boolean stop) {
        MetricMonitor m = MetricMonitor.builder("M").stopWhen(TerminationCondition.target(target)).build();
        m.update(MetricResult.ok("M", value, Double.NaN, d, 1, 1, 0, 0, ""));
        assertThat(m.shouldStop()).isEqualTo(stop);
    }

    @Test
    void failuresCountAndNeverBecomeTheBest() {
        MetricMonitor m = MetricMonitor.builder("FID").stopWhen(TerminationCondition.consecutiveFailures(2)).build();
        m.update(fid(1, 10));
        m.update(MetricResult.failed("FID", Direction.LOWER_IS_BETTER, 2, 0, 0, "", "NaN in samples"));
        assertThat(m.shouldStop()).isFalse();
        m.update(MetricResult.failed("FID", Direction.LOWER_IS_BETTER, 3, 0, 0, "", "NaN in samples"));
        assertThat(m.stopReason()).get().asString().contains("2 failed evaluations in a row").contains("NaN");
        assertThat(m.best()).get().extracting(MetricResult::value).isEqualTo(10.0);
    }

    @Test
    void maxTimeIsCheckedWithoutEvaluations() throws Exception {
        MetricMonitor m = MetricMonitor.builder("FID").stopWhen(TerminationCondition.maxTime(Duration.ofMillis(20))).build();
        assertThat(m.shouldStop()).isFalse();
        Thread.sleep(40);
        assertThat(m.shouldStop()).isTrue();
    }

    @Test
    void builderRefusesWhatCouldNeverWork() {
        assertThatThrownBy(() -> TerminationCondition.patience(0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> MetricMonitor.builder("FID").minDelta(-1).build()).hasMessageContaining("minDelta");
        assertThatThrownBy(() -> MetricMonitor.builder(" ").build()).hasMessageContaining("blank");
        assertThatThrownBy(() -> MetricMonitor.builder("FID").build().update(
                MetricResult.ok("KID", 1, 0, Direction.LOWER_IS_BETTER, 1, 1, 0, 0, ""))).hasMessageContaining("KID");
    }
}
