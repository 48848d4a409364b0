package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Stream;
import org.ganeval4j.metric.internal.LegacyNumpyRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first indices that torch-fidelity drew, recorded in {@code metrics/expected.json}: KID's
 * per-subset {@code choice(N_fake)}, {@code choice(N_real)} ({@code rng_check}) and the Inception
 * Score shuffle ({@code shuffle_perm_first16}), against {@link LegacyNumpyRandom}.
 */
class ReferenceRngTest {

    static Stream<Arguments> kidChecks() {
        return ReferenceCases.blocks("features", "rng_check");
    }

    static Stream<Arguments> shuffleChecks() {
        return ReferenceCases.blocks("logits", "shuffle_perm_first16");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kidChecks")
    void kidSubsetsAreTorchFidelitys(String name, String block) {
        JsonNode c = ReferenceCases.node(name);
        JsonNode e = c.get(block);
        JsonNode params = e.path("params");
        int subsets = params.path("kid_subsets").asInt();
        int size = params.path("kid_subset_size").asInt();
        int nFake = ReferenceCases.features(name, "fake").rows();
        int nReal = ReferenceCases.features(name, "real").rows();
        LegacyNumpyRandom rng = new LegacyNumpyRandom(params.path("rng_seed").asLong());
        int[] fake0 = null;
        int[] real0 = null;
        int[] fakeLast = null;
        int[] realLast = null;
        for (int s = 0; s < subsets; s++) {
            fakeLast = rng.choiceWithoutReplacement(nFake, size);
            realLast = rng.choiceWithoutReplacement(nReal, size);
            if (s == 0) {
                fake0 = fakeLast;
                real0 = realLast;
            }
        }
        JsonNode check = e.get("rng_check");
        assertThat(first(fake0, check, "subset0_fake_idx_first16")).containsExactly(ReferenceCases.ints(check.get("subset0_fake_idx_first16")));
        assertThat(first(real0, check, "subset0_real_idx_first16")).containsExactly(ReferenceCases.ints(check.get("subset0_real_idx_first16")));
        assertThat(first(fakeLast, check, "subset_last_fake_idx_first16"))
                .containsExactly(ReferenceCases.ints(check.get("subset_last_fake_idx_first16")));
        assertThat(first(realLast, check, "subset_last_real_idx_first16"))
                .containsExactly(ReferenceCases.ints(check.get("subset_last_real_idx_first16")));
    }

    private static int[] first(int[] drawn, JsonNode check, String key) {
        return Arrays.copyOf(drawn, check.get(key).size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shuffleChecks")
    void inceptionScoreShuffleIsTorchFidelitys(String name, String block) {
        JsonNode e = ReferenceCases.node(name).get(block);
        int n = ReferenceCases.logits(name).rows();
        int[] expected = ReferenceCases.ints(e.get("shuffle_perm_first16"));
        int[] perm = new LegacyNumpyRandom(e.path("params").path("rng_seed").asLong(2020)).permutation(n);
        assertThat(Arrays.copyOf(perm, expected.length)).containsExactly(expected);
    }
}
