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

    @ParameterizedTest(name = "{0}: {2} after {1} with minDelta {3} improves: {4}")
    @CsvSource({"LOWER_IS_BETTER,10,9,1,true", "LOWER_IS_BETTER,10,9.5,1,false", "LOWER_IS_BETTER,10,10,0,false",
                "LOWER_IS_BETTER,10,9.999,0,true", "HIGHER_IS_BETTER,0.5,0.75,0.25,true", "HIGHER_IS_BETTER,0.5,0.7,0.25,false",
                "HIGHER_IS_BETTER,0.5,0.5,0,false"})
    void anImprovementOfAtLeastMinDeltaCounts(Direction d, double first, double second, double minDelta, boolean improves) {
        MetricMonitor m = MetricMonitor.builder("M").minDelta(minDelta).build();
        assertThat(m.update(MetricResult.ok("M", first, Double.NaN, d, 1, 1, 0, 0, ""))).isTrue();
        assertThat(m.update(MetricResult.ok("M", second, Double.NaN, d, 1, 2, 0, 0, ""))).isEqualTo(improves);
    }

    @ParameterizedTest
    @CsvSource({"LOWER_IS_BETTER,50,49,true", "LOWER_IS_BETTER,50,51,false", "HIGHER_IS_BETTER,0.4,0.41,true",
                "HIGHER_IS_BETTER,0.4,0.39,false"})
    void targetFollowsTheDirection(Direction d, double target, double value, boolean stop) {
        MetricMonitor m = MetricMonitor.builder("M").stopWhen(TerminationCondition.target(target)).build();
        m.update(MetricResult.ok("M", value, Double.NaN, d, 1, 1, 0, 0, ""));
        assertThat(m.shouldStop()).isEqualTo(stop);
    }

    @ParameterizedTest
    @CsvSource({"LOWER_IS_BETTER,50,60", "HIGHER_IS_BETTER,0.4,0.3"})
    void reachByWaitsForItsIteration(Direction d, double threshold, double value) {
        MetricMonitor m = MetricMonitor.builder("M").stopWhen(TerminationCondition.reachBy(threshold, 200)).build();
        m.update(MetricResult.ok("M", value, Double.NaN, d, 1, 199, 0, 0, ""));
        assertThat(m.shouldStop()).as("missed the threshold, but before iteration 200").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"LOWER_IS_BETTER,50,60,true", "LOWER_IS_BETTER,50,50,false", "HIGHER_IS_BETTER,0.4,0.3,true",
                "HIGHER_IS_BETTER,0.4,0.5,false"})
    void reachByStopsARunThatMissedItsThreshold(Direction d, double threshold, double value, boolean stop) {
        MetricMonitor m = MetricMonitor.builder("M").stopWhen(TerminationCondition.reachBy(threshold, 100)).build();
        m.update(MetricResult.ok("M", value, Double.NaN, d, 1, 100, 0, 0, ""));
        assertThat(m.shouldStop()).isEqualTo(stop);
        if (stop) {
            assertThat(m.stopReason()).get().asString().contains("did not reach " + threshold + " by iteration 100");
        }
    }

    @Test
    void reachByCountsTheBestNotTheLatestAndFailuresAsMissing() {
        MetricMonitor m = MetricMonitor.builder("FID").stopWhen(TerminationCondition.reachBy(50, 20)).build();
        m.update(fid(10, 40));
        m.update(fid(20, 70));
        assertThat(m.shouldStop()).as("best 40 reached 50 earlier").isFalse();
        MetricMonitor f = MetricMonitor.builder("FID").stopWhen(TerminationCondition.reachBy(50, 20)).build();
        f.update(MetricResult.failed("FID", Direction.LOWER_IS_BETTER, 20, 0, 0, "", "NaN in samples"));
        assertThat(f.stopReason()).get().asString().contains("best none");
        assertThatThrownBy(() -> TerminationCondition.reachBy(Double.NaN, 10)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> TerminationCondition.reachBy(1, 0)).hasMessageContaining("got 0");
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
        // the public records check what their factories check (issue 17)
        assertThatThrownBy(() -> new TerminationCondition.Patience(0)).hasMessageContaining("patience must be >= 1");
        assertThatThrownBy(() -> new TerminationCondition.Target(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new TerminationCondition.ReachBy(1, 0)).hasMessageContaining(">= 1, got 0");
        assertThatThrownBy(() -> new TerminationCondition.MaxTime(java.time.Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TerminationCondition.ConsecutiveFailures(-2)).hasMessageContaining("got -2");
        assertThatThrownBy(() -> MetricMonitor.builder("FID").minDelta(-1).build()).hasMessageContaining("minDelta");
        assertThatThrownBy(() -> MetricMonitor.builder(" ").build()).hasMessageContaining("blank");
        assertThatThrownBy(() -> MetricMonitor.builder("FID").build().update(
                MetricResult.ok("KID", 1, 0, Direction.LOWER_IS_BETTER, 1, 1, 0, 0, ""))).hasMessageContaining("KID");
    }
}
