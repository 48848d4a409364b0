package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HYPE scoring: error rates, the staircase, modal thresholds and the bootstrap interval, against hand-computed cases and numpy. */
class HypeTest {
    /** SplitMix64's next() in Python, on a global {@code state} masked by {@code M} (the script defines both). */
    private static final String SPLITMIX64_PY = String.join("\n",
            "def nxt():",
            "    global state",
            "    state = (state + 0x9E3779B97F4A7C15) & M",
            "    z = state",
            "    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M",
            "    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M",
            "    return z ^ (z >> 31)");

    /** Judgments from a compact spec: per judgment "F" (fake) or "R" (real), then "f" or "r" (answer), e.g. "Ff Rr Fr". */
    private static List<HypeJudgment> judgments(String evaluator, String spec) {
        List<HypeJudgment> out = new ArrayList<>();
        for (String t : spec.trim().split("\\s+")) {
            out.add(HypeJudgment.unlimited(evaluator, t.charAt(0) == 'F', t.charAt(1) == 'f'));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} + {1} → {2}% (fake {3}%, real {4}%)")
    @CsvSource({
        // evaluator a, evaluator b, score, fake error, real error: counted by hand
        "'Fr Ff Rf Rr', 'Ff Ff Rr Rr', 25, 25, 25",
        "'Fr Fr Rr Rr', 'Fr Fr Rr Rr', 50, 100, 0",
        "'Ff Ff Rf Rf', 'Ff Fr Rr Rr', 37.5, 25, 50",
        "'Ff Rr', 'Ff Fr Rf Rr Fr Rf', 50, 50, 50",
    })
    void infinityIsTheErrorRateOverAllJudgments(String a, String b, double score, double fakeError, double realError) {
        List<HypeJudgment> js = new ArrayList<>(judgments("a", a));
        js.addAll(judgments("b", b));
        HypeResult r = Hype.infinity(js, 200, 1);
        assertThat(r.mode()).isEqualTo(HypeResult.Mode.INFINITY);
        assertThat(r.score()).isEqualTo(score);
        assertThat(r.fakeErrorPercent()).isEqualTo(fakeError);
        assertThat(r.realErrorPercent()).isEqualTo(realError);
        assertThat(r.judgments()).isEqualTo(js.size());
        assertThat(r.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(r.evaluators()).extracting(HypeResult.EvaluatorScore::evaluator).containsExactly("a", "b");
    }

    @Test
    void perEvaluatorRowsCountErrorsAndBothKinds() {
        List<HypeJudgment> js = new ArrayList<>(judgments("zoe", "Fr Ff Ff Ff Rf Rr"));
        js.addAll(judgments("al", "Ff Rr"));
        HypeResult r = Hype.infinity(js, 10, 3);
        HypeResult.EvaluatorScore zoe = r.evaluators().get(1);
        assertThat(zoe.evaluator()).isEqualTo("zoe");
        assertThat(zoe.judgments()).isEqualTo(6);
        assertThat(zoe.errors()).isEqualTo(2);
        assertThat(zoe.score()).isCloseTo(100.0 / 3, within(1e-12));
        assertThat(zoe.fakeErrorPercent()).isEqualTo(25);
        assertThat(zoe.realErrorPercent()).isEqualTo(50);
        assertThat(r.evaluators().get(0).score()).isZero();
        assertThat(r.score()).isEqualTo(25);
    }

    @ParameterizedTest(name = "{0} → {1} ms")
    @CsvSource({
        // c = correct, x = wrong; 500 ms start, -30 ms after 3 correct in a row, +10 ms after each error
        "'', 500",
        "c, 500",
        "cc, 500",
        "ccc, 470",
        "x, 510",
        "ccx, 510",
        "cccccc, 440",
        "ccxccc, 480",
        "cccxcc, 480",
        "xxxxxxxxxx, 600",
    })
    void staircaseMovesAsThePaperSays(String answers, double expected) {
        boolean[] correct = new boolean[answers.length()];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = answers.charAt(i) == 'c';
        }
        assertThat(HypeStaircase.replay(correct).exposureMs()).isEqualTo(expected);
    }

    @Test
    void staircaseStaysWithin100And1000Ms() {
        HypeStaircase s = new HypeStaircase();
        for (int i = 0; i < 3 * 20; i++) {
            s.record(true);
        }
        assertThat(s.exposureMs()).isEqualTo(100);
        HypeStaircase t = new HypeStaircase();
        for (int i = 0; i < 60; i++) {
            t.record(false);
        }
        assertThat(t.exposureMs()).isEqualTo(1000);
        assertThrows(IllegalArgumentException.class, () -> new HypeStaircase(50, 100, 1000, 10, 30, 3));
        assertThrows(IllegalArgumentException.class, () -> new HypeStaircase(500, 100, 1000, 0, 30, 3));
    }

    @ParameterizedTest(name = "mode of {0} = {1}")
    @CsvSource({
        "'500 470 470 480', 470",
        "'500 470', 485",
        "'500', 500",
        "'500 510 500 510 520', 505",
        "'100 100 100 130 130', 100",
    })
    void modalExposureIsTheMostFrequentWithTiesAveraged(String exposures, double expected) {
        double[] e = java.util.Arrays.stream(exposures.split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(Hype.modalExposure(e)).isEqualTo(expected);
    }

    @Test
    void timeScoreIsTheMeanOfEvaluatorsMeanBlockModes() {
        List<HypeJudgment> js = new ArrayList<>();
        // ann: block 0 mode 470, block 1 mode 410 → 440; bob: one block, mode 300 → 300; score (440 + 300) / 2 = 370
        double[][] ann = {{500, 470, 470, 480}, {410, 410, 440}};
        for (int b = 0; b < ann.length; b++) {
            for (double e : ann[b]) {
                js.add(new HypeJudgment("ann", b, true, true, e));
            }
        }
        for (double e : new double[] {300, 300, 330}) {
            js.add(new HypeJudgment("bob", 0, false, true, e));
        }
        HypeResult r = Hype.time(js, 1000, 7);
        assertThat(r.mode()).isEqualTo(HypeResult.Mode.TIME);
        assertThat(r.evaluators().get(0).blockThresholdsMs()).containsExactly(470.0, 410.0);
        assertThat(r.evaluators().get(0).score()).isEqualTo(440);
        assertThat(r.evaluators().get(1).score()).isEqualTo(300);
        assertThat(r.score()).isEqualTo(370);
        // bob judged three real images fake: real error 100%, ann's fakes all right: fake error 0%
        assertThat(r.realErrorPercent()).isEqualTo(100);
        assertThat(r.fakeErrorPercent()).isZero();
        // with two evaluators the replicates are 300, 370 or 440 (p = 1/4, 1/2, 1/4): the 2.5% and 97.5% points are the ends
        assertThat(r.ciLow()).isEqualTo(300);
        assertThat(r.ciHigh()).isEqualTo(440);
    }

    @Test
    void oneEvaluatorHasAZeroWidthInterval() {
        HypeResult r = Hype.infinity(judgments("solo", "Fr Ff Rr Rr"), Hype.REPLICATES, 11);
        assertThat(r.score()).isEqualTo(25);
        assertThat(r.ciLow()).isEqualTo(25);
        assertThat(r.ciHigh()).isEqualTo(25);
        assertThat(r.standardError()).isZero();
    }

    @Test
    void twoEvaluatorsGiveTheirOwnScoresAsTheBounds() {
        // replicates: both a (0%), one each (25%), both b (50%), with p = 1/4, 1/2, 1/4 → 2.5% point 0, 97.5% point 50;
        // their standard deviation is sqrt(1/4·25² + 1/4·25²) = 17.68
        List<HypeJudgment> js = new ArrayList<>(judgments("a", "Ff Ff Rr Rr"));
        js.addAll(judgments("b", "Fr Ff Rf Rr"));
        HypeResult r = Hype.infinity(js, Hype.REPLICATES, 2024);
        assertThat(r.score()).isEqualTo(25);
        assertThat(r.ciLow()).isZero();
        assertThat(r.ciHigh()).isEqualTo(50);
        assertThat(r.standardError()).isCloseTo(25 / Math.sqrt(2), within(0.5));
    }

    @Test
    void bootstrapIsSeededAndMatchesNumpyOnTheSameDraws() throws Exception {
        // five evaluators with different numbers of judgments
        String[] specs = {"Ff Fr Rr Rr Ff Rf", "Ff Ff Rr Rr", "Fr Fr Rf Rr Ff Rr Fr Rr", "Ff Rr", "Fr Rf Rr Ff Ff Rr Rr"};
        List<HypeJudgment> js = new ArrayList<>();
        StringBuilder num = new StringBuilder();
        StringBuilder den = new StringBuilder();
        for (int i = 0; i < specs.length; i++) {
            List<HypeJudgment> e = judgments("e" + i, specs[i]);
            js.addAll(e);
            num.append(i == 0 ? "" : ",").append(e.stream().filter(HypeJudgment::error).count());
            den.append(i == 0 ? "" : ",").append(e.size());
        }
        long seed = 0x5EEDL;
        HypeResult r = Hype.infinity(js, 2000, seed);
        assertThat(Hype.infinity(js, 2000, seed)).isEqualTo(r);
        assertThat(Hype.infinity(js, 2000, seed + 1).standardError()).isNotEqualTo(r.standardError());

        String script = String.join("\n",
                "import sys, numpy as np",
                "M = (1 << 64) - 1",
                "num = np.array([float(x) for x in sys.argv[1].split(',')]); den = np.array([float(x) for x in sys.argv[2].split(',')])",
                "state = int(sys.argv[3]) & M; R = int(sys.argv[4]); n = len(num)",
                SPLITMIX64_PY,
                "reps = []",
                "for r in range(R):",
                "    d = [int((nxt() >> 11) * 2.0 ** -53 * n) for _ in range(n)]",
                "    reps.append(100.0 * num[d].sum() / den[d].sum())",
                "reps = np.array(reps)",
                "lo, hi = np.percentile(reps, [2.5, 97.5])",
                "print(*[repr(float(v)) for v in (100.0 * num.sum() / den.sum(), lo, hi, np.std(reps, ddof=1))])");
        String[] out = Python.check(script, num.toString(), den.toString(), Long.toString(seed), "2000").trim().split(" ");
        assertThat(r.score()).isCloseTo(Double.parseDouble(out[0]), within(1e-12));
        assertThat(r.ciLow()).isCloseTo(Double.parseDouble(out[1]), within(1e-9));
        assertThat(r.ciHigh()).isCloseTo(Double.parseDouble(out[2]), within(1e-9));
        assertThat(r.standardError()).isCloseTo(Double.parseDouble(out[3]), within(1e-9));
        assertThat(r.ciLow()).isLessThan(r.score());
        assertThat(r.ciHigh()).isGreaterThan(r.score());
    }

    @Test
    void splitMixShuffleMatchesItsPythonSpelling() throws Exception {
        int[] a = new int[20];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        new SplitMix64(-7).shuffle(a);
        String script = String.join("\n",
                "import sys",
                "M = (1 << 64) - 1",
                "state = int(sys.argv[1]) & M",
                SPLITMIX64_PY,
                "a = list(range(20))",
                "for i in range(19, 0, -1):",
                "    j = int((nxt() >> 11) * 2.0 ** -53 * (i + 1)); a[i], a[j] = a[j], a[i]",
                "print(' '.join(map(str, a)))");
        String expected = Python.check(script, "-7").trim();
        StringBuilder got = new StringBuilder();
        for (int v : a) {
            got.append(got.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%d", v));
        }
        assertThat(got.toString()).isEqualTo(expected);
    }

    @Test
    void badInputIsRefusedWithWhatWasFound() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Hype.infinity(List.of(), 10, 1)).getMessage())
                .contains("at least one judgment");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Hype.infinity(judgments("a", "Ff"), 0, 1))
                .getMessage()).contains("got 0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Hype.time(judgments("a", "Ff"), 10, 1))
                .getMessage()).contains("exposure");
        assertThrows(IllegalArgumentException.class, () -> new HypeJudgment(" ", 0, true, true, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new HypeJudgment("a", 0, true, true, -5));
        assertThrows(IllegalArgumentException.class, () -> Hype.modalExposure(new double[0]));
    }
}
