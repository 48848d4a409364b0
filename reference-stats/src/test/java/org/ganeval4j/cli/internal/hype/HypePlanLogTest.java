package org.ganeval4j.cli.internal.hype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ganeval4j.cli.internal.hype.HypePlan.Kind;
import org.ganeval4j.cli.internal.hype.HypePlan.Phase;
import org.ganeval4j.metric.HypeResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each evaluator's sequence (what resuming relies on) and the answer log's torn-line handling. */
class HypePlanLogTest {
    @TempDir
    Path tmp;

    private static HypeConfig config(HypeResult.Mode mode, int images, int blocks, int tutorial, int qualification,
                                     int checks, int pool) {
        return new HypeConfig(mode, images, blocks, tutorial, qualification, 0.65, checks, 42, 0, "r", "f", pool, pool, 8, 8,
                "");
    }

    @ParameterizedTest(name = "{0}: {1} × {2} scored, tutorial {3}, qualification {4}, checks {5}")
    @CsvSource({
        "INFINITY, 100, 1, 10, 100, 4",
        "TIME, 150, 3, 10, 0, 2",
        "INFINITY, 20, 1, 3, 4, 0",
    })
    void everyEvaluatorGetsTheirOwnFixedSequence(HypeResult.Mode mode, int images, int blocks, int tutorial,
                                                 int qualification, int checks) {
        HypeConfig c = config(mode, images, blocks, tutorial, qualification, checks, 600);
        HypePlan ann = HypePlan.of(c, "ann");
        assertThat(HypePlan.of(c, "ann")).isEqualTo(ann);
        assertThat(HypePlan.of(c, "bob").items()).isNotEqualTo(ann.items());
        assertThat(ann.size()).isEqualTo(c.totalTrials());
        // phases in order, blocks in order
        for (int i = 1; i < ann.size(); i++) {
            HypePlan.Item a = ann.get(i - 1);
            HypePlan.Item b = ann.get(i);
            assertThat(b.phase().ordinal() * 100 + b.block()).isGreaterThanOrEqualTo(a.phase().ordinal() * 100 + a.block());
        }
        // half real, half generated in each phase and block; the checks in the scored blocks only
        for (Phase p : Phase.values()) {
            for (int b = 0; b < blocks; b++) {
                int block = b;
                List<HypePlan.Item> part = ann.items().stream().filter(i -> i.phase() == p && i.block() == block).toList();
                long real = part.stream().filter(i -> i.kind() == Kind.REAL).count();
                long fake = part.stream().filter(i -> i.kind() == Kind.FAKE).count();
                long check = part.stream().filter(i -> i.kind() == Kind.CHECK).count();
                int n = p == Phase.TUTORIAL ? (b == 0 ? tutorial : 0) : p == Phase.QUALIFICATION ? (b == 0 ? qualification : 0)
                        : images;
                assertThat(real).isEqualTo(n / 2);
                assertThat(fake).isEqualTo(n - n / 2);
                assertThat(check).isEqualTo(p == Phase.MAIN ? checks : 0);
            }
        }
        // no real or generated image twice for one evaluator
        Set<String> ids = new HashSet<>();
        ann.items().stream().filter(i -> i.kind() != Kind.CHECK).forEach(i -> assertThat(ids.add(i.imageId())).isTrue());
    }

    @Test
    void aPoolTooSmallForTheProtocolIsRefused() {
        HypeConfig c = config(HypeResult.Mode.TIME, 150, 3, 10, 100, 4, 200);
        assertThat(assertThrows(IllegalArgumentException.class, () -> HypePlan.of(c, "ann")).getMessage())
                .contains("each evaluator sees 280 real and 280 generated images").contains("found 200 real");
    }

    private static TrialRecord record(int position) {
        return new TrialRecord("ann", position, Phase.MAIN, 0, Kind.FAKE, "fake:" + position, true, Double.NaN, 0, 16.7,
                Double.NaN, 400, 420, 1, "id" + position, Instant.parse("2024-01-01T00:00:00Z"), Instant.now());
    }

    @Test
    void aTornLastLineIsSkippedAndNeverGluedToTheNext() throws Exception {
        try (TrialLog log = TrialLog.open(tmp)) {
            log.append(record(0));
        }
        // a crash in the middle of the second line
        Files.writeString(tmp.resolve(TrialLog.FILE), "{\"v\":1,\"evaluator\":\"ann\",\"posi", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(TrialLog.read(tmp)).hasSize(1);
        try (TrialLog log = TrialLog.open(tmp)) {
            log.append(record(1));
        }
        List<String> lines = Files.readAllLines(tmp.resolve(TrialLog.FILE));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).endsWith("\"posi");
        assertThat(TrialLog.read(tmp)).extracting(TrialRecord::position).containsExactly(0, 1);
        TrialRecord back = TrialLog.read(tmp).get(1);
        assertThat(back.correct()).isTrue();
        assertThat(back.rtMs()).isEqualTo(400);
        assertThat(Double.isNaN(back.exposureMs())).isTrue();
    }
}
